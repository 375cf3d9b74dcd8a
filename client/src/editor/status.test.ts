import { describe, expect, it } from 'vitest';
import { type ConnectionState, connectionLabel, SAVE_LABELS, saveStateOf } from './status.js';

describe('save status', () => {
  it('says saved only when connected, synced and every sent update is acknowledged', () => {
    expect(saveStateOf({ connection: 'connected', synced: true, sent: 3, acked: 3 })).toBe('saved');
    expect(saveStateOf({ connection: 'connected', synced: true, sent: 0, acked: 0 })).toBe('saved');
    expect(saveStateOf({ connection: 'connected', synced: true, sent: 3, acked: 2 })).toBe('saving');
    expect(saveStateOf({ connection: 'connected', synced: false, sent: 1, acked: 1 })).toBe('saving');
  });

  it('says offline whenever the connection is gone, whatever was acknowledged before', () => {
    for (const connection of ['reconnecting', 'offline', 'refused'] as ConnectionState[]) {
      expect(saveStateOf({ connection, synced: true, sent: 1, acked: 1 })).toBe('offline');
    }
  });

  it('says saving, not offline, during the first connection attempt', () => {
    expect(saveStateOf({ connection: 'connecting', synced: false, sent: 0, acked: 0 })).toBe('saving');
  });

  it('has the promised words', () => {
    expect(SAVE_LABELS).toEqual({
      saved: 'Saved',
      saving: 'Saving…',
      offline: 'Offline — changes kept on this device',
    });
  });
});

describe('connection status', () => {
  it('counts down while waiting to reconnect', () => {
    expect(connectionLabel('reconnecting', 4200)).toBe('Reconnecting in 4 s');
    expect(connectionLabel('reconnecting', 600)).toBe('Reconnecting in 1 s');
    expect(connectionLabel('reconnecting', 100)).toBe('Reconnecting…');
    expect(connectionLabel('reconnecting')).toBe('Reconnecting…');
  });

  it('names every state', () => {
    expect(connectionLabel('connecting')).toBe('Connecting…');
    expect(connectionLabel('connected')).toBe('Connected');
    expect(connectionLabel('offline')).toBe('Offline');
    expect(connectionLabel('refused')).toBe('Disconnected');
  });
});
