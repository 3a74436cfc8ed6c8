import { describe, expect, it } from 'vitest';
import { toFtsQuery } from './fts-query';

describe('toFtsQuery', () => {
  it('quotes every term and makes the last one a prefix while typing', () => {
    expect(toFtsQuery('where is my ord')).toBe('"where" "is" "my" "ord" *');
    expect(toFtsQuery('refund ')).toBe('"refund"');
  });

  it('turns an email address or order number into a phrase', () => {
    expect(toFtsQuery('jane.doe@exam')).toBe('"jane doe exam" *');
    expect(toFtsQuery('jane.doe@example.com')).toBe('"jane doe example com"');
    expect(toFtsQuery('#NW-10023 late')).toBe('"NW 10023" "late" *');
  });

  it('neutralizes FTS5 syntax typed by the user', () => {
    expect(toFtsQuery('refund OR "NOT" -ab:cd (')).toBe('"refund" "OR" "NOT" "ab cd" *');
    expect(toFtsQuery('  *** "" ')).toBeNull();
  });

  it('does not prefix a single letter', () => {
    expect(toFtsQuery('parcel a')).toBe('"parcel" "a"');
  });
});
