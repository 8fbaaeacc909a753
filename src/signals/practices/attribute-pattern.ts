/**
 * One `.gitattributes` pattern as a matcher, following gitattributes(5), which defers to
 * gitignore(5)'s pattern format with two differences:
 * - negative patterns (`!foo`) are forbidden: git warns and ignores the line;
 * - a pattern naming a directory does not reach the files inside it, so a trailing-slash
 *   pattern (`data/`) never applies to a file (`data/**` is how to write that).
 * From gitignore(5):
 * - a pattern without a `/` (a trailing one aside) matches the file name at any depth below
 *   the `.gitattributes` file's directory;
 * - otherwise it is matched against the path relative to that directory, a leading `/` only
 *   anchoring it there; `*`, `?` and `[…]` never match a `/`;
 * - `**` then a slash at the start matches in any directory, a slash then `**` at the end
 *   everything inside, and `**` between two slashes zero or more directories; any other
 *   `**` is a plain `*`;
 * - `\x` is a literal `x`.
 * Matching is case-sensitive, as git's is unless `core.ignoreCase` is set (checkouts on a
 * case-insensitive file system): an audit must not depend on where it runs.
 *
 * Patterns are the repository's input: they compile for RE2 (linear time), so a pattern of
 * many stars cannot make matching slow.
 */
import { RE2JS } from 're2js';

/** Whether a pattern matches a path relative to the pattern's directory. */
export type AttributeMatcher = (relativePath: string) => boolean;

/**
 * The matcher of `pattern` (already unquoted), or null when it can never match a file:
 * empty, negated, or directory-only.
 */
export function compileAttributePattern(pattern: string): AttributeMatcher | null {
  if (pattern === '' || pattern.startsWith('!') || pattern.endsWith('/')) return null;
  const anchored = pattern.includes('/');
  const body = pattern.startsWith('/') ? pattern.slice(1) : pattern;
  if (body === '') return null;
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(`^${wildmatchToRegex(body)}$`, RE2JS.DOTALL);
  } catch {
    return null;
  }
  if (anchored) return (path) => compiled.test(path);
  return (path) => compiled.test(path.slice(path.lastIndexOf('/') + 1));
}

/** The wildmatch pattern (with git's WM_PATHNAME) as an RE2 regular expression body. */
function wildmatchToRegex(pattern: string): string {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      // A trailing backslash escapes nothing and matches nothing in git: keep it literal.
      out += RE2JS.quote(pattern[i + 1] ?? '\\');
      i += 2;
    } else if (ch === '?') {
      out += '[^/]';
      i += 1;
    } else if (ch === '[') {
      const bracket = bracketToRegex(pattern, i);
      out += bracket.regex;
      i = bracket.end;
    } else if (ch === '*') {
      let stars = 1;
      while (pattern[i + stars] === '*') stars += 1;
      const next = pattern[i + stars];
      const atSegmentStart = i === 0 || pattern[i - 1] === '/';
      if (stars >= 2 && atSegmentStart && next === '/') {
        out += '(?:.*/)?'; // `**/`: zero or more directories
        i += stars + 1;
      } else if (stars >= 2 && atSegmentStart && next === undefined) {
        out += '.*'; // trailing `/**` (or a lone `**`): everything
        i += stars;
      } else {
        out += '[^/]*';
        i += stars;
      }
    } else {
      out += RE2JS.quote(ch);
      i += 1;
    }
  }
  return out;
}

/**
 * A bracket expression starting at `start` (`[abc]`, `[!a-z]`, `[^0-9]`, `[[:digit:]]`) as a
 * character class that never matches `/`. An unterminated `[` makes git's wildmatch give up
 * on the whole pattern, so it throws and the pattern matches nothing.
 */
function bracketToRegex(pattern: string, start: number): { regex: string; end: number } {
  let i = start + 1;
  let negated = false;
  if (pattern[i] === '!' || pattern[i] === '^') {
    negated = true;
    i += 1;
  }
  let members = '';
  let first = true;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === ']' && !first) {
      const regex = negated ? `[^/${members}]` : `[${members}]`;
      return { regex, end: i + 1 };
    }
    first = false;
    const posix = /^\[:([a-z]+):\]/.exec(pattern.slice(i));
    if (posix) {
      members += posix[0];
      i += posix[0].length;
    } else if (ch === '\\' && i + 1 < pattern.length) {
      members += escapeClassMember(pattern[i + 1]!);
      i += 2;
    } else if (ch === '-' && members !== '' && pattern[i + 1] !== ']') {
      members += '-';
      i += 1;
    } else {
      members += escapeClassMember(ch);
      i += 1;
    }
  }
  throw new Error('unterminated bracket expression');
}

function escapeClassMember(ch: string): string {
  return /[\]\\^[-]/.test(ch) ? `\\${ch}` : ch;
}
