/**
 * Allows at most `max` restarts within a sliding `windowMs`: a core that crashes once a day is
 * restarted forever, one that crashes on every start gives up quickly instead of looping.
 */
export function createRestartBudget(max: number, windowMs: number): { tryConsume(now: number): boolean } {
  const recent: number[] = [];
  return {
    tryConsume(now) {
      while (recent.length > 0 && now - (recent[0] ?? now) >= windowMs) recent.shift();
      if (recent.length >= max) return false;
      recent.push(now);
      return true;
    },
  };
}
