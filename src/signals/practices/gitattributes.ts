/**
 * Which paths a repository's `.gitattributes` files hand to Git LFS (`filter=lfs`), pure:
 * file texts in, a question answered per path. The rules are gitattributes(5)'s:
 * - a line is a pattern (see attribute-pattern.ts) followed by attributes: `name` sets,
 *   `-name` unsets, `!name` makes unspecified, `name=value` gives a value; a blank line or
 *   one starting with `#` is skipped, and a pattern may be C-quoted (`"my file.pt"`);
 * - within a file a later line wins; a `.gitattributes` in a deeper directory wins over
 *   one above it, and its patterns are relative to its directory;
 * - `[attr]name …` defines a macro, honoured only in the top-level file; a macro that is
 *   set expands to its attributes (`[attr]lfs filter=lfs diff=lfs merge=lfs -text`).
 * A path is LFS when its `filter` attribute ends up with the value `lfs`: `-filter`,
 * `!filter` or `filter=other` at a higher precedence take it back out.
 *
 * Precedence is resolved the way git's attr.c does it: lines from the highest precedence
 * down, each line's attributes from last to first, the first assignment of an attribute
 * winning and a macro expanding only where it is set. Forward "last wins" would differ in
 * one case: a higher `-lfs` (unsetting the macro) also cancels a lower line's `lfs`.
 *
 * Only `.gitattributes` tracked at HEAD count: they are what every clone shares.
 * `$GIT_DIR/info/attributes` and `core.attributesFile` are one machine's settings.
 */
import { compileAttributePattern, type AttributeMatcher } from './attribute-pattern.js';

/** Git ignores attribute lines longer than this (attr.c's ATTR_MAX_LINE_LENGTH). */
export const MAX_ATTRIBUTE_LINE_LENGTH = 2048;

/** One attribute token of a line, as git stores it. */
interface AttributeState {
  name: string;
  /** `true` set, `false` unset, `null` unspecified (`!name`), or the value. */
  value: string | boolean | null;
}

interface AttributeLine {
  matches: AttributeMatcher;
  states: AttributeState[];
}

/** One `.gitattributes` file, parsed. */
export interface AttributesFile {
  /** Repository-relative directory of the file (`''` at the top level). */
  dir: string;
  lines: AttributeLine[];
  /** Macros the file defines (honoured only in the top-level file). */
  macros: Map<string, AttributeState[]>;
}

/** Whether a Git LFS rule applies to a repository-relative path. */
export type LfsRuleMatcher = (path: string) => boolean;

/**
 * Parses the `.gitattributes` at `path` (repository-relative). Lines git would reject (an
 * invalid attribute name, a negative pattern, an over-long line) are skipped, as git does.
 */
export function parseGitattributes(path: string, text: string): AttributesFile {
  const slash = path.lastIndexOf('/');
  const file: AttributesFile = {
    dir: slash < 0 ? '' : path.slice(0, slash),
    lines: [],
    macros: new Map(),
  };
  for (const raw of text.split('\n')) {
    if (raw.length > MAX_ATTRIBUTE_LINE_LENGTH) continue;
    const parsed = parseLine(raw);
    if (parsed === null) continue;
    if (parsed.pattern.startsWith('[attr]')) {
      const name = parsed.pattern.slice('[attr]'.length);
      if (isValidName(name)) file.macros.set(name, parsed.states);
      continue;
    }
    const matches = compileAttributePattern(parsed.pattern);
    if (matches !== null) file.lines.push({ matches, states: parsed.states });
  }
  return file;
}

/**
 * The LFS question over every tracked `.gitattributes` (parsed with
 * {@link parseGitattributes}): whether a path's `filter` attribute is `lfs`.
 */
export function lfsRuleMatcher(files: readonly AttributesFile[]): LfsRuleMatcher {
  const macros = files.find((f) => f.dir === '')?.macros ?? new Map<string, AttributeState[]>();
  // Highest precedence first: deeper directories, then (within one) later lines.
  const ordered = [...files].sort((a, b) => depthOf(b.dir) - depthOf(a.dir));
  return (path) => {
    const assigned = new Map<string, AttributeState['value']>();
    const assign = (states: readonly AttributeState[], seen: ReadonlySet<string>): void => {
      for (let i = states.length - 1; i >= 0; i--) {
        const { name, value } = states[i]!;
        if (assigned.has(name)) continue;
        assigned.set(name, value);
        const macro = macros.get(name);
        // A macro expands where it is set; `seen` stops one that names itself.
        if (macro !== undefined && value === true && !seen.has(name)) {
          assign(macro, new Set([...seen, name]));
        }
      }
    };
    for (const file of ordered) {
      if (file.dir !== '' && !path.startsWith(`${file.dir}/`)) continue;
      const relative = file.dir === '' ? path : path.slice(file.dir.length + 1);
      for (let i = file.lines.length - 1; i >= 0; i--) {
        const line = file.lines[i]!;
        if (line.matches(relative)) assign(line.states, new Set());
        if (assigned.has('filter')) return assigned.get('filter') === 'lfs';
      }
    }
    return false;
  };
}

function depthOf(dir: string): number {
  return dir === '' ? 0 : dir.split('/').length;
}

const BLANK = /[ \t\r\n]/;

/** A line's pattern and attribute states; null for a comment, a blank or a rejected line. */
function parseLine(raw: string): { pattern: string; states: AttributeState[] } | null {
  const line = raw.replace(/^[ \t\r\n]+/, '');
  if (line === '' || line.startsWith('#')) return null;
  let pattern: string;
  let rest: string;
  const quoted = line.startsWith('"') ? unquoteC(line) : null;
  if (quoted !== null) {
    pattern = quoted.text;
    rest = line.slice(quoted.end);
  } else {
    const end = line.search(BLANK);
    pattern = end < 0 ? line : line.slice(0, end);
    rest = end < 0 ? '' : line.slice(end);
  }
  // Negative patterns are forbidden in attributes; git warns and skips the line.
  if (pattern.startsWith('!')) return null;
  const states: AttributeState[] = [];
  for (const token of rest.split(/[ \t\r\n]+/)) {
    if (token === '') continue;
    const state = parseState(token);
    // One invalid attribute name makes git drop the whole line.
    if (state === null) return null;
    states.push(state);
  }
  return { pattern, states };
}

function parseState(token: string): AttributeState | null {
  if (token.startsWith('-') || token.startsWith('!')) {
    const name = token.slice(1);
    if (!isValidName(name)) return null;
    return { name, value: token.startsWith('-') ? false : null };
  }
  const eq = token.indexOf('=');
  const name = eq < 0 ? token : token.slice(0, eq);
  if (!isValidName(name)) return null;
  return { name, value: eq < 0 ? true : token.slice(eq + 1) };
}

/** Attribute names: letters, digits, `-`, `_`, `.`, not starting with `-` (attr.c). */
function isValidName(name: string): boolean {
  return /^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/.test(name);
}

const C_ESCAPES: Record<string, number> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 92,
  '"': 34,
};

/**
 * A C-quoted string at the start of `text` (git's unquote_c_style): its bytes decoded as
 * UTF-8 and where it ends; null when it is not validly quoted (git then reads the pattern
 * unquoted).
 */
function unquoteC(text: string): { text: string; end: number } | null {
  const bytes: number[] = [];
  let i = 1;
  while (i < text.length) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    if (ch === '"') return { text: Buffer.from(bytes).toString('utf8'), end: i + 1 };
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      i += ch.length;
      continue;
    }
    const next = text[i + 1];
    if (next === undefined) return null;
    const escaped = C_ESCAPES[next];
    if (escaped !== undefined) {
      bytes.push(escaped);
      i += 2;
    } else if (/^[0-3][0-7]{2}$/.test(text.slice(i + 1, i + 4))) {
      bytes.push(parseInt(text.slice(i + 1, i + 4), 8));
      i += 4;
    } else {
      return null;
    }
  }
  return null;
}
