/**
 * Item globs: picomatch syntax (`**`, `*`, `?`, braces, classes), repository-relative, dot
 * files matched. A glob starting with `!` excludes what it matches from the item's other
 * globs. Extglobs (`+(a|b)`, `@(…)`) are off: their nested quantifiers can make a JavaScript
 * regular expression backtrack for minutes on one long file name, and braces say the same.
 */
import picomatch from 'picomatch';
import { closestMatch } from './did-you-mean.js';

export type PathMatcher = (path: string) => boolean;

/** Longer globs are refused: no repository path needs them. */
export const MAX_GLOB_LENGTH = 1024;
/**
 * `*` wildcards one path segment may hold (`**` aside). Each one multiplies the work of a
 * failed match by the segment's length: three keep any file name fast, five can take
 * seconds on a single 200-character name.
 */
export const MAX_STARS_PER_SEGMENT = 3;

/** picomatch's options for item globs. */
export const GLOB_OPTIONS = { dot: true, noextglob: true, nonegate: true } as const;

/** An item's globs split into what they include and what the `!` ones exclude. */
export interface GlobList {
  include: string[];
  /** The `!` globs without their `!`. */
  exclude: string[];
}

export function isNegated(glob: string): boolean {
  return glob.startsWith('!');
}

export function splitGlobs(globs: readonly string[]): GlobList {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const glob of globs) {
    if (isNegated(glob)) exclude.push(glob.slice(1));
    else include.push(glob);
  }
  return { include, exclude };
}

/**
 * One positive glob (no leading `!`) as a matcher: what picomatch's own matcher answers with
 * these options (an empty path never matches, the glob's very text always does, else its
 * regular expression decides), without the result object that matcher builds on every call,
 * which cost a warm audit of 2,000 files a fifth of its glob matching. A test holds the two to
 * the same answers.
 */
export function compileGlob(glob: string): PathMatcher {
  const regex = picomatch.makeRe(glob, GLOB_OPTIONS);
  return (path) => path !== '' && (path === glob || regex.test(path));
}

/** An item's globs as one matcher: some include glob matches and no `!` glob does. */
export function compileItemGlobs(globs: readonly string[]): PathMatcher {
  const { include, exclude } = splitGlobs(globs);
  const includes = include.map(compileGlob);
  const excludes = exclude.map(compileGlob);
  return (path) => includes.some((m) => m(path)) && !excludes.some((m) => m(path));
}

/**
 * The literal directory a glob starts with (`src/features` for `src/features/**`), or ''
 * when it starts with a wildcard: a path outside that directory cannot match.
 */
export function globBase(glob: string): string {
  const pattern = isNegated(glob) ? glob.slice(1) : glob;
  return picomatch.scan(pattern).base;
}

/**
 * Why a glob cannot be used, or undefined when it can: too long, absolute or climbing out
 * of the repository, an empty `!`, or too many `*` in one segment.
 */
export function checkGlob(glob: string): string | undefined {
  if (glob.length > MAX_GLOB_LENGTH) {
    return `is ${glob.length} characters long, at most ${MAX_GLOB_LENGTH}`;
  }
  const pattern = isNegated(glob) ? glob.slice(1) : glob;
  if (pattern === '') return 'excludes nothing: "!" needs a glob after it';
  if (pattern.startsWith('/') || pattern.startsWith('\\')) {
    return 'is absolute; globs are relative to the repository root';
  }
  if (/^[A-Za-z]:[\\/]/.test(pattern)) {
    return 'is an absolute Windows path; globs are relative to the repository root';
  }
  if (pattern.split(/[\\/]/).includes('..')) {
    return 'climbs out with ".."; globs are relative to the repository root';
  }
  for (const segment of pattern.split('/')) {
    if (segment === '**') continue;
    const stars = segment.match(/\*+/g)?.length ?? 0;
    if (stars > MAX_STARS_PER_SEGMENT) {
      return `has ${stars} "*" wildcards in the segment "${segment}", at most ${MAX_STARS_PER_SEGMENT} (more make matching very slow)`;
    }
  }
  return undefined;
}

/**
 * A likely intended spelling for a glob that matched nothing: its literal base directory
 * compared with the directories and files that exist (e.g. `src/monitoirng/**` →
 * `src/monitoring/**`). A `!` glob keeps its `!`.
 */
export function suggestGlob(glob: string, files: readonly string[]): string | undefined {
  const prefix = isNegated(glob) ? '!' : '';
  const pattern = glob.slice(prefix.length);
  const base = picomatch.scan(pattern).base;
  if (base === '') return undefined;
  const candidates = new Set<string>();
  const depth = base.split('/').length;
  for (const file of files) {
    const parts = file.split('/');
    if (parts.length >= depth) candidates.add(parts.slice(0, depth).join('/'));
  }
  const match = closestMatch(base, candidates);
  return match === undefined ? undefined : prefix + match + pattern.slice(base.length);
}

/**
 * What is wrong with a glob that selects nothing, with a close match among `files` when there
 * is one: `glob "src/featurs/**" matches no <scope> (did you mean "src/features/**"?)`. A
 * negated glob "excludes nothing".
 */
export function describeDeadGlob(glob: string, files: readonly string[], scope: string): string {
  const suggestion = suggestGlob(glob, files);
  return (
    `glob "${glob}" ${isNegated(glob) ? 'excludes nothing: it ' : ''}matches no ${scope}` +
    (suggestion ? ` (did you mean "${suggestion}"?)` : '')
  );
}
