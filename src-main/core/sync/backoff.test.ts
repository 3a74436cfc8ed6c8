import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, backoffDelay } from './backoff';

describe('backoffDelay (full jitter)', () => {
  it('waits up to 1 s, then doubles the ceiling each attempt up to 60 s', () => {
    expect(backoffDelay(0, () => 0.999)).toBe(999);
    expect(backoffDelay(3, () => 0.5)).toBe(4_000);
    expect(backoffDelay(6, () => 0.999)).toBe(59_940);
    expect(backoffDelay(40, () => 0.999)).toBeLessThan(BACKOFF_CAP_MS);
  });

  it('may retry at once: the spread starts at zero', () => {
    expect(backoffDelay(5, () => 0)).toBe(0);
  });
});
