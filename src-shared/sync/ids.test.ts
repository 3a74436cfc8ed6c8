import { describe, expect, it } from 'vitest';
import { clientNoOf, createIdAllocator, MAX_CLIENT_NO, MAX_MUTATION_ID, mutationEntityId } from './ids';

describe('mutation entity ids', () => {
  it('are unique per client, mutation and position and stay below 2^53', () => {
    const a = createIdAllocator(1, 1);
    const ids = [a(), a(), createIdAllocator(2, 1)(), createIdAllocator(1, 2)()];
    expect(new Set(ids).size).toBe(4);
    expect(mutationEntityId(MAX_CLIENT_NO, MAX_MUTATION_ID, 15)).toBe(Number.MAX_SAFE_INTEGER);
    expect(clientNoOf(ids[2]!)).toBe(2);
    expect(clientNoOf(42)).toBe(0);
  });
  it('refuse a 17th row in one mutation and out-of-range inputs', () => {
    const a = createIdAllocator(3, 9);
    for (let i = 0; i < 16; i++) a();
    expect(() => a()).toThrow(/at most 16/);
    expect(() => mutationEntityId(0, 1, 0)).toThrow(RangeError);
    expect(() => mutationEntityId(1, MAX_MUTATION_ID + 1, 0)).toThrow(RangeError);
  });
});
