import { describe, expect, it } from 'vitest';
import { createRestartBudget } from './restart-budget';

describe('createRestartBudget', () => {
  it('allows max restarts per window, then refuses until the window slides', () => {
    const budget = createRestartBudget(3, 60_000);
    expect([0, 1_000, 2_000].map((t) => budget.tryConsume(t))).toEqual([true, true, true]);
    expect(budget.tryConsume(3_000)).toBe(false);
    expect(budget.tryConsume(60_000)).toBe(true); // the restart at t=0 has aged out
    expect(budget.tryConsume(60_500)).toBe(false);
  });
});
