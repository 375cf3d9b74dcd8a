import type { Refusal } from '../editor/status.js';

/** Heading and advice for the refusals a document page can meet; the message itself comes from the server. */
const REFUSALS: Record<number, { heading: string; advice: string }> = {
  4400: { heading: 'This link does not work', advice: 'Check that the whole link was copied.' },
  4401: { heading: 'Sign-in required', advice: 'Open the document from the site that gave you the link.' },
  4403: { heading: 'No access', advice: 'Ask the owner of the document to share it with you.' },
  4404: { heading: 'Document not found', advice: 'The link may be old or mistyped.' },
  4410: { heading: 'Document deleted', advice: 'Start a new document, or ask its owner for a copy.' },
  4413: { heading: 'Document full', advice: 'Start a new document to keep writing.' },
};

/** What the error page says for a refusal: a heading, the server's message, and what to do. */
export function refusalPage(refusal: Refusal): { heading: string; message: string; advice: string } {
  const known = REFUSALS[refusal.code];
  return {
    heading: known?.heading ?? 'This document cannot be opened',
    message: refusal.message,
    advice: known?.advice ?? '',
  };
}
