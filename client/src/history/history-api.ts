import type { JSONContent } from '@tiptap/core';
import { isValidDocId } from '../../../shared/doc-id.js';
import {
  REST_LIMITS,
  type RestoreJson,
  type SaveVersionRequest,
  type VersionJson,
  type VersionPageJson,
} from '../../../shared/rest-api.js';
import { docApiUrl, ROUTES } from '../../../shared/routes.js';
import { ApiError, ensureOk } from '../app/api.js';

/** A document as the JSON export has it. */
export interface DocJson {
  title: string;
  content: JSONContent;
}

/** Formats the app offers to download. */
export type DownloadFormat = 'markdown' | 'html';

const versionsUrl = (base: string, docId: string) => `${docApiUrl(base, docId)}/versions`;

/** A page of a document's versions, newest first. */
export async function listVersions(
  base: string,
  docId: string,
  page: { limit?: number; before?: number } = {},
  fetchImpl: typeof fetch = fetch,
): Promise<VersionPageJson> {
  const query = new URLSearchParams({ limit: String(page.limit ?? REST_LIMITS.defaultPageSize) });
  if (page.before !== undefined) query.set('before', String(page.before));
  const response = await ensureOk(await fetchImpl(`${versionsUrl(base, docId)}?${query}`));
  return (await response.json()) as VersionPageJson;
}

/** Saves the current state as a named version. */
export async function saveVersion(
  base: string,
  docId: string,
  name: string,
  fetchImpl: typeof fetch = fetch,
): Promise<VersionJson> {
  const response = await ensureOk(
    await fetchImpl(versionsUrl(base, docId), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name } satisfies SaveVersionRequest),
    }),
  );
  return (await response.json()) as VersionJson;
}

/** Restores a version; the server keeps the state before as `backup`. */
export async function restoreVersion(
  base: string,
  docId: string,
  versionId: number,
  fetchImpl: typeof fetch = fetch,
): Promise<RestoreJson> {
  const response = await ensureOk(
    await fetchImpl(`${versionsUrl(base, docId)}/${versionId}/restore`, { method: 'POST' }),
  );
  return (await response.json()) as RestoreJson;
}

/** A version's title and content (ProseMirror JSON of the editor's schema). */
export async function fetchVersionContent(
  base: string,
  docId: string,
  versionId: number,
  fetchImpl: typeof fetch = fetch,
): Promise<DocJson> {
  const response = await ensureOk(await fetchImpl(`${versionsUrl(base, docId)}/${versionId}/export?format=json`));
  return (await response.json()) as DocJson;
}

/** Where a document (by id, or by read-only view id) is downloaded in a format. */
export function exportUrl(
  base: string,
  target: { docId: string } | { viewId: string },
  format: DownloadFormat,
): string {
  const path =
    'docId' in target
      ? `${docApiUrl(base, target.docId)}/export`
      : `${base.replace(/\/+$/, '')}${ROUTES.api}/r/${encodeURIComponent(target.viewId)}/export`;
  return `${path}?format=${format}`;
}

/** File types a document can be made from, by extension. */
const IMPORT_TYPES: Record<string, string> = {
  md: 'text/markdown',
  markdown: 'text/markdown',
  html: 'text/html',
  htm: 'text/html',
};

/** What `importFile` accepts, for `<input type=file accept>`. */
export const IMPORT_ACCEPT = '.md,.markdown,.html,.htm,text/markdown,text/html';

/** The media type to send a file as, or null if it is not Markdown or HTML. */
export function importTypeOf(file: { name: string; type: string }): string | null {
  const extension = /\.([a-z]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (IMPORT_TYPES[extension]) return IMPORT_TYPES[extension];
  if (file.type === 'text/markdown' || file.type === 'text/html') return file.type;
  return null;
}

/**
 * Creates a document from a Markdown or HTML file; its title is the file name without the extension
 * (an HTML file's `<title>` when it has one). The server stores the content before answering.
 */
export async function importFile(
  base: string,
  file: { name: string; type: string; text(): Promise<string> },
  fetchImpl: typeof fetch = fetch,
): Promise<{ id: string }> {
  const type = importTypeOf(file);
  if (!type) throw new ApiError(415, 'Choose a Markdown (.md) or HTML (.html) file.');
  const text = await file.text();
  const title = file.name.replace(/\.[^.]+$/, '');
  // An HTML page's own <title> wins over its file name (the server reads it when no title is given).
  const ownTitle = type === 'text/html' && /<title[^>]*>\s*[^<\s]/i.test(text);
  const query = ownTitle ? '' : `?title=${encodeURIComponent(title)}`;
  const response = await ensureOk(
    await fetchImpl(`${base.replace(/\/+$/, '')}${ROUTES.api}${query}`, {
      method: 'POST',
      headers: { 'content-type': `${type}; charset=utf-8` },
      body: text,
    }),
  );
  const body = (await response.json()) as { id?: unknown };
  if (!isValidDocId(body.id)) throw new ApiError(response.status, 'The server sent an invalid document id.');
  return { id: body.id };
}
