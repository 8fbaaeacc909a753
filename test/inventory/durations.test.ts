/**
 * Durations (`settings.window`, `settings.stale_after`, `--since`) are bounded to 1000 years in
 * one rule: `window: 300000y` or a 20-digit count used to pass `validate` and then crash the
 * audit (exit 3) or compute with an instant no Date can hold.
 */
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { checkDuration, MAX_DURATION, subtractDuration } from '../../src/util/dates.js';
import { inventoryText, makeRepo, problemLines, runInProcess, writeInventory } from './cli.js';

const repo = makeRepo('mldebt-durations-');
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('checkDuration: the one rule for every duration', () => {
  it('accepts up to 1000 years in each unit and refuses one more', () => {
    for (const [unit, max] of Object.entries(MAX_DURATION)) {
      expect(checkDuration(`${max}${unit}`)).toBeUndefined();
      expect(checkDuration(`${max + 1}${unit}`)).toBe(
        'expected a duration of at most 1000 years (365000d, 52000w, 12000m or 1000y)',
      );
    }
    expect(MAX_DURATION).toEqual({ d: 365_000, w: 52_000, m: 12_000, y: 1_000 });
  });

  it('refuses a 20-digit or 400-digit count as too long, and other forms as not a duration', () => {
    expect(checkDuration('99999999999999999999d')).toMatch(/^expected a duration of at most/);
    expect(checkDuration(`${'9'.repeat(400)}y`)).toMatch(/^expected a duration of at most/);
    for (const bad of ['', '0d', '090d', '1.5w', '-3d', '3 d', '3D', '3h', 'd']) {
      expect(checkDuration(bad)).toBe('expected a duration like 180d, 26w, 12m or 1y');
    }
  });
});

describe('subtractDuration', () => {
  const until = Date.parse('2026-06-30T12:00:00Z');

  it('goes back 1000 years at most, in any unit, to a real date', () => {
    expect(new Date(subtractDuration(until, '1000y')).toISOString()).toBe(
      '1026-06-30T12:00:00.000Z',
    );
    expect(new Date(subtractDuration(until, '12000m')).toISOString()).toBe(
      '1026-06-30T12:00:00.000Z',
    );
    expect(() => subtractDuration(until, '300000y')).toThrow(UserError);
    expect(() => subtractDuration(until, '99999999999999999999d')).toThrow(
      'expected a duration of at most 1000 years (365000d, 52000w, 12000m or 1000y), got "99999999999999999999d"',
    );
  });

  it('a calendar month back from the 31st ends on the last day of the shorter month', () => {
    const iso = (day: string, duration: string) =>
      new Date(subtractDuration(Date.parse(`${day}T12:00:00Z`), duration)).toISOString();
    expect(iso('2026-03-31', '1m')).toBe('2026-02-28T12:00:00.000Z');
    expect(iso('2028-03-31', '1m')).toBe('2028-02-29T12:00:00.000Z');
    expect(iso('2026-05-31', '1m')).toBe('2026-04-30T12:00:00.000Z');
    expect(iso('2028-02-29', '1y')).toBe('2027-02-28T12:00:00.000Z');
    expect(iso('2026-12-31', '10m')).toBe('2026-02-28T12:00:00.000Z');
    expect(iso('2026-11-21', '12m')).toBe('2025-11-21T12:00:00.000Z');
    // Years below 100 are years, not 1900 + n: year 0 is a leap year, 1900 is not.
    expect(iso('1000-03-31', '1000y')).toBe('0000-03-31T12:00:00.000Z');
    expect(iso('0000-03-31', '1m')).toBe('0000-02-29T12:00:00.000Z');
  });

  it('never returns NaN or an instant outside the Date range: a number or a UserError', () => {
    const duration = fc.oneof(
      fc.string(),
      fc
        .tuple(fc.bigInt({ min: 0n, max: 10n ** 25n }), fc.constantFrom('d', 'w', 'm', 'y'))
        .map(([n, u]) => `${n}${u}`),
    );
    // Git stores commit times as seconds in a signed 64-bit number: any of them can be an end.
    const end = fc.integer({ min: -8.64e15, max: 8.64e15 });
    fc.assert(
      fc.property(end, duration, (epochMs, text) => {
        let result: number;
        try {
          result = subtractDuration(epochMs, text);
        } catch (error) {
          expect(error).toBeInstanceOf(UserError);
          return;
        }
        expect(Number.isFinite(result)).toBe(true);
        expect(Number.isNaN(new Date(result).getTime())).toBe(false);
        expect(result).toBeLessThanOrEqual(epochMs);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('validate and audit refuse an unbounded duration with exit 2 and one line', () => {
  it.each([
    ['window', '300000y'],
    ['stale_after', '99999999999999999999d'],
    ['window', '365001d'],
  ])('settings.%s: %s', async (key, value) => {
    const config = writeInventory(repo, inventoryText({ settings: `  ${key}: ${value}\n` }));
    for (const command of ['validate', 'audit']) {
      const res = await runInProcess([command, '--repo', repo, '--config', config], repo);
      expect(res.code, res.stderr).toBe(2);
      expect(problemLines(res.stderr)).toEqual([
        `debt.yaml:4:${key.length + 5}: error: settings.${key}: expected a duration of at most 1000 years (365000d, 52000w, 12000m or 1000y), got "${value}"`,
      ]);
      expect(res.stderr).not.toMatch(/internal error|\n\s+at /);
    }
  });

  it('still accepts 1000 years', async () => {
    const config = writeInventory(
      repo,
      inventoryText({ settings: '  window: 1000y\n  stale_after: 52000w\n' }),
    );
    const res = await runInProcess(
      ['audit', '--repo', repo, '--config', config, '-f', 'json'],
      repo,
    );
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout).window).toMatchObject({
      since: '1026-06-30',
      until: '2026-06-30',
    });
  });
});
