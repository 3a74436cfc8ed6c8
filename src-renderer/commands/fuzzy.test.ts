import { describe, expect, it } from 'vitest';
import { fuzzyScore } from './fuzzy';

describe('fuzzyScore', () => {
  it('matches letters in order, case-insensitively', () => {
    expect(fuzzyScore('slv', 'Solve conversation')).not.toBeNull();
    expect(fuzzyScore('vls', 'Solve conversation')).toBeNull();
    expect(fuzzyScore('SOLVE', 'solve')).not.toBeNull();
  });

  it('ranks consecutive word-start matches above scattered ones', () => {
    const solve = fuzzyScore('sol', 'Solve')!;
    const showAll = fuzzyScore('sol', 'Show all')!;
    expect(solve).toBeGreaterThan(showAll);
  });

  it('an empty query matches everything', () => {
    expect(fuzzyScore('  ', 'anything')).toBe(0);
  });
});
