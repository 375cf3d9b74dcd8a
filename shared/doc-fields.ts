import type * as Y from 'yjs';

/**
 * Names of the shared types inside every Quire document. The web client edits them and the
 * server exports and imports documents from them, so both sides must agree.
 */
export const DOC_FIELDS = {
  /** The rich-text body: a `Y.XmlFragment` bound to Tiptap (Collaboration `field: 'content'`). */
  content: 'content',
  /** The document title: a plain `Y.Text`. */
  title: 'title',
} as const;

/** Longest title the client lets anyone type; longer titles from other clients are shown cut. */
export const MAX_TITLE_LENGTH = 200;

/** The rich-text body of a document. */
export const contentFragment = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment(DOC_FIELDS.content);

/** The title of a document. */
export const titleText = (doc: Y.Doc): Y.Text => doc.getText(DOC_FIELDS.title);
