/**
 * `isoMonth` remembers the month it answered last: whatever order instants come in, it must
 * give what the ISO text of each instant says.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoMonth } from '../../src/util/dates.js';

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 7);

describe('isoMonth', () => {
  it('is right at the edges of months, years and a leap February, in any order', () => {
    const edges = [
      Date.UTC(2024, 1, 29, 23, 59, 59, 999), // the last instant of a leap February
      Date.UTC(2024, 2, 1), // the first of March
      Date.UTC(2025, 11, 31, 23, 59, 59, 999),
      Date.UTC(2026, 0, 1),
      Date.UTC(2026, 0, 1) - 1,
      0,
      -1, // the last instant of 1969
    ];
    for (const ms of [...edges, ...[...edges].reverse(), ...edges])
      expect(isoMonth(ms)).toBe(iso(ms));
  });

  it('gives the ISO text’s month for any instant, after any other', () => {
    const instant = fc.integer({ min: Date.UTC(1970, 0, 1) - 1e10, max: Date.UTC(2100, 0, 1) });
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 20 }), (instants) => {
        for (const ms of instants) expect(isoMonth(ms)).toBe(iso(ms));
      }),
    );
  });
});
