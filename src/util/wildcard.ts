/**
 * Author patterns (`settings.bots`): `*` matches any text, everything else is literal and
 * compared case-insensitively. Deliberately not globs: `*[bot]*` must mean the text "[bot]",
 * which a glob would read as a character class. Compiled for RE2 (linear time) like every
 * other pattern a user writes, so many stars cannot make matching slow.
 */
import { RE2JS } from 're2js';

/** A matcher that is true when `text` matches any of the patterns (none: never). */
export function compileWildcards(patterns: readonly string[]): (text: string) => boolean {
  if (patterns.length === 0) return () => false;
  const alternatives = patterns.map((pattern) =>
    pattern
      .split('*')
      .map((part) => RE2JS.quote(part))
      .join('(?s:.*)'),
  );
  const compiled = RE2JS.compile(`^(?:${alternatives.join('|')})$`, RE2JS.CASE_INSENSITIVE);
  return (text) => compiled.test(text);
}
