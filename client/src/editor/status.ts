/** What the connection indicator shows. Also the `data-state` of `[data-testid=connection-status]`. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused';

/** What the save indicator shows. Also the `data-state` of `[data-testid=save-status]`. */
export type SaveState = 'saved' | 'saving' | 'offline';

/** Why the server refused for good: a 44xx code and a sentence for people. */
export interface Refusal {
  code: number;
  message: string;
}

/** Everything the indicators of one open document show. */
export interface SessionState {
  connection: ConnectionState;
  save: SaveState;
  synced: boolean;
  /** When the next reconnect attempt starts (epoch ms), while waiting for it. */
  retryAt: number | null;
  refusal: Refusal | null;
}

export interface SaveInputs {
  connection: ConnectionState;
  /** The server's state has been received on this connection. */
  synced: boolean;
  /** Updates sent on this connection. */
  sent: number;
  /** Of those, how many the server acknowledged as durable. */
  acked: number;
}

/**
 * "Saved" only when connected, synced, and every update sent on this connection was acknowledged as
 * durable. Edits made while disconnected are in IndexedDB and travel in the sync step 2 of the next
 * connection, which is counted like any other update, so they are covered too.
 */
export function saveStateOf({ connection, synced, sent, acked }: SaveInputs): SaveState {
  if (connection === 'connected') return synced && acked >= sent ? 'saved' : 'saving';
  // The first attempt takes a moment; "offline" would be a false alarm on every page load.
  if (connection === 'connecting') return 'saving';
  return 'offline';
}

export const SAVE_LABELS: Record<SaveState, string> = {
  saved: 'Saved',
  saving: 'Saving…',
  offline: 'Offline — changes kept on this device',
};

/** Short text for the connection indicator. `retryInMs` counts down while waiting to reconnect. */
export function connectionLabel(state: ConnectionState, retryInMs: number | null = null): string {
  switch (state) {
    case 'connecting':
      return 'Connecting…';
    case 'connected':
      return 'Connected';
    case 'reconnecting':
      return retryInMs !== null && retryInMs >= 500
        ? `Reconnecting in ${Math.round(retryInMs / 1000)} s`
        : 'Reconnecting…';
    case 'offline':
      return 'Offline';
    case 'refused':
      return 'Disconnected';
  }
}
