/**
 * Cost independent of items, proved by counting work rather than timing it: every compiled
 * glob is tried on a path at most once, and only on paths under its literal base; the history
 * aggregator's work does not grow with items whose globs no commit touches, nor with commits
 * that touch the same sets of paths' match classes again.
 * The inventories are the bench's own (scripts/lib/bench-items.js): directories, `**` with
 * an extension, negations, single files and wildcard names, drawn from real file names.
 */
import { describe, expect, it } from 'vitest';
import { itemsFromFiles } from '../../scripts/lib/bench-items.js';
import { compileGlob, globBase, isNegated } from '../../src/util/glob.js';
import { ItemGlobIndex } from '../../src/util/item-globs.js';
import { HistoryAggregator } from '../../src/signals/git/aggregate.js';
import { compileTextPattern } from '../../src/util/text-pattern.js';
import { DAY, logCommit, UNTIL } from '../helpers/log-commits.js';
import type { LogCommit } from '../../src/signals/git/log-stream.js';

const AREAS = ['src/ingest', 'src/features', 'src/training', 'pipelines', 'configs', 'tests'];
const FILES = AREAS.flatMap((area) =>
  Array.from({ length: 40 }, (_, f) => `${area}/module_${f}.${f % 5 === 0 ? 'yaml' : 'py'}`),
);

/** A history over FILES: commit i touches two files, every seventh a fix, every 50th a rename. */
function history(count: number): LogCommit[] {
  return Array.from({ length: count }, (_, i) => {
    const a = FILES[(i * 31) % FILES.length]!;
    const b = FILES[(i * 17 + 5) % FILES.length]!;
    const changes: LogCommit['changes'] = [{ path: a, churn: 3 }];
    if (b !== a) changes.push({ path: b, churn: 1 });
    if (i % 50 === 0) changes.push({ path: `${a}.new`, oldPath: a, churn: 0 });
    return logCommit(i / 10, i % 7 === 0 ? 'fix: off by one' : `change ${i}`, changes);
  });
}

/** How many distinct globs of the items have a literal base `path` lies under. */
function globsUnderBase(itemGlobs: readonly (readonly string[])[], path: string): number {
  const distinct = new Set(itemGlobs.flat().map((g) => (isNegated(g) ? g.slice(1) : g)));
  return [...distinct].filter((g) => {
    const base = globBase(g).replace(/\/+$/, '');
    return base === '' || path === base || path.startsWith(`${base}/`);
  }).length;
}

describe('ItemGlobIndex with 1,000 items', () => {
  it('tries each glob at most once per distinct path, and only under its base', () => {
    const items = itemsFromFiles(FILES, 1000).items;
    const itemGlobs = items.map((item) => item.paths);
    const index = new ItemGlobIndex(itemGlobs);
    const paths = history(2000).flatMap((c) => c.changes.map((ch) => ch.path));
    const distinct = [...new Set(paths)];
    // Every path asked for many times, as the history pass asks for each change.
    for (const path of paths) index.groupsOf(path, true);
    for (const path of paths) index.groupsOf(path, false);
    const bound = distinct.reduce((sum, path) => sum + globsUnderBase(itemGlobs, path), 0);
    expect(index.matcherCalls).toBeGreaterThan(0);
    expect(index.matcherCalls).toBeLessThanOrEqual(bound);
    // Far below item × path: what makes 1,000 items cost about what 10 do.
    expect(index.matcherCalls).toBeLessThan((itemGlobs.flat().length * distinct.length) / 4);
  });

  it('selects what a glob-by-glob check of every item selects', () => {
    const items = itemsFromFiles(FILES, 300).items;
    const index = new ItemGlobIndex(items.map((item) => item.paths));
    const compiled = items.map((item) => ({
      include: item.paths.filter((g) => !isNegated(g)).map((g) => compileGlob(g)),
      exclude: item.paths.filter(isNegated).map((g) => compileGlob(g.slice(1))),
    }));
    for (const path of [...FILES, 'src/features/module_3.py.new', 'README.md']) {
      const selected = index
        .groupsOf(path, false)
        .flatMap((g) => index.groups[g]!.items)
        .sort((x, y) => x - y);
      const expected = compiled.flatMap(({ include, exclude }, i) =>
        include.some((m) => m(path)) && !exclude.some((m) => m(path)) ? [i] : [],
      );
      expect(selected, path).toEqual(expected);
    }
  });
});

describe('HistoryAggregator', () => {
  function aggregate(itemGlobs: string[][], commits: LogCommit[]) {
    const index = new ItemGlobIndex(itemGlobs);
    const aggregator = new HistoryAggregator({
      index,
      fixPattern: compileTextPattern('\\bfix\\b'),
      fixExclude: null,
      isBot: () => false,
      sinceSeconds: UNTIL - 400 * DAY,
      untilSeconds: UNTIL,
    });
    for (const commit of commits) aggregator.add(commit);
    return { index, aggregator, result: aggregator.result() };
  }

  it('does the same work however many items the commits do not touch, and less than a commit-by-commit count', () => {
    const commits = history(1500);
    const touched = itemsFromFiles(FILES, 10).items.map((item) => item.paths);
    // 990 more items, under directories no commit touches (as most of a big inventory is).
    const untouched = Array.from({ length: 990 }, (_, i) => [`services/svc_${i}/**`]);
    const few = aggregate(touched, commits);
    const many = aggregate([...touched, ...untouched], commits);
    expect(few.aggregator.groupUpdates).toBeGreaterThan(0);
    expect(many.aggregator.groupUpdates).toBe(few.aggregator.groupUpdates);
    expect(many.index.matcherCalls).toBe(few.index.matcherCalls);
    // The figures of the ten items are the same too.
    expect(many.result.groups.slice(0, few.result.groups.length)).toEqual(few.result.groups);
    // A commit-by-commit count updates each group a commit touches (by a path, its old name,
    // or the name a newer commit gave it: the history's renames append `.new`), once per
    // commit; the aggregator updates a group once per set of match classes the history
    // touched, and 1,500 commits over 240 files fall into far fewer sets than that.
    const perCommit = commits.reduce((sum, commit) => {
      const groups = new Set(
        commit.changes.flatMap((ch) =>
          [ch.path, `${ch.path}.new`, ch.oldPath ?? ch.path].flatMap((p) =>
            few.index.groupsOf(p, false),
          ),
        ),
      );
      return sum + groups.size;
    }, 0);
    expect(perCommit).toBeGreaterThan(commits.length);
    expect(few.aggregator.groupUpdates).toBeLessThan(perCommit / 4);
  });
});
