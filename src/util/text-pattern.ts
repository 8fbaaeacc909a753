/**
 * Regular expressions a user writes (`fix_pattern`, `fix_exclude`) run on RE2's automaton
 * (re2js), never on JavaScript's backtracking engine: a pattern such as `(a+)+$` would
 * otherwise hang the audit on one unlucky commit subject. RE2 matches in time linear in the
 * text, and refuses the few constructs that need backtracking (lookaround, backreferences),
 * which `compileTextPattern` reports as an invalid pattern.
 */
import { RE2JS } from 're2js';

/** Longer patterns are refused: no fix rule needs them, and RE2's compile cost grows with size. */
export const MAX_PATTERN_LENGTH = 1000;

/** A compiled, case-insensitive pattern: `test` finds it anywhere in a text. */
export interface TextPattern {
  test(text: string): boolean;
  /** The pattern as the user wrote it (reports record it to compare settings). */
  readonly source: string;
}

/** Why `pattern` cannot be used, or undefined when it compiles. */
export function checkTextPattern(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return `${pattern.length} characters long, at most ${MAX_PATTERN_LENGTH}`;
  }
  try {
    RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return message.replace(/^error parsing regexp: /, '');
  }
}

/**
 * Compiles a pattern already checked by {@link checkTextPattern}.
 *
 * `anyOf`, when given, lists words (ASCII, lower case) one of which every text the pattern
 * matches contains: an ASCII text that contains none of them is judged without running the
 * automaton (most commit subjects are no fixes, and RE2 takes microseconds on each where
 * the pattern has word boundaries). A text with any other character is always matched in
 * full: RE2 folds a few letters onto ASCII ones (`ſ` onto `s`, the Kelvin sign onto `k`).
 */
export function compileTextPattern(
  pattern: string,
  anyOf: readonly string[] | null = null,
): TextPattern {
  const compiled = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  if (anyOf === null) return { test: (text) => compiled.test(text), source: pattern };
  // JavaScript's own engine for the pre-check: alternatives of plain letters take it time
  // linear in the text, however they are written.
  if (!anyOf.every((word) => /^[a-z]+$/.test(word))) {
    throw new Error(`compileTextPattern: anyOf takes lower-case ASCII letters: ${anyOf.join(' ')}`);
  }
  const words = new RegExp(anyOf.join('|'), 'i');
  return {
    test: (text) => (NON_ASCII.test(text) || words.test(text)) && compiled.test(text),
    source: pattern,
  };
}

/** Any UTF-16 code unit beyond ASCII (surrogate halves included). */
const NON_ASCII = /[\u0080-\uffff]/;
