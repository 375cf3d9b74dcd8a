/** Bundles the server into dist/server/ (see build-server.mjs). */
export function buildServer(): Promise<void>;

/** Node's arguments to run the bundle (see build-server.mjs). */
export function serverNodeArgs(): string[];
