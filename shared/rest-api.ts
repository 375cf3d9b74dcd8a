/**
 * The JSON of the REST API under `/api/docs`, as the server sends it and the client and tests read it:
 * the wire contract of HTTP, as `protocol/` is the contract of the socket. Times are ISO 8601 strings.
 */

/** Every error answer's body: a code for programs (`not_found`, `invalid_name`…) and a sentence for people. */
export interface ApiErrorBody {
  error: string;
  message: string;
}

/** A document's metadata: `GET /api/docs/<id>`, `POST /api/docs` (201), and each item of the list. */
export interface DocMetaJson {
  id: string;
  /** Stored bytes of the document. */
  size: number;
  createdAt: string;
  updatedAt: string;
  /** Connections open to it now, on this instance. */
  peers: number;
  /** Its read-only link's id, present only for callers who may edit it. */
  viewId?: string;
}

/** `GET /api/docs/r/<viewId>`: a read-only link's metadata, without the document's own (editable) id. */
export type ViewMetaJson = Omit<DocMetaJson, 'id' | 'viewId'> & { viewId: string; readOnly: true };

/** One version: `GET …/versions/<id>`, `POST …/versions` (201), and each item of the list. */
export interface VersionJson {
  id: number;
  /** `auto`: kept by the server after editing pauses; `named`: saved by someone under a name. */
  kind: 'auto' | 'named';
  name: string | null;
  /** Who edited since the version before. */
  editors: string[];
  createdAt: string;
  /** Stored bytes of the version. */
  size: number;
}

/** `POST /api/docs/<id>/versions`. */
export interface SaveVersionRequest {
  name: string;
}

/** `POST /api/docs/<id>/versions/<versionId>/restore`: the version restored and the text before, kept as a version. */
export interface RestoreJson {
  restored: VersionJson;
  backup: VersionJson;
}

/**
 * A page of a list: `items` and the cursor of the next page (`after=` for documents, `before=` for
 * versions), null on the last page.
 */
export type PageJson<Key extends string, Item, Cursor> = { [K in Key]: Item[] } & { next: Cursor | null };

/** `GET /api/docs?limit=&after=`: documents by id. */
export type DocPageJson = PageJson<'docs', DocMetaJson, string>;

/** `GET /api/docs/<id>/versions?limit=&before=`: versions, newest first. */
export type VersionPageJson = PageJson<'versions', VersionJson, number>;

/** The REST API's own bounds (the server's configurable ones are in `limits.ts`). */
export const REST_LIMITS = {
  /** Largest `limit` of a list request: one page is one bounded read. */
  maxPageSize: 200,
  /** A list request's `limit` when it names none. */
  defaultPageSize: 50,
  /** Longest version name, in characters, after runs of spaces become one. */
  maxVersionNameLength: 200,
} as const;
