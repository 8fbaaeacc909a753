/**
 * Where an audit needs line churn: the paths its items' globs can select, as git pathspecs,
 * and the rule that says, commit by commit, whether the churn a pass has is enough.
 *
 * Why: `--numstat` is most of a history pass's cost (git reads and diffs both versions of
 * every changed file; `--name-status` is about a sixth of it), yet an audit adds up churn
 * only for its items' groups. Names, renames, authors and fix commits are still needed for
 * every path (the undeclared hotspots, the config files' last changes), so the pass lists
 * every path by name and asks git for line counts only within these pathspecs.
 *
 * The pathspecs are a superset of what the globs select, never a translation that could miss
 * a path: a glob becomes its literal base directory, narrowed to its last segment's file
 * names when that segment is a plain wildcard (`src/**\/*.py` → `:(glob)src/**\/*.py`, which
 * every path the glob selects also matches). {@link ChurnScope.includes} is the same rule in
 * JavaScript, so mldebt knows which changes git was asked to count.
 */
import picomatch from 'picomatch';
import { churnForAllPaths } from './pass-knobs.js';
import { isNegated } from '../../util/glob.js';
import type { FileChange, LogCommit } from './log-stream.js';

/**
 * More pathspecs than this are coarsened to their directories (git tries each on every
 * changed path of every commit); more directories than this and churn is read for all paths.
 */
export const MAX_PATHSPECS = 200;
/**
 * When the globs select more than this share of the files tracked at HEAD, the split costs
 * more than it saves (a names pass on top of nearly the whole numstat pass): churn is read
 * for every path.
 */
export const MAX_SCOPED_SHARE = 0.5;
/** Characters git's glob pathspecs or picomatch read as more than themselves. */
const GIT_GLOB_SPECIAL = /[*?[\]\\]/;
/** A last segment narrowed by file name holds only literal characters, `*` and `?`. */
const PLAIN_WILDCARD = /^[^\\[\]{}()!+@]*$/;

interface Spec {
  /** Literal directory (or file) every selected path is, or is under; '' for the root. */
  base: string;
  /** File names (last segment) it narrows to, or null for everything under `base`. */
  name: string | null;
}

/** The paths git is asked to count lines in: as pathspecs, and as the same rule in JavaScript. */
export class ChurnScope {
  /** Pathspecs with explicit magic, so no pathspec setting of the environment changes them. */
  readonly pathspecs: string[];
  private readonly specs: { base: string; name: ((file: string) => boolean) | null }[];
  private readonly known = new Map<string, boolean>();

  constructor(specs: readonly Spec[]) {
    this.pathspecs = specs.map(({ base, name }) =>
      name === null ? `:(literal)${base}` : `:(glob)${base === '' ? '' : `${base}/`}**/${name}`,
    );
    this.specs = specs.map(({ base, name }) => ({
      base,
      name: name === null ? null : picomatch(name, { dot: true, noextglob: true, nobrace: true }),
    }));
  }

  /** Whether git's pathspecs select `path` (answers are remembered: paths repeat across commits). */
  includes(path: string): boolean {
    let result = this.known.get(path);
    if (result === undefined) {
      result = this.specs.some(({ base, name }) => {
        if (name === null) return path === base || path.startsWith(`${base}/`);
        if (base !== '' && !path.startsWith(`${base}/`)) return false;
        return name(path.slice(path.lastIndexOf('/') + 1));
      });
      this.known.set(path, result);
    }
    return result;
  }
}

/**
 * The scope of the items' globs (a `!` glob only narrows an item: its paths stay in the
 * superset), or null when churn is to be read for every path: a glob with no literal base
 * and no plain last segment (`**`), too many distinct directories, globs selecting more than
 * half of `tracked`, or `MLDEBT_CHURN_SCOPE=all` in `env`.
 */
export function churnScopeOf(
  globs: readonly string[],
  tracked: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): ChurnScope | null {
  if (churnForAllPaths(env)) return null;
  const positive = [...new Set(globs.filter((glob) => !isNegated(glob)))];
  if (positive.length === 0) return null;
  let specs: Spec[] = [];
  for (const glob of positive) {
    const spec = specOf(glob);
    if (spec === null) return null;
    specs.push(spec);
  }
  specs = reduce(specs);
  if (specs.length > MAX_PATHSPECS) {
    specs = reduce(specs.map(({ base }) => ({ base, name: null })));
    if (specs.length > MAX_PATHSPECS) return null;
  }
  const scope = new ChurnScope(specs);
  let selected = 0;
  for (const path of tracked) if (scope.includes(path)) selected++;
  return selected > tracked.length * MAX_SCOPED_SHARE ? null : scope;
}

/** One positive glob's superset, or null when only the whole tree contains it. */
function specOf(glob: string): Spec | null {
  // An escaped character is literal to picomatch and not to a literal pathspec: keep it simple.
  if (glob.includes('\\')) return null;
  const scan = picomatch.scan(glob);
  // A glob without wildcards is a path: it, and (as git reads a pathspec) anything under it.
  if (!scan.isGlob) return { base: glob.replace(/\/+$/, ''), name: null };
  const base = scan.base;
  // The base must mean the same to git's glob magic as it does here.
  if (GIT_GLOB_SPECIAL.test(base)) return null;
  const last = glob.slice(glob.lastIndexOf('/') + 1);
  const plain = last !== '' && !last.includes('**') && PLAIN_WILDCARD.test(last);
  // `src/**/*.py` selects Python files under src/; the last segment of `src/{a,b}/**` says nothing.
  if (plain && glob.length > base.length) return { base, name: last };
  return base === '' ? null : { base, name: null };
}

/** Drops specs another one already covers: anything under a whole directory listed. */
function reduce(specs: readonly Spec[]): Spec[] {
  const whole = specs.filter((s) => s.name === null).map((s) => s.base);
  const seen = new Set<string>();
  const kept: Spec[] = [];
  for (const spec of [...specs].sort(compareSpecs)) {
    const key = `${spec.base}\0${spec.name ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // A whole directory is dropped when a shorter one holds it; a narrowed one under any.
    const coveredBy = spec.name === null ? whole.filter((d) => d !== spec.base) : whole;
    if (coveredBy.some((dir) => dir === '' || spec.base === dir || spec.base.startsWith(`${dir}/`)))
      continue;
    kept.push(spec);
  }
  return kept;
}

function compareSpecs(a: Spec, b: Spec): number {
  if (a.base !== b.base) return a.base < b.base ? -1 : 1;
  return (a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : 0;
}

/**
 * Decides, commit by commit in the pass's order (newest first), whether a commit's churn is
 * complete enough for the audit: every change an item could count has its line count.
 *
 * An item counts a change by its path, its old path, or the name its file has after later
 * renames (see RenameTracker). The pass knows every rename (the names are read for all
 * paths), so a path that was later renamed into the scope is followed here: the reverse
 * rename graph marks every name that leads into the scope. That is a superset of the names
 * any window's tracker resolves to (a window sees a subset of the same renames), so a change
 * an item can count is never left without churn.
 */
export class ChurnGuard {
  /** new name -> the old names renamed to it, over the commits seen so far. */
  private readonly renamedFrom = new Map<string, string[]>();
  /** Names whose later names reach into the scope. */
  private readonly feedsScope = new Set<string>();

  /** @param scope null: every path needs churn */
  constructor(private readonly scope: ChurnScope | null) {}

  /** Whether an item could count `change` (so its churn must be measured). */
  needsChurn(change: FileChange): boolean {
    if (this.scope === null) return true;
    return (
      this.counts(change.path) || (change.oldPath !== undefined && this.counts(change.oldPath))
    );
  }

  /**
   * Records the commit's renames (the next, older commits are judged with them), then says
   * whether every change that needs churn has it.
   */
  complete(commit: LogCommit): boolean {
    for (const change of commit.changes) {
      if (change.oldPath !== undefined && change.oldPath !== change.path)
        this.recordRename(change.oldPath, change.path);
    }
    return commit.changes.every((change) => change.churn !== null || !this.needsChurn(change));
  }

  private counts(path: string): boolean {
    return this.scope!.includes(path) || this.feedsScope.has(path);
  }

  private recordRename(oldPath: string, newPath: string): void {
    if (this.scope === null) return;
    const olds = this.renamedFrom.get(newPath);
    if (olds === undefined) this.renamedFrom.set(newPath, [oldPath]);
    else olds.push(oldPath);
    if (!this.counts(newPath)) return;
    // Everything renamed (at any later step) into a name that reaches the scope reaches it too.
    const stack = [oldPath];
    while (stack.length > 0) {
      const path = stack.pop()!;
      if (this.feedsScope.has(path) || this.scope.includes(path)) continue;
      this.feedsScope.add(path);
      stack.push(...(this.renamedFrom.get(path) ?? []));
    }
  }
}
