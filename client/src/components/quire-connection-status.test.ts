// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QuireConnectionStatus } from './quire-connection-status.js';

const label = (element: QuireConnectionStatus) => element.renderRoot.querySelector('.label')?.textContent;

describe('<quire-connection-status>', () => {
  let element: QuireConnectionStatus;
  beforeEach(() => {
    vi.useFakeTimers();
    element = new QuireConnectionStatus();
    document.body.append(element);
  });
  afterEach(() => {
    element.remove();
    vi.useRealTimers();
  });

  it('counts down to the next attempt every second, as a Retry button, and stops its timer when connected', async () => {
    element.state = 'reconnecting';
    element.retryAt = Date.now() + 5000;
    await element.updateComplete;
    expect(label(element)).toBe('Reconnecting in 5 s');
    expect(element.renderRoot.querySelector('button')?.textContent).toContain('Retry');

    await vi.advanceTimersByTimeAsync(2000);
    await element.updateComplete;
    expect(label(element)).toBe('Reconnecting in 3 s');

    element.state = 'connected';
    element.retryAt = null;
    await element.updateComplete;
    expect(label(element)).toBe('Connected');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps no timer while off the page', async () => {
    element.state = 'offline';
    element.retryAt = Date.now() + 60_000;
    await element.updateComplete;
    expect(vi.getTimerCount()).toBe(1);
    element.remove();
    expect(vi.getTimerCount()).toBe(0);
    document.body.append(element);
    await element.updateComplete;
    expect(vi.getTimerCount()).toBe(1);
  });
});
