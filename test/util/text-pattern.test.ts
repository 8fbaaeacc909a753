/**
 * The default fix pattern skips RE2 for ASCII subjects without any of its words: the verdict
 * must be RE2's own on every subject, whatever its case, word boundaries or letters that RE2
 * folds onto ASCII ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FIX_WORDS, DEFAULT_SETTINGS } from '../../src/inventory/vocabulary.js';
import { compileTextPattern } from '../../src/util/text-pattern.js';

const RUNS = Number(process.env.MLDEBT_FUZZ_RUNS ?? 300);
const full = compileTextPattern(DEFAULT_SETTINGS.fix_pattern);
const filtered = compileTextPattern(DEFAULT_SETTINGS.fix_pattern, DEFAULT_FIX_WORDS);

/** Pieces of subjects: the pattern's words and near misses, in several cases, and glue. */
const piece = fc.constantFrom(
  'fix',
  'FIX',
  'Fixes',
  'fixed',
  'prefix',
  'hotfix',
  'bug',
  'Bugfix',
  'debug',
  'revert',
  'Reverted',
  'regression',
  'REGRESSIONS',
  'incident',
  'incidents',
  'regreſſion', // ſ folds onto s in RE2
  'ﬁx', // a ligature: no fold onto "fi"
  'é',
  'İ',
  'ı',
  'K', // the Kelvin sign
  '🐛',
  'tune',
  'x',
  '_',
  '-',
  ':',
  ' ',
  '(',
  '0',
);

describe('the default fix pattern with its words', () => {
  it('gives RE2’s verdict on every subject', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const subject = pieces.join('');
        expect(filtered.test(subject)).toBe(full.test(subject));
      }),
      { numRuns: RUNS },
    );
  });

  it('judges the subjects it skips and the ones it matches in full alike', () => {
    for (const subject of ['Fix crash', 'fix(ci): pin', 'prefix ids', 'Debug log', 'Tune lr']) {
      expect(filtered.test(subject)).toBe(full.test(subject));
    }
    expect(filtered.test('Revert "Add cache"')).toBe(true);
    expect(filtered.test('Handle the regreſſion')).toBe(true);
    expect(filtered.test('prefix ids')).toBe(false);
    expect(filtered.source).toBe(DEFAULT_SETTINGS.fix_pattern);
  });
});
