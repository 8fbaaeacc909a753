/**
 * Extending a kept pass (history-state.ts) at the aggregators' level: whenever the checks
 * let a pass extend an earlier one, the aggregators fed the new commits alone and seeded
 * with the earlier pass's state give what one pass over all the commits, newer first, gives;
 * and the state they leave is the one that pass would leave, so extensions chain.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/inventory/settings.js';
import { HistoryAggregator, type HistoryResult } from '../../src/signals/git/aggregate.js';
import { MAX_CHAIN } from '../../src/signals/git/commit-list.js';
import { historyRules } from '../../src/signals/git/commit-rules.js';
import {
  FileHistoryAggregator,
  type FileHistoryResult,
} from '../../src/signals/git/file-history.js';
import {
  commitsExtend,
  decodeState,
  encodeState,
  MAX_NEW_COMMITS,
  windowExtends,
  type EncodedState,
  type PassWindow,
} from '../../src/signals/git/history-state.js';
import type { LogCommit } from '../../src/signals/git/log-stream.js';
import { ResolvedFixAggregator } from '../../src/signals/git/resolved-fixes.js';
import { ItemGlobIndex } from '../../src/util/item-globs.js';

const rules = historyRules(resolveSettings({}));
const isBot = (name: string) => name.endsWith('[bot]');
const HOUR = 3600;
const BASE = 1_780_000_000;
const PATHS = ['a/x.py', 'a/y.py', 'b/z.py', 'b/w.py', 'c.py', 'd/e/f.py'];
const ITEM_GLOBS = [['a/**'], ['b/**', '!b/w.py'], ['a/x.py', 'c.py'], ['d/**'], ['gone/**']];
const RESOLVED = [
  { id: 'OLD-001', paths: ['a/**'], resolved: '2026-05-30' },
  { id: 'OLD-002', paths: ['b/**', 'c.py'], resolved: '2026-06-20' },
];

let hashes = 0;
const change = (renames: boolean) =>
  fc.record({
    path: fc.constantFrom(...PATHS),
    oldPath: renames
      ? fc.option(fc.constantFrom(...PATHS), { freq: 4, nil: undefined })
      : fc.constant(undefined),
    churn: fc.nat(5),
  });
const commit = (renames: boolean) =>
  fc
    .record({
      hours: fc.nat(1200),
      subject: fc.constantFrom(
        'fix: crash',
        'Add feature',
        'hotfix: nulls',
        'Fix typo',
        'refactor',
      ),
      author: fc.constantFrom('ana', 'bo', 'cy', 'renovate[bot]'),
      changes: fc.array(change(renames), { minLength: 1, maxLength: 3 }),
    })
    .map(({ hours, subject, author, changes }): LogCommit => ({
      hash: (++hashes).toString(16).padStart(40, '0'),
      root: false,
      email: `${author}@example.com`,
      name: author,
      time: BASE + hours * HOUR,
      subject,
      // A change names a path once; an old name differs from the new.
      changes: changes
        .filter((c, i) => changes.findIndex((d) => d.path === c.path) === i)
        .map((c) => (c.oldPath === c.path ? { path: c.path, churn: c.churn } : c)),
    }));

interface Case {
  old: LogCommit[];
  fresh: LogCommit[];
  prior: PassWindow;
  next: PassWindow;
  trackedNew: Set<string>;
  trackedOld: Set<string>;
}

const cases = fc
  .record({
    old: fc.array(commit(true), { maxLength: 25 }),
    fresh: fc.array(commit(false), { maxLength: 4 }),
    freshRenames: fc.array(commit(true), { maxLength: 1 }),
    sinceHours: fc.nat(1000),
    reachBack: fc.option(fc.nat(300), { nil: null }),
    moveUntil: fc.nat(60),
    moveSince: fc.nat(60),
    tracked: fc.subarray(PATHS),
    flips: fc.subarray(PATHS),
  })
  .map((c): Case => {
    const until = BASE + 1000 * HOUR;
    const since = BASE + c.sinceHours * HOUR;
    const prior = {
      sinceSeconds: since,
      untilSeconds: until,
      reachSeconds: c.reachBack === null ? 0 : since - c.reachBack * HOUR,
    };
    const next = {
      sinceSeconds: since + c.moveSince * HOUR,
      untilSeconds: until + c.moveUntil * HOUR,
      reachSeconds: c.reachBack === null ? 0 : since + c.moveSince * HOUR - c.reachBack * HOUR,
    };
    // The old commits stop at the earlier window's end; the new ones are dated on top of it.
    const old = c.old.map((o) => ({ ...o, time: Math.min(o.time, until) }));
    // The new commits mostly on top of the earlier window's end, some anywhere (dates skew).
    const fresh = [...c.freshRenames, ...c.fresh].map((f, i) =>
      i % 3 === 2 ? f : { ...f, time: until + ((f.time - BASE) % (c.moveUntil * HOUR + 1)) },
    );
    // Tracked at the earlier commit: as now, but for paths the new commits touched.
    const touched = new Set(fresh.flatMap((f) => f.changes.map((ch) => ch.path)));
    const trackedNew = new Set(c.tracked);
    const trackedOld = new Set(trackedNew);
    for (const path of c.flips) {
      if (!touched.has(path)) continue;
      if (trackedOld.has(path)) trackedOld.delete(path);
      else trackedOld.add(path);
    }
    return { old, fresh, prior, next, trackedNew, trackedOld };
  });

/** Each aggregator of one pass over `commits`, as the history pass runs them. */
function pass(commits: readonly LogCommit[], window: PassWindow, tracked: ReadonlySet<string>) {
  const bounds = { sinceSeconds: window.sinceSeconds, untilSeconds: window.untilSeconds };
  const index = new ItemGlobIndex(ITEM_GLOBS);
  const history = new HistoryAggregator({ ...rules, isBot, ...bounds, index });
  const files = new FileHistoryAggregator({ ...rules, isBot, ...bounds, tracked });
  const resolved = new ResolvedFixAggregator({ ...rules, isBot, ...bounds, items: RESOLVED });
  for (const c of commits) {
    // The pass leaves out what its reach does not hold (as git's --since-as-filter).
    if (window.reachSeconds > 0 && c.time < window.reachSeconds) continue;
    history.add(c);
    files.add(c);
    resolved.add(c);
  }
  history.addGroupFiles(index.selectFiles([...tracked]));
  return { index, history, files, resolved };
}

/** A history result with its per-group sets and per-group files in a fixed order. */
function comparable(result: HistoryResult) {
  return {
    ...result,
    groups: result.groups.map((g) => ({
      ...g,
      authors: [...g.authors].sort(),
      files: [...g.files].sort(([a], [b]) => a.localeCompare(b)),
      matchedPaths: [...g.matchedPaths].sort(),
      fixesByMonth: [...g.fixesByMonth].sort(),
    })),
    // In the order one pass meets the paths.
    lastChangeByPath: [...result.lastChangeByPath],
    changedAfterEnd: [...result.changedAfterEnd].sort(),
  };
}

const ordered = (result: FileHistoryResult) => ({
  files: [...result.files],
  directories: [...result.directories],
});

describe('extending a kept pass', () => {
  it('gives what one pass over all the commits gives, whenever the checks allow it', () => {
    let extended = 0;
    fc.assert(
      fc.property(cases, ({ old, fresh, prior, next, trackedNew, trackedOld }) => {
        const earlier = pass(old, prior, trackedOld);
        // As kept in a file and read back.
        const state = decodeState(
          JSON.parse(
            JSON.stringify(
              encodeState({
                head: 'a'.repeat(40),
                window: prior,
                history: earlier.history.state(),
                files: earlier.files.state(),
                resolved: earlier.resolved.state(),
                globHits: earlier.index.changeHits(),
                notebooks: null,
                notebookCounts: { counted: 0, unreadable: 0 },
              }),
            ),
          ) as EncodedState,
        );
        const seen = fresh.filter((c) => next.reachSeconds <= 0 || c.time >= next.reachSeconds);
        fc.pre(windowExtends({ window: prior, span: state.history.span }, next));
        fc.pre(commitsExtend(seen, trackedNew, state));
        extended++;

        const whole = pass([...fresh, ...old], next, trackedNew);
        const later = pass(fresh, next, trackedNew);
        later.history.seed(state.history);
        later.files.seed(state.files);
        later.resolved.seed(state.resolved);
        later.index.markChangeHits(state.globHits);

        expect(comparable(later.history.result())).toEqual(comparable(whole.history.result()));
        expect(ordered(later.files.result())).toEqual(ordered(whole.files.result()));
        expect(later.resolved.result()).toEqual(whole.resolved.result());
        expect(later.index.deadGlobs()).toEqual(whole.index.deadGlobs());
        // The state left is the one pass's: the next extension starts from the same place.
        expect(later.history.state().span).toEqual(whole.history.state().span);
        expect(later.files.state()).toEqual(whole.files.state());
        expect(later.resolved.state()).toEqual(whole.resolved.state());
      }),
      { numRuns: 400 },
    );
    // Most generated cases are extensions: the property is not vacuous.
    expect(extended).toBeGreaterThan(100);
  });

  it('refuses a new commit that renames, or a path with history whose tracking changed', () => {
    const window = { sinceSeconds: BASE, untilSeconds: BASE + 10 * HOUR, reachSeconds: 0 };
    const at = (changes: LogCommit['changes']): LogCommit => ({
      hash: 'f'.repeat(40),
      root: false,
      email: 'ana@example.com',
      name: 'Ana',
      time: BASE + 2 * HOUR,
      subject: 'change',
      changes,
    });
    // a/x.py tracked with history; a/gone.py changed, then untracked before the earlier commit.
    const earlier = pass(
      [at([{ path: 'a/x.py', churn: 1 }]), at([{ path: 'a/gone.py', churn: 1 }])],
      window,
      new Set(['a/x.py']),
    );
    const prior = { history: earlier.history.state(), files: earlier.files.state() };
    const edit = [at([{ path: 'a/x.py', churn: 1 }])];
    expect(commitsExtend(edit, new Set(['a/x.py']), prior)).toBe(true);
    // A new file has no history to re-key.
    expect(commitsExtend(edit, new Set(['a/x.py', 'a/new.py']), prior)).toBe(true);
    // A rename re-keys the older commits of its old name.
    const moved = [at([{ path: 'a/new.py', oldPath: 'a/x.py', churn: 0 }])];
    expect(commitsExtend(moved, new Set(['a/new.py']), prior)).toBe(false);
    // Deleted since: its directory's figures would lose its commits.
    expect(commitsExtend(edit, new Set(), prior)).toBe(false);
    // Tracked again: its history was never kept per file.
    expect(commitsExtend(edit, new Set(['a/x.py', 'a/gone.py']), prior)).toBe(false);
  });

  it('refuses a window that drops a counted commit, lets one in, or reaches less far', () => {
    const window = { sinceSeconds: 100, untilSeconds: 200, reachSeconds: 50 };
    const span = { oldest: 60, newest: 190, oldestInWindow: 120 };
    const move = (since: number, until: number, reach: number) =>
      windowExtends(
        { window, span },
        { sinceSeconds: since, untilSeconds: until, reachSeconds: reach },
      );
    expect(move(100, 200, 50)).toBe(true);
    expect(move(120, 220, 60)).toBe(true);
    // The commit at 120 would leave the window; the one at 60 the reach.
    expect(move(121, 220, 60)).toBe(false);
    expect(move(120, 220, 61)).toBe(false);
    // Earlier commits would join: the window or the reach moved back.
    expect(move(99, 220, 50)).toBe(false);
    expect(move(100, 220, 49)).toBe(false);
    expect(move(100, 199, 50)).toBe(false);
    // A commit the earlier pass saw past its end counted only for renames.
    expect(
      windowExtends({ window, span: { ...span, newest: 201 } }, { ...window, untilSeconds: 300 }),
    ).toBe(false);
  });

  it('holds no more new commits than a chain listing takes', () => {
    expect(MAX_NEW_COMMITS).toBe(MAX_CHAIN);
  });
});
