import { describe, expect, it } from 'vitest';
import { type FormatQueueLimits, FormatScheduler, type QueueEntry } from './format-scheduler.js';

const LIMITS: FormatQueueLimits = { maxWaiting: 10, maxWaitingBytes: 1000, maxPerClient: 4, smallTaskBytes: 10 };

/** Holds and fills a place for `client` with a job named `name`; fails the test if refused. */
function add(scheduler: FormatScheduler<string>, client: string, name: string, bytes = 100): QueueEntry<string> {
  const entry = scheduler.hold(client, bytes);
  if (typeof entry === 'string') throw new Error(`refused: ${entry}`);
  scheduler.fill(entry, name, bytes);
  return entry;
}

describe('FormatScheduler', () => {
  it('serves the client with the fewest tasks running first, round-robin among equals', () => {
    const scheduler = new FormatScheduler<string>(LIMITS);
    for (const name of ['a1', 'a2', 'a3']) add(scheduler, 'alice', name);
    add(scheduler, 'bob', 'b1');
    add(scheduler, 'carol', 'c1');
    const order = [1, 2, 3, 4, 5].map(() => scheduler.take('any')?.job);
    expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'a3']);
    expect(scheduler.take('any')).toBeNull();
    expect(scheduler.running).toBe(5);
  });

  it('a client whose task finished does not jump ahead of one still waiting its turn', () => {
    const scheduler = new FormatScheduler<string>(LIMITS);
    add(scheduler, 'alice', 'a1');
    const running = scheduler.take('any') as QueueEntry<string>;
    add(scheduler, 'alice', 'a2');
    add(scheduler, 'bob', 'b1');
    // Alice has one running, Bob none: Bob first.
    expect(scheduler.take('any')?.job).toBe('b1');
    scheduler.finish(running);
    expect(scheduler.take('any')?.job).toBe('a2');
  });

  it('the small lane takes only small tasks, even past the same client’s big one', () => {
    const scheduler = new FormatScheduler<string>(LIMITS);
    add(scheduler, 'alice', 'big', 500);
    add(scheduler, 'alice', 'small', 5);
    expect(scheduler.take('small')?.job).toBe('small');
    expect(scheduler.take('small')).toBeNull();
    expect(scheduler.take('any')?.job).toBe('big');
  });

  it('a held place is not taken until filled, and counts against every bound', () => {
    const scheduler = new FormatScheduler<string>({ ...LIMITS, maxWaiting: 2 });
    const held = scheduler.hold('alice', 300);
    expect(typeof held).toBe('object');
    expect(scheduler.take('any')).toBeNull();
    expect(scheduler.waitingBytes).toBe(300);
    add(scheduler, 'bob', 'b1');
    expect(scheduler.hold('carol', 1)).toBe('queue_full');
    scheduler.release(held as QueueEntry<string>);
    expect({ waiting: scheduler.waiting, bytes: scheduler.waitingBytes }).toEqual({ waiting: 1, bytes: 100 });
  });

  it('refuses past the per-client cap (running included), the task count and the byte budget', () => {
    const scheduler = new FormatScheduler<string>(LIMITS);
    for (const name of ['a1', 'a2']) add(scheduler, 'alice', name);
    scheduler.take('any');
    for (const name of ['a3', 'a4']) add(scheduler, 'alice', name);
    expect(scheduler.hold('alice', 1)).toBe('client_busy');
    // 3 waiting × 100 bytes: 700 more fit, 701 do not.
    expect(scheduler.hold('bob', 701)).toBe('queue_full');
    add(scheduler, 'bob', 'b1', 700);
    expect(scheduler.hold('carol', 1)).toBe('queue_full');
  });

  it('always admits one waiting task, however large, so a big import is never refused on an idle server', () => {
    const scheduler = new FormatScheduler<string>(LIMITS);
    add(scheduler, 'alice', 'huge', 5000);
    expect(scheduler.hold('bob', 1)).toBe('queue_full');
    expect(scheduler.take('any')?.job).toBe('huge');
    expect(typeof scheduler.hold('bob', 1)).toBe('object');
  });

  it('a task a free worker takes at once passes a full queue; only its client’s cap applies', () => {
    const scheduler = new FormatScheduler<string>({ ...LIMITS, maxWaiting: 1, maxPerClient: 1 });
    add(scheduler, 'alice', 'a1');
    expect(scheduler.hold('bob', 5)).toBe('queue_full');
    expect(typeof scheduler.hold('bob', 5, true)).toBe('object');
    expect(scheduler.hold('alice', 5, true)).toBe('client_busy');
  });

  it('drains every waiting place for closing', () => {
    const scheduler = new FormatScheduler<string>(LIMITS);
    add(scheduler, 'alice', 'a1');
    add(scheduler, 'bob', 'b1');
    scheduler.take('any');
    expect(scheduler.drain().map((entry) => entry.job)).toEqual(['b1']);
    expect({ waiting: scheduler.waiting, bytes: scheduler.waitingBytes, running: scheduler.running }).toEqual({
      waiting: 0,
      bytes: 0,
      running: 1,
    });
  });
});
