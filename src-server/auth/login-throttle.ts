/**
 * Slows down password guessing per email. After FREE_FAILURES failed sign-ins an email is locked
 * for a while, doubling with each further failure; a success clears it. Unknown emails are
 * counted exactly like known ones, so the lock says nothing about which accounts exist.
 */
const FREE_FAILURES = 5;
const FIRST_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
/** An email with no failure for this long starts afresh. */
const FORGET_AFTER_MS = 60 * 60_000;
/** Bounds memory under a flood of made-up emails: the oldest entries go first. */
const MAX_TRACKED = 10_000;

interface Failures {
  count: number;
  lastAt: number;
  lockedUntil: number;
}

export function createLoginThrottle(now: () => number = Date.now) {
  const byEmail = new Map<string, Failures>();

  const current = (email: string): Failures | undefined => {
    const f = byEmail.get(email);
    if (f && now() - f.lastAt > FORGET_AFTER_MS) {
      byEmail.delete(email);
      return undefined;
    }
    return f;
  };

  return {
    /** Milliseconds until `email` may try again; 0 when it may now. */
    waitMs(email: string): number {
      const f = current(email);
      return f ? Math.max(0, f.lockedUntil - now()) : 0;
    },
    failed(email: string): void {
      const f = current(email) ?? { count: 0, lastAt: 0, lockedUntil: 0 };
      f.count += 1;
      f.lastAt = now();
      if (f.count >= FREE_FAILURES) f.lockedUntil = now() + Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (f.count - FREE_FAILURES));
      byEmail.delete(email);
      byEmail.set(email, f);
      if (byEmail.size > MAX_TRACKED) byEmail.delete(byEmail.keys().next().value as string);
    },
    succeeded(email: string): void {
      byEmail.delete(email);
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
