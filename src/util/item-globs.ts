/**
 * Which inventory items select a path, computed once per distinct path however many items
 * there are.
 *
 * Three things keep this cheap on a 100,000-file repository with thousands of items:
 * - every distinct glob is compiled and tried once per path, however many items share it;
 * - a glob is only tried on paths under its literal base directory (`src/features` for
 *   `src/features/**`), found by walking the path's own directories in a map;
 * - items with the very same globs form one group: they select the same paths, so callers
 *   aggregate per group and hand each item its group's figures;
 * - paths selected by the very same groups share one match class (a small integer): a
 *   history of many thousand paths falls into a few hundred classes, so the history pass
 *   aggregates per class and expands a class to its groups once, not once per commit.
 */
import { compileGlob, globBase, isNegated, type PathMatcher } from './glob.js';

interface DistinctGlob {
  matcher: PathMatcher;
  /** Where it matched a counted path: {@link FILE} and {@link CHANGE} bits; 0: nowhere. */
  hits: number;
}

/** A counted path met as a file (tracked at HEAD): {@link ItemGlobIndex.groupsOf}. */
const FILE = 1;
/** A counted path met as a change in the window: {@link ItemGlobIndex.classOf}. */
const CHANGE = 2;

export interface GlobGroup {
  /** Indices of the items with exactly these globs. */
  items: number[];
  include: number[];
  exclude: number[];
}

interface PathEntry {
  /** The path's match class: see {@link ItemGlobIndex.classOf}. */
  matchClass: number;
  globs: readonly number[];
  /** How it was counted so far: {@link FILE} and {@link CHANGE} bits. */
  counted: number;
}

const NO_GROUPS: readonly number[] = Object.freeze([]);
/** The match class of paths no group selects. */
export const NO_CLASS = 0;

export class ItemGlobIndex {
  readonly groups: GlobGroup[] = [];
  /** Group index of each item (items without globs belong to no group: -1). */
  readonly groupOfItem: number[];
  /** How many times a compiled glob was tried on a path (tests hold the work to its bound). */
  matcherCalls = 0;
  private readonly globs: DistinctGlob[] = [];
  private readonly globIds = new Map<string, number>();
  /** Literal base directory -> ids of the globs under it ('' for globs starting with a wildcard). */
  private readonly byBase = new Map<string, number[]>();
  /** Glob id -> groups that include it. */
  private readonly includedBy: number[][] = [];
  private readonly cache = new Map<string, PathEntry>();
  /** Interned group lists, by match class: most paths share one of a few. */
  private readonly classes: (readonly number[])[] = [NO_GROUPS];
  private readonly classIds = new Map<string, number>();

  /** @param itemGlobs each item's globs as written (`!` globs exclude), index-aligned */
  constructor(private readonly itemGlobs: readonly (readonly string[])[]) {
    const groupBySignature = new Map<string, number>();
    this.groupOfItem = itemGlobs.map((globs, item) => {
      const include = [...new Set(globs.filter((g) => !isNegated(g)).map((g) => this.globId(g)))];
      const exclude = [
        ...new Set(globs.filter(isNegated).map((g) => this.globId(g.slice(1)))),
      ].sort((a, b) => a - b);
      if (include.length === 0) return -1;
      include.sort((a, b) => a - b);
      const signature = `${include.join(',')}|${exclude.join(',')}`;
      let group = groupBySignature.get(signature);
      if (group === undefined) {
        group = this.groups.length;
        groupBySignature.set(signature, group);
        this.groups.push({ items: [], include, exclude });
        for (const id of include) this.includedBy[id]!.push(group);
      }
      this.groups[group]!.items.push(item);
      return group;
    });
  }

  /**
   * The groups whose globs select `path` (some include glob matches, no `!` glob does),
   * cached per path. `count` says whether the path counts as "matched" for
   * {@link deadGlobs} as a file tracked at HEAD; paths changed in the window count through
   * {@link classOf}; paths seen only in older history do not count.
   */
  groupsOf(path: string, count: boolean): readonly number[] {
    return this.classes[this.entry(path, count ? FILE : 0).matchClass]!;
  }

  /**
   * The match class of `path`: a small integer naming the set of groups that select it
   * ({@link NO_CLASS} for none), the same for every path with the same set. Aggregators
   * key their per-commit work by it, and turn a class into its groups ({@link groupsOfClass})
   * once, at the end, rather than once per commit. `count`: the path is changed in the
   * window (see {@link changeHits}).
   */
  classOf(path: string, count: boolean): number {
    return this.entry(path, count ? CHANGE : 0).matchClass;
  }

  /** The path's cached entry, its globs marked as hit from `source` (0: not counted). */
  private entry(path: string, source: number): PathEntry {
    let entry = this.cache.get(path);
    if (entry === undefined) {
      entry = this.evaluate(path);
      this.cache.set(path, entry);
    }
    if ((entry.counted & source) !== source) {
      entry.counted |= source;
      for (const id of entry.globs) this.globs[id]!.hits |= source;
    }
    return entry;
  }

  /** The groups of a match class, sorted ascending. */
  groupsOfClass(matchClass: number): readonly number[] {
    const groups = this.classes[matchClass];
    if (groups === undefined) throw new Error(`ItemGlobIndex: no match class ${matchClass}`);
    return groups;
  }

  /** Per item, its globs (as written, `!` kept) that matched no counted path. */
  deadGlobs(): string[][] {
    return this.itemGlobs.map((globs) =>
      globs.filter((g) => this.globs[this.globIds.get(isNegated(g) ? g.slice(1) : g)!]!.hits === 0),
    );
  }

  /**
   * The distinct globs (as written, without `!`) that matched a path changed in the window
   * so far (through {@link classOf}). A history result read back instead of computed marks
   * them again ({@link markChangeHits}): its changed paths were never matched in this run.
   */
  changeHits(): string[] {
    return [...this.globIds]
      .filter(([, id]) => (this.globs[id]!.hits & CHANGE) !== 0)
      .map(([glob]) => glob);
  }

  /** Marks these globs (from {@link changeHits}) as having matched a changed path. */
  markChangeHits(globs: readonly string[]): void {
    for (const glob of globs) {
      const id = this.globIds.get(glob);
      if (id !== undefined) this.globs[id]!.hits |= CHANGE;
    }
  }

  /** The counted paths each group selects, in the order given (for files at HEAD). */
  selectFiles(paths: readonly string[]): string[][] {
    const files: string[][] = this.groups.map(() => []);
    for (const path of paths) for (const g of this.groupsOf(path, true)) files[g]!.push(path);
    return files;
  }

  private globId(glob: string): number {
    let id = this.globIds.get(glob);
    if (id !== undefined) return id;
    id = this.globs.length;
    this.globs.push({ matcher: compileGlob(glob), hits: 0 });
    this.globIds.set(glob, id);
    this.includedBy.push([]);
    // An escaped character in the base (`src\*x`) is not the path's text: try it everywhere.
    const base = globBase(glob).replace(/\/+$/, '');
    const key = base.includes('\\') ? '' : base;
    const list = this.byBase.get(key);
    if (list) list.push(id);
    else this.byBase.set(key, [id]);
    return id;
  }

  private evaluate(path: string): PathEntry {
    const hits: number[] = [];
    const tryBase = (base: string) => {
      const ids = this.byBase.get(base);
      if (ids === undefined) return;
      this.matcherCalls += ids.length;
      for (const id of ids) if (this.globs[id]!.matcher(path)) hits.push(id);
    };
    // The path's own directories, shortest first, and the path itself.
    tryBase('');
    for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
      tryBase(path.slice(0, slash));
    }
    tryBase(path);
    if (hits.length === 0) return { matchClass: NO_CLASS, globs: hits, counted: 0 };

    const hitSet = new Set(hits);
    const groups = new Set<number>();
    for (const id of hits) {
      for (const g of this.includedBy[id]!) {
        if (!this.groups[g]!.exclude.some((x) => hitSet.has(x))) groups.add(g);
      }
    }
    const matchClass = this.intern([...groups].sort((a, b) => a - b));
    return { matchClass, globs: hits, counted: 0 };
  }

  private intern(groups: number[]): number {
    if (groups.length === 0) return NO_CLASS;
    const key = groups.join(',');
    let id = this.classIds.get(key);
    if (id === undefined) {
      id = this.classes.length;
      this.classes.push(Object.freeze(groups));
      this.classIds.set(key, id);
    }
    return id;
  }
}
