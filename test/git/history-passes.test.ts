/**
 * One history pass serving several windows (the same audit as of several days): every
 * window's collection must equal the one a pass of its own gives, diagnostics included, and
 * the whole lot must cost one `git log`. Real repositories with fixed dates; a git on PATH
 * that logs its arguments counts the passes.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommitSpec } from '../../scripts/lib/repo-builder.js';
import { audit } from '../../src/index.js';
import { resolveSettings } from '../../src/inventory/settings.js';
import { buildReport } from '../../src/pipeline/build-report.js';
import { collectSignals } from '../../src/pipeline/collect.js';
import { resolveContext } from '../../src/pipeline/context.js';
import { reconcile } from '../../src/pipeline/reconcile.js';
import { COLLECTORS } from '../../src/signals/index.js';
import { historyRules } from '../../src/signals/git/commit-rules.js';
import { runHistoryPasses } from '../../src/signals/git/history.js';
import {
  collectGitHistories,
  collectGitHistory,
  type GitCollection,
  type GitWindowOptions,
} from '../../src/signals/git/index.js';
import type { LogCommit } from '../../src/signals/git/log-stream.js';
import { listTrackedFiles, readHead } from '../../src/signals/git/repo.js';
import { dayEnd, subtractDuration } from '../../src/util/dates.js';
import { ItemGlobIndex } from '../../src/util/item-globs.js';
import { inventoryOf, itemYaml, makeRepo, tempDir, testEnv } from '../helpers/audit-repo.js';
import { countingGit as countingGitIn } from '../helpers/git-calls.js';

const temp = tempDir('passes');
afterAll(temp.remove);

const ana = { name: 'Ana', email: 'ana@example.com' };
const bo = { name: 'Bo', email: 'bo@example.com' };
const bot = { name: 'dependabot[bot]', email: 'bot@example.com' };

/**
 * Root 2025-04-10 (after the start of a 90-day window ending 2025-05-31: a young repository),
 * nothing from May to mid-September (a window ending 2025-08-31 is sparse), then renames
 * (one after the 2025-11-30 window end), fixes, a bot's and an excluded "fix", a merge.
 */
const COMMITS: CommitSpec[] = [
  {
    date: '2025-04-10T09:00:00Z',
    author: ana,
    message: 'Initial import',
    files: {
      'data/a.py': 'a = 1\n',
      'old/x.py': 'x = 1\n',
      'model/m.py': 'm = 1\n',
      'cfg.yaml': 'lr: 1\n',
    },
  },
  {
    date: '2025-04-20T09:00:00Z',
    author: bo,
    message: 'fix: lr',
    files: { 'cfg.yaml': 'lr: 2\n' },
  },
  {
    date: '2025-05-02T09:00:00Z',
    author: ana,
    message: 'fix: x overflow',
    files: { 'old/x.py': 'x = 2\n' },
  },
  {
    date: '2025-09-15T09:00:00Z',
    author: ana,
    message: 'Move x to src',
    renames: [['old/x.py', 'src/x.py']],
  },
  {
    date: '2025-10-02T09:00:00Z',
    author: bo,
    message: 'fix: null rows in a',
    files: { 'data/a.py': 'a = 2\n' },
  },
  {
    date: '2025-10-20T09:00:00Z',
    author: bot,
    message: 'fix(deps): bump numpy',
    files: { 'model/m.py': 'm = 2\n' },
  },
  {
    date: '2025-11-03T09:00:00Z',
    author: ana,
    message: 'fix typo in a',
    files: { 'data/a.py': 'a = 3\n' },
  },
  {
    date: '2025-11-15T09:00:00Z',
    author: bo,
    branch: 'feat',
    from: 'main',
    message: 'fix: model nan',
    files: { 'model/m.py': 'm = 3\n' },
  },
  {
    date: '2025-11-18T09:00:00Z',
    author: ana,
    message: 'Tune x',
    files: { 'src/x.py': 'x = 3\n' },
  },
  {
    date: '2025-11-20T09:00:00Z',
    author: ana,
    message: 'Merge feat (fix in a merge subject does not count)',
    merge: ['feat'],
  },
  {
    date: '2025-12-10T09:00:00Z',
    author: bo,
    message: 'Rename a to b',
    renames: [['data/a.py', 'data/b.py']],
  },
  {
    date: '2026-01-05T09:00:00Z',
    author: ana,
    message: 'hotfix: b crash',
    files: { 'data/b.py': 'b = 1\n' },
  },
  {
    date: '2026-01-20T09:00:00Z',
    author: bo,
    message: 'fix: x regression',
    files: { 'src/x.py': 'x = 4\n' },
  },
  {
    date: '2026-02-10T09:00:00Z',
    author: ana,
    message: 'Tidy',
    files: { 'model/m.py': 'm = 4\n' },
  },
];

/** Month ends and a last day: every point a trend of seven points would score. */
const DAYS = [
  '2025-05-31',
  '2025-08-31',
  '2025-10-31',
  '2025-11-30',
  '2025-12-31',
  '2026-01-31',
  '2026-02-10',
];
const WINDOW = '90d';
const STALE_AFTER = '180d';

const GLOBS = [['data/b.py'], ['src/x.py'], ['model/**'], ['cfg.yaml'], ['data/*.py', 'cfg.yaml']];

const repo = makeRepo(temp.dir, 'repo', COMMITS);
const env = testEnv(repo);

/** A counting git (test/helpers/git-calls.ts) for this file's repository. */
function countingGit(name: string): { env: NodeJS.ProcessEnv; passes: () => number } {
  return countingGitIn(temp.dir, name, repo);
}

/** The JSON-able form of a collection: Maps as sorted entries, Sets as sorted arrays. */
function plain(value: unknown): unknown {
  if (value instanceof Map) {
    return [...value.entries()]
      .map(([k, v]) => [k, plain(v)] as const)
      .sort(([a], [b]) => String(a).localeCompare(String(b)));
  }
  if (value instanceof Set) return [...value].map(plain).sort();
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

describe('collectGitHistories', () => {
  const rules = historyRules(resolveSettings({ stale_after: STALE_AFTER }));

  async function setup() {
    const head = await readHead(repo, env);
    const tracked = await listTrackedFiles(repo, head.hash!, env);
    return { head: head.hash!, tracked };
  }

  /** Window `w` with its own items (a different subset per window when `varied`). */
  function windowOf(
    day: string,
    w: number,
    tracked: string[],
    varied: boolean,
    seen: Map<number, string[]>,
  ): GitWindowOptions {
    const untilMs = dayEnd(day);
    const globs = varied ? GLOBS.filter((_, g) => (g + w) % 3 !== 0) : GLOBS;
    const index = new ItemGlobIndex(globs);
    const observed: string[] = [];
    seen.set(w, observed);
    return {
      sinceMs: subtractDuration(untilMs, WINDOW),
      untilMs,
      index,
      groupFiles: Promise.resolve(index.selectFiles(tracked)),
      observe: (commit: LogCommit) => observed.push(commit.hash),
    };
  }

  async function compare(varied: boolean): Promise<GitCollection[]> {
    const { head, tracked } = await setup();
    const counter = countingGit(varied ? 'varied' : 'same');
    const shared = { root: repo, hash: head, ...rules, lineChurn: true, env: counter.env };
    const sharedSeen = new Map<number, string[]>();
    const together = await collectGitHistories(
      shared,
      DAYS.map((day, w) => windowOf(day, w, tracked, varied, sharedSeen)),
    );
    expect(counter.passes()).toBe(1);
    expect(together).toHaveLength(DAYS.length);
    for (const [w, day] of DAYS.entries()) {
      const aloneSeen = new Map<number, string[]>();
      const alone = await collectGitHistory({
        ...shared,
        env,
        ...windowOf(day, w, tracked, varied, aloneSeen),
      });
      expect(plain(together[w]), day).toEqual(plain(alone));
      // The observers too see exactly the commits of the window's own pass.
      expect(sharedSeen.get(w), day).toEqual(aloneSeen.get(w));
    }
    return together;
  }

  it('gives every window what a pass of its own gives, from one git log', async () => {
    const together = await compare(false);
    // Per-window diagnostics: the first window starts before the root, the second is dormant.
    expect(together[0]!.notes.map((n) => n.code)).toEqual(['young-repository']);
    expect(together[1]!.warnings.map((w) => w.code)).toEqual(['sparse-window']);
    expect(together.slice(2).flatMap((c) => [...c.warnings, ...c.notes])).toEqual([]);
    // Commits older than a window's reach stay out of it though the shared pass reads them:
    // cfg.yaml last changed 2025-04-20, inside the reach of the first two windows only.
    const cfg = together.map((c) => c.groupSignals[3]?.lastChange ?? null);
    expect(cfg).toEqual(['2025-04-20', '2025-04-20', null, null, null, null, null]);
    expect(together.map((c) => c.history.rootTime !== null)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
    // A rename after the window end names the file for the window: a.py's fix counts for b.py
    // (and the excluded "fix typo" counts as a commit, not as a fix).
    expect(together[3]!.groupSignals[0]).toMatchObject({ commits: 2, fixCommits: 1 });
    // The bot's fix, the excluded "fix" and the merge never count; the branch's fix does.
    expect(together[3]!.groupSignals[2]).toMatchObject({ commits: 2, fixCommits: 1, authors: 1 });
  });

  it('gives every window its own items, from one git log', async () => {
    const together = await compare(true);
    expect(together.map((c) => c.groupSignals.length)).toEqual([3, 4, 3, 3, 4, 3, 3]);
  });

  it('serves no window without running git', async () => {
    const counter = countingGit('none');
    const { head } = await setup();
    const none = await collectGitHistories(
      { root: repo, hash: head, ...rules, lineChurn: true, env: counter.env },
      [],
    );
    expect(none).toEqual([]);
    expect(counter.passes()).toBe(0);
  });
});

describe('runHistoryPasses through the pipeline', () => {
  const dir = join(temp.dir, 'pipeline');
  const pipelineRepo = makeRepo(
    dir,
    'repo',
    COMMITS,
    inventoryOf(
      [
        itemYaml('DATA-001', ['data/b.py']),
        itemYaml('X-001', ['src/x.py']),
        itemYaml('MODEL-001', ['model/**']),
        itemYaml('CFG-001', ['cfg.yaml']),
        itemYaml('XFIX-001', ['src/x.py'], '    status: resolved\n    resolved: 2025-12-01\n'),
        itemYaml('GONE-001', ['nowhere/*.py']),
      ],
      `settings:\n  window: ${WINDOW}\n  stale_after: ${STALE_AFTER}\n`,
    ),
  );
  const days = ['2025-08-31', '2025-11-30', '2026-02-10'];

  it('builds for every day the Report audit --until builds, from one git log', async () => {
    const counter = countingGit('pipeline');
    const contexts = await Promise.all(
      days.map((until) => resolveContext({ cwd: pipelineRepo, env: counter.env, until })),
    );
    const passes = await runHistoryPasses(contexts);
    contexts.forEach((context, i) => context.useHistory(passes[i]!));
    const reports = [];
    for (const context of contexts) {
      const collected = await collectSignals(context, COLLECTORS);
      reports.push(buildReport(context, collected, await reconcile(context, collected)));
    }
    expect(counter.passes()).toBe(1);

    for (const [i, until] of days.entries()) {
      const { report } = await audit({ cwd: pipelineRepo, env: testEnv(pipelineRepo), until });
      expect(JSON.stringify(reports[i]), until).toBe(JSON.stringify(report));
    }
    // The reconciliation rode on the same pass: the resolved item got a fix after its day.
    expect(reports[2]!.reconciliation.map((f) => f.code)).toContain('resolved-still-failing');
    expect(reports[0]!.reconciliation.map((f) => f.code)).not.toContain('resolved-still-failing');
    expect(reports.map((r) => r.window?.until)).toEqual(days);
  });

  it('gathers reconciliation only for the contexts asked', async () => {
    const contexts = await Promise.all(
      days.map((until) => resolveContext({ cwd: pipelineRepo, env, until })),
    );
    const passes = await runHistoryPasses(contexts, {
      reconcile: (i) => i === days.length - 1,
    });
    expect(passes.map((p) => p?.reconciliation !== undefined)).toEqual([false, false, true]);
    const alone = await runHistoryPasses([contexts[2]!]);
    expect(plain(passes[2])).toEqual(plain(alone[0]));
  });

  it('refuses contexts one pass cannot serve (other rules or commit)', async () => {
    const [a] = await Promise.all([resolveContext({ cwd: pipelineRepo, env, until: days[0] })]);
    const other = await resolveContext({
      cwd: pipelineRepo,
      env,
      until: days[1],
      lineChurn: false,
    });
    await expect(runHistoryPasses([a!, other])).rejects.toThrow(
      'runHistoryPasses: the contexts differ in lineChurn: one pass cannot serve them',
    );
    const older = await resolveContext({ cwd: pipelineRepo, env, until: 'HEAD~3' });
    await expect(runHistoryPasses([a!, older])).rejects.toThrow('the contexts differ in head');
  });

  it('refuses a handed-over pass once the run has read its own', async () => {
    const context = await resolveContext({ cwd: pipelineRepo, env, until: days[0] });
    await context.history();
    expect(() => context.useHistory(null)).toThrow(
      'useHistory: the run has already read its history',
    );
  });
});
