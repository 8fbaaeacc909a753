/**
 * The history aggregators count per distinct set of match classes, per interned path and per
 * commit sequence number, to keep the pass's per-commit work small; what they count must be
 * exactly what the plain definition counts: every commit added to every group (and file,
 * and directory) it touches, one by one. The plain definitions are written out below and
 * both are fed the same random histories: renames (chains of them, and two names that end
 * up one file), commits before, inside and after the window, fixes, excluded fixes and bots.
 * Bounded by MLDEBT_FUZZ_RUNS.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FixCommit } from '../../src/model/index.js';
import { resolveSettings } from '../../src/inventory/settings.js';
import { historyRules } from '../../src/signals/git/commit-rules.js';
import {
  HistoryAggregator,
  hottestFiles,
  MAX_FIXES_LISTED,
  type AggregateOptions,
  type GroupHistory,
} from '../../src/signals/git/aggregate.js';
import { CommitRules, RenameTracker } from '../../src/signals/git/commit-rules.js';
import {
  directoryOf,
  FileHistoryAggregator,
  type FileHistoryOptions,
  type PathHistory,
} from '../../src/signals/git/file-history.js';
import type { LogCommit } from '../../src/signals/git/log-stream.js';
import { isoDay, isoMonth } from '../../src/util/dates.js';
import { compareText } from '../../src/util/text.js';
import { ItemGlobIndex } from '../../src/util/item-globs.js';
import { DAY, UNTIL } from '../helpers/log-commits.js';

const RUNS = Number(process.env.MLDEBT_FUZZ_RUNS ?? 200);
const settings = historyRules(resolveSettings({}));
const RULES = {
  fixPattern: settings.fixPattern,
  fixExclude: settings.fixExclude,
  isBot: (name: string) => name.endsWith('[bot]'),
};
const SINCE = UNTIL - 100 * DAY;

const PATHS = [
  'src/a.py',
  'src/b.py',
  'src/sub/c.py',
  'src/sub/d.yaml',
  'lib/e.py',
  'lib/f.yaml',
  'docs/g.md',
  'h.py',
];
const GLOBS = [
  ['src/**'],
  ['src/**/*.py'],
  ['**/*.py', '!src/sub/**'],
  ['src/**', '!**/c.py'],
  ['lib/**'],
  ['h.py'],
  ['**/*.yaml'],
  ['src/sub/*'],
  ['docs/**', 'lib/e.py'],
  ['src/**'],
];

interface RawCommit {
  daysAgo: number;
  subject: string;
  author: string;
  root: boolean;
  changes: { path: number; from: number | null; churn: number }[];
}

/** One random commit: its age, subject, author and changes (a rename names two paths). */
const commitArb: fc.Arbitrary<RawCommit> = fc.record({
  daysAgo: fc.integer({ min: -20, max: 200 }),
  subject: fc.constantFrom('fix: crash', 'Fix typo', 'Tune', 'hotfix: ids', 'Refactor'),
  // Past 32 authors, a group's author set spans several words of bits.
  author: fc.oneof(
    fc.constantFrom('Ana', 'Bo', 'renovate[bot]'),
    fc.integer({ min: 0, max: 70 }).map((n) => `Dev ${n}`),
  ),
  root: fc.boolean(),
  changes: fc.array(
    fc.record({
      path: fc.integer({ min: 0, max: PATHS.length - 1 }),
      from: fc.option(fc.integer({ min: 0, max: PATHS.length - 1 }), { freq: 3 }),
      churn: fc.integer({ min: 0, max: 9 }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
});

function toCommits(raw: readonly RawCommit[]): LogCommit[] {
  return raw.map((c, i) => ({
    hash: (i + 1).toString(16).padStart(40, '0'),
    root: c.root,
    email: `${c.author.toLowerCase().replace(' ', '.')}@example.com`,
    name: c.author,
    time: UNTIL - c.daysAgo * DAY,
    subject: c.subject,
    changes: c.changes.map((ch) => ({
      path: PATHS[ch.path]!,
      ...(ch.from === null ? {} : { oldPath: PATHS[ch.from]! }),
      churn: ch.churn,
    })),
  }));
}

/** The plain definition: each commit updates each group it touches, one by one. */
function plainGroups(options: AggregateOptions, commits: LogCommit[], groupFiles: string[][]) {
  const { index, sinceSeconds, untilSeconds } = options;
  const rules = new CommitRules(options);
  const names = new RenameTracker();
  const lastChangeByPath = new Map<string, number>();
  const changedAfterEnd = new Set<string>();
  let commitsInWindow = 0;
  let rootTime: number | null = null;
  const groups: GroupHistory[] = index.groups.map((_, g) => ({
    commits: 0,
    fixCommits: 0,
    sharedFixCommits: 0,
    authors: new Set<string>(),
    churn: 0,
    lastChange: null,
    fixesByMonth: new Map<string, number>(),
    fixes: [] as FixCommit[],
    files: new Map<string, { commits: number; fixCommits: number }>(),
    matchedPaths: new Set<string>(groupFiles[g]),
  }));
  for (const commit of commits) {
    if (commit.time > untilSeconds) {
      for (const change of commit.changes) {
        changedAfterEnd.add(names.resolve(change.path));
        names.record(change.oldPath, change.path);
      }
      continue;
    }
    if (commit.root) rootTime = Math.min(rootTime ?? commit.time, commit.time);
    const inWindow = commit.time >= sinceSeconds;
    const bot = rules.isBot(commit);
    const isFix = inWindow && !bot && rules.isFailureFix(commit.subject);
    if (inWindow) commitsInWindow++;
    const touched = new Map<number, { churn: number; files: Set<string> }>();
    for (const change of commit.changes) {
      const identity = names.resolve(change.path);
      const newest = lastChangeByPath.get(identity);
      if (newest === undefined || commit.time > newest) lastChangeByPath.set(identity, commit.time);
      const matched = new Set(
        [change.path, identity, change.oldPath ?? change.path].flatMap((name) =>
          index.groupsOf(name, inWindow),
        ),
      );
      for (const g of matched) {
        const entry = touched.get(g) ?? { churn: 0, files: new Set<string>() };
        entry.churn += change.churn ?? 0;
        entry.files.add(identity);
        touched.set(g, entry);
        if (inWindow) groups[g]!.matchedPaths.add(identity);
      }
      names.record(change.oldPath, change.path);
    }
    let itemsTouched = 0;
    for (const g of touched.keys()) itemsTouched += index.groups[g]!.items.length;
    for (const [g, { churn, files }] of touched) {
      const group = groups[g]!;
      group.lastChange = Math.max(group.lastChange ?? 0, commit.time);
      if (!inWindow) continue;
      group.commits++;
      group.churn += churn;
      if (!bot) group.authors.add(commit.email);
      for (const file of files) {
        const stats = group.files.get(file) ?? { commits: 0, fixCommits: 0 };
        stats.commits++;
        if (isFix) stats.fixCommits++;
        group.files.set(file, stats);
      }
      if (isFix) {
        group.fixCommits++;
        if (itemsTouched > 1) group.sharedFixCommits++;
        const month = isoMonth(commit.time * 1000);
        group.fixesByMonth.set(month, (group.fixesByMonth.get(month) ?? 0) + 1);
        if (group.fixes.length < MAX_FIXES_LISTED) {
          const date = isoDay(commit.time * 1000);
          group.fixes.push({ commit: commit.hash.slice(0, 10), date, subject: commit.subject });
        }
      }
    }
  }
  return { groups, commitsInWindow, rootTime, lastChangeByPath, changedAfterEnd };
}

/** The plain definition per file and directory: one record per commit, file and directory. */
function plainFiles(options: FileHistoryOptions, commits: LogCommit[]) {
  const { sinceSeconds, untilSeconds, tracked } = options;
  const rules = new CommitRules(options);
  const names = new RenameTracker();
  const files = new Map<string, PathHistory>();
  const directories = new Map<string, PathHistory>();
  const authors = new Map<PathHistory, Set<string>>();
  for (const commit of commits) {
    if (commit.time > untilSeconds) {
      for (const change of commit.changes) names.record(change.oldPath, change.path);
      continue;
    }
    const inWindow = commit.time >= sinceSeconds;
    const bot = rules.isBot(commit);
    const isFix = inWindow && !bot && rules.isFailureFix(commit.subject);
    const fileChurn = new Map<string, number>();
    const directoryChurn = new Map<string, number>();
    for (const change of commit.changes) {
      const identity = names.resolve(change.path);
      names.record(change.oldPath, change.path);
      if (!tracked.has(identity)) continue;
      const churn = change.churn ?? 0;
      fileChurn.set(identity, (fileChurn.get(identity) ?? 0) + churn);
      const directory = directoryOf(identity);
      if (directory !== '')
        directoryChurn.set(directory, (directoryChurn.get(directory) ?? 0) + churn);
    }
    const record = (map: Map<string, PathHistory>, key: string, churn: number) => {
      const history = map.get(key) ?? {
        commits: 0,
        fixCommits: 0,
        authors: 0,
        churn: 0,
        lastChange: null,
      };
      map.set(key, history);
      if (!authors.has(history)) authors.set(history, new Set());
      history.lastChange = Math.max(history.lastChange ?? 0, commit.time);
      if (!inWindow) return;
      history.commits++;
      history.churn += churn;
      if (!bot) authors.get(history)!.add(commit.email);
      if (isFix) history.fixCommits++;
    };
    for (const [path, churn] of fileChurn) record(files, path, churn);
    for (const [directory, churn] of directoryChurn) record(directories, directory, churn);
  }
  for (const [history, emails] of authors) history.authors = emails.size;
  return { files, directories };
}

/** A group's figures in a form where order means something only where it does (fixes). */
function comparable(group: GroupHistory) {
  return {
    ...group,
    authors: [...group.authors].sort(),
    fixesByMonth: [...group.fixesByMonth].sort(),
    files: [...group.files].sort(([a], [b]) => compareText(a, b)),
    matchedPaths: [...group.matchedPaths].sort(),
  };
}

function aggregateBoth(commits: LogCommit[], globs: readonly (readonly string[])[]) {
  const options = (index: ItemGlobIndex): AggregateOptions => ({
    ...RULES,
    index,
    sinceSeconds: SINCE,
    untilSeconds: UNTIL,
  });
  const index = new ItemGlobIndex(globs);
  const aggregator = new HistoryAggregator(options(index));
  for (const commit of commits) aggregator.add(commit);
  const groupFiles = index.selectFiles(['src/a.py', 'lib/f.yaml']);
  aggregator.addGroupFiles(groupFiles);
  const plainIndex = new ItemGlobIndex(globs);
  const plain = plainGroups(
    options(plainIndex),
    commits,
    plainIndex.selectFiles(['src/a.py', 'lib/f.yaml']),
  );
  return { index, plainIndex, result: aggregator.result(), plain, aggregator };
}

describe('HistoryAggregator, counting per set of match classes', () => {
  it('gives every group exactly the figures of a commit-by-commit, group-by-group count', () => {
    fc.assert(
      fc.property(
        fc.array(commitArb, { maxLength: 40 }),
        fc.subarray(GLOBS, { minLength: 1 }),
        (raw, globs) => {
          const commits = toCommits(raw);
          const { index, plainIndex, result, plain } = aggregateBoth(commits, globs);
          expect(result.groups.map(comparable)).toEqual(plain.groups.map(comparable));
          expect(result.commitsInWindow).toBe(plain.commitsInWindow);
          expect(result.rootTime).toBe(plain.rootTime);
          expect([...result.lastChangeByPath].sort()).toEqual([...plain.lastChangeByPath].sort());
          expect([...result.changedAfterEnd].sort()).toEqual([...plain.changedAfterEnd].sort());
          // The same paths were counted as matched: the same globs are dead.
          expect(index.deadGlobs()).toEqual(plainIndex.deadGlobs());
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('lists the first fixes in stream order when they come from many sets of classes', () => {
    // 300 fixes to `src/**`, through three classes (a .py file in src, one in src/sub, a
    // yaml) and their combinations: the listed hundred must be the stream's first hundred.
    const commits = toCommits(
      Array.from({ length: 300 }, (_, i) => ({
        daysAgo: 1 + (i % 90),
        subject: 'fix: crash',
        author: 'Ana',
        root: false,
        changes: [0, 2, 3]
          .filter((_, k) => (i >> k) & 1 || k === i % 3)
          .map((path) => ({ path, from: null, churn: 1 })),
      })),
    );
    const { index, result, plain } = aggregateBoth(commits, [['src/**'], ['src/**/*.py']]);
    const group = result.groups[index.groupOfItem[0]!]!;
    expect(group.fixCommits).toBe(300);
    expect(group.fixes).toHaveLength(MAX_FIXES_LISTED);
    expect(group.fixes).toEqual(plain.groups[0]!.fixes);
    expect(group.fixes[0]!.commit).toBe(commits[0]!.hash.slice(0, 10));
  });

  it('updates each group once per set of classes: repeating the history adds no group work', () => {
    const raw = Array.from({ length: 200 }, (_, i) => ({
      daysAgo: 1 + (i % 40),
      subject: i % 3 === 0 ? 'fix: crash' : 'Tune',
      author: i % 2 === 0 ? 'Ana' : 'Bo',
      root: false,
      changes: [{ path: i % PATHS.length, from: null, churn: 2 }],
    }));
    const once = aggregateBoth(toCommits(raw), GLOBS);
    const twice = aggregateBoth(
      toCommits([...raw, ...raw.map((c) => ({ ...c, daysAgo: c.daysAgo + 40 }))]),
      GLOBS,
    );
    expect(twice.result.groups[0]!.commits).toBe(2 * once.result.groups[0]!.commits);
    expect(once.aggregator.groupUpdates).toBeGreaterThan(0);
    expect(twice.aggregator.groupUpdates).toBe(once.aggregator.groupUpdates);
    // A commit-by-commit count would update a group at least once per commit.
    expect(twice.aggregator.groupUpdates).toBeLessThan(raw.length);
  });
});

describe('FileHistoryAggregator, tallying per interned path', () => {
  it('gives every file and directory exactly the figures of a commit-by-commit count', () => {
    fc.assert(
      fc.property(
        fc.array(commitArb, { maxLength: 40 }),
        fc.subarray(PATHS, { minLength: 1 }),
        (raw, tracked) => {
          const commits = toCommits(raw);
          const options: FileHistoryOptions = {
            ...RULES,
            sinceSeconds: SINCE,
            untilSeconds: UNTIL,
            tracked: new Set(tracked),
          };
          const aggregator = new FileHistoryAggregator(options);
          for (const commit of commits) aggregator.add(commit);
          const { files, directories } = aggregator.result();
          const plain = plainFiles(options, commits);
          // In the same order too: callers list them as they come.
          expect([...files]).toEqual([...plain.files]);
          expect([...directories]).toEqual([...plain.directories]);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('hottestFiles', () => {
  it('picks what sorting every file picks: most commits, then most fixes, then path', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            path: fc.constantFrom(...PATHS, 'a', 'b', 'c', 'B', 'ä'),
            commits: fc.integer({ min: 0, max: 4 }),
            fixCommits: fc.integer({ min: 0, max: 2 }),
          }),
          { selector: (f) => f.path, maxLength: 13 },
        ),
        (files) => {
          const sorted = [...files]
            .sort(
              (a, b) =>
                b.commits - a.commits || b.fixCommits - a.fixCommits || compareText(a.path, b.path),
            )
            .slice(0, 5);
          const map = new Map(files.map(({ path, ...stats }) => [path, stats]));
          expect(hottestFiles(map)).toEqual(sorted);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
