import { describe, expect, it } from 'vitest';
import { encodeAck, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate } from '../../../shared/protocol/encode.js';
import { AckTracker, countingWebSocket, isCountedFrame } from './ack-tracker.js';

const update = new Uint8Array([0, 0]);

describe('durable ack counting', () => {
  it('counts sync step 2 and updates, not step 1, awareness or text', () => {
    expect(isCountedFrame(encodeSyncStep2(update))).toBe(true);
    expect(isCountedFrame(encodeSyncUpdate(update))).toBe(true);
    expect(isCountedFrame(encodeSyncUpdate(update).buffer)).toBe(true);
    expect(isCountedFrame(encodeSyncStep1(update))).toBe(false);
    expect(isCountedFrame(new Uint8Array([1, 2, 0]))).toBe(false);
    expect(isCountedFrame(encodeAck(3))).toBe(false);
    expect(isCountedFrame(new Uint8Array([0]))).toBe(false);
    expect(isCountedFrame('0,2')).toBe(false);
  });

  it('reads a frame inside a larger buffer at its offset', () => {
    const big = new Uint8Array([9, 9, 0, 2, 0, 0]);
    expect(isCountedFrame(big.subarray(2))).toBe(true);
    expect(isCountedFrame(big.subarray(0, 2))).toBe(false);
  });

  it('is saved once the server acknowledged everything sent on this connection', () => {
    const tracker = new AckTracker();
    const socket = {};
    tracker.reset(socket);
    tracker.recordSend(socket, encodeSyncStep1(update));
    tracker.recordSend(socket, encodeSyncStep2(update));
    tracker.recordSend(socket, encodeSyncUpdate(update));
    expect([tracker.sent, tracker.pending]).toEqual([2, 2]);
    tracker.recordAck(socket, 1);
    expect(tracker.pending).toBe(1);
    tracker.recordAck(socket, 0); // never goes backwards
    expect(tracker.acked).toBe(1);
    tracker.recordAck(socket, 2);
    expect(tracker.pending).toBe(0);
  });

  it('starts over on a new connection and ignores acks from the old one', () => {
    const tracker = new AckTracker();
    const first = {};
    const second = {};
    tracker.reset(first);
    tracker.recordSend(first, encodeSyncUpdate(update));
    tracker.recordSend(second, encodeSyncUpdate(update));
    expect([tracker.sent, tracker.acked]).toEqual([1, 0]);
    tracker.recordAck(first, 5);
    expect(tracker.acked).toBe(0);
    tracker.recordAck(second, Number.NaN);
    expect(tracker.acked).toBe(0);
    tracker.recordAck(second, 1);
    expect(tracker.pending).toBe(0);
  });

  it('wraps a WebSocket class and reports each frame it accepted', () => {
    const delivered: unknown[] = [];
    class FakeSocket {
      send(data: unknown) {
        if (data === 'boom') throw new Error('not open');
        delivered.push(data);
      }
    }
    const reported: unknown[] = [];
    const Counting = countingWebSocket(FakeSocket as unknown as typeof WebSocket, (socket, data) => {
      expect(socket).toBeInstanceOf(FakeSocket);
      reported.push(data);
    });
    const socket = new (Counting as unknown as new () => { send(data: unknown): void })();
    const frame = encodeSyncUpdate(update);
    socket.send(frame);
    expect(() => socket.send('boom')).toThrow('not open');
    expect(delivered).toEqual([frame]);
    expect(reported).toEqual([frame]);
  });
});
