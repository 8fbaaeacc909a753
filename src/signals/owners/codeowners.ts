/**
 * CODEOWNERS, GitHub's and GitLab's syntax, pure: text in, rules out, and which rule owns a
 * path. Patterns follow the gitignore rules both hosts document:
 * - `#` starts a comment (at the start of a line, or as a token after the pattern); `\#`
 *   is a literal `#`, `\ ` a literal space;
 * - a leading `/` anchors the pattern at the repository root, and so does a `/` inside it;
 *   otherwise it matches at any depth (`*.py`, `docs`);
 * - a pattern names a file, or a directory and everything below it; a trailing `/` names
 *   directories only;
 * - `*` and `?` stay within a path segment, `**` crosses them.
 *
 * GitLab sections: `[Section]`, `^[Section]` (optional approval), `[Section][2]` (approvals
 * needed) may be followed by default owners, which entries of the section without owners of
 * their own take. The last matching rule of the file wins, across sections (one owner per
 * item is what an inventory can hold); a matching rule with no owners means "no owner".
 */
import picomatch from 'picomatch';

export interface CodeownersRule {
  pattern: string;
  owners: string[];
  /** 1-based line of the rule in the file. */
  line: number;
  matches: (path: string) => boolean;
}

const SECTION = /^\^?\[([^\]]+)\](?:\[\d+\])?(?:\s+(.*))?$/;
/** Like the inventory's globs: no extglobs (they can backtrack for minutes on one name). */
const OPTIONS = { dot: true, noextglob: true, nonegate: true } as const;

/** Splits a line into tokens at unescaped whitespace; `\x` keeps `x` literally. */
function tokenize(line: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let escaped = false;
  let started = false;
  for (const ch of line) {
    if (escaped) {
      current += ch === '#' || ch === ' ' || ch === '\t' ? ch : `\\${ch}`;
      escaped = false;
      started = true;
    } else if (ch === '\\') {
      escaped = true;
    } else if (ch === ' ' || ch === '\t') {
      if (started) tokens.push(current);
      current = '';
      started = false;
    } else if (ch === '#' && !started) {
      break; // a comment: the rest of the line
    } else {
      current += ch;
      started = true;
    }
  }
  if (started) tokens.push(current);
  return tokens;
}

/** A matcher for one CODEOWNERS pattern (see the module comment). */
export function compileCodeownersPattern(pattern: string): (path: string) => boolean {
  let p = pattern;
  const directoryOnly = p.endsWith('/');
  p = p.replace(/\/+$/, '');
  const anchored = p.startsWith('/') || p.includes('/');
  p = p.replace(/^\/+/, '');
  if (p === '' || p === '*' || p === '**') {
    // `*`, `/` and `**` own every file.
    return () => true;
  }
  const base = anchored ? p : `**/${p}`;
  const below = picomatch(`${base}/**/*`, OPTIONS);
  const itself = directoryOnly ? () => false : picomatch(base, OPTIONS);
  return (path) => itself(path) || below(path);
}

/** The rules of a CODEOWNERS file, in file order. */
export function parseCodeowners(text: string): CodeownersRule[] {
  const rules: CodeownersRule[] = [];
  let sectionOwners: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const section = SECTION.exec(line);
    if (section) {
      sectionOwners = tokenize(section[2] ?? '');
      return;
    }
    const [pattern, ...owners] = tokenize(line);
    if (pattern === undefined) return;
    rules.push({
      pattern,
      owners: owners.length > 0 ? owners : sectionOwners,
      line: i + 1,
      matches: compileCodeownersPattern(pattern),
    });
  });
  return rules;
}

/** The rule that owns `path`: the last one matching it, or null when none does. */
export function ownerRuleOf(rules: readonly CodeownersRule[], path: string): CodeownersRule | null {
  for (let i = rules.length - 1; i >= 0; i--) if (rules[i]!.matches(path)) return rules[i]!;
  return null;
}
