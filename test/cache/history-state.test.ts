/**
 * A run on the next commit extends the state the previous audit's pass kept
 * (history-state.ts) when that is exact, and reports byte for byte what `--no-cache` reports
 * of the same commit, extended or not: commit after commit, across a rename and a deletion
 * (which fall back to the full aggregation), and a run of other inputs in between.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git, type CommitSpec } from '../../scripts/lib/repo-builder.js';
import { audit } from '../../src/index.js';
import { renderReport } from '../../src/report/registry.js';
import { makeRepo, tempDir, testEnv } from '../helpers/audit-repo.js';
import { commits, inventory } from '../helpers/scenario.js';

const temp = tempDir('history-state');
afterAll(temp.remove);
const origin = makeRepo(temp.dir, 'origin', commits);
const clone = join(temp.dir, 'clone');
git(temp.dir, ['clone', '-q', origin, clone]);
const config = join(temp.dir, 'debt.yaml');
// With a resolved item whose paths had fixes after its day, before and among the new commits.
writeFileSync(
  config,
  `${inventory}  - id: OLD-007\n    title: Old serving debt\n    category: model\n    status: resolved\n    resolved: 2026-03-01\n    risk: 1\n    cost_of_delay: 1\n    paths: ["src/serving/**"]\n`,
);
const otherConfig = join(temp.dir, 'other.yaml');
writeFileSync(otherConfig, inventory.replace('paths: ["src/monitoring/**"]', 'paths: ["src/**"]'));
const EXTENDED = /^history: \d+ new commits? on top of [0-9a-f]{10}/;

/**
 * An audit of the clone's HEAD (or `repo`'s) over a year (the one-hour steps below drop no
 * commit from it), with the cache in `cacheHome` or none: its JSON and whether it extended a
 * kept state.
 */
async function run(cacheHome: string | null, configFile = config, repo = clone) {
  const debug: string[] = [];
  const { report } = await audit({
    cwd: repo,
    config: configFile,
    since: '1y',
    env: testEnv(repo, cacheHome === null ? {} : { XDG_CACHE_HOME: cacheHome }),
    ...(cacheHome === null ? { cache: false } : {}),
    onDebug: (line) => debug.push(line),
  });
  return {
    json: await renderReport(report, 'json', { color: false }),
    extended: debug.some((line) => EXTENDED.test(line)),
    // The pass's plan: how many commits git walked, and how many the cache gave.
    plans: debug.filter((line) => /^history: \d+ commits? in /.test(line)),
  };
}

let hour = 0;
/** Commits on top of the clone's HEAD, an hour after the previous one. */
function commit(message: string, change: () => void) {
  change();
  git(clone, ['add', '-A']);
  const date = new Date(Date.parse('2026-06-30T12:00:00Z') + ++hour * 3_600_000).toISOString();
  git(clone, ['commit', '-q', '-m', message], {
    env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
}

/** An inventory with one item over the notebooks. */
const notebookConfig = join(temp.dir, 'notebooks.yaml');
writeFileSync(
  notebookConfig,
  'version: 1\nproject: nb\nitems:\n  - id: NB-001\n    title: Notebooks\n    category: data\n    risk: 2\n    cost_of_delay: 2\n    paths: ["nb/**"]\n',
);

/** A notebook's JSON: one source line per cell, and `outputs` lines git counts as churn. */
function notebook(sources: string[], outputs: number): string {
  const cells = sources.map((source) => ({
    cell_type: 'code',
    source: [source],
    outputs: Array.from({ length: outputs }, (_, i) => ({ output_type: 'stream', text: [`${i}`] })),
  }));
  return `${JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1)}\n`;
}

/**
 * A repository whose notebook `name` was explored in two commits of the window (its outputs
 * are most of git's line count), beside a Python file; `then`, more commits.
 */
function notebookRepo(dir: string, name: string, then: CommitSpec[] = []): string {
  const ana = { name: 'Ana', email: 'ana@example.com' };
  return makeRepo(temp.dir, dir, [
    {
      date: '2026-03-01T10:00:00Z',
      author: ana,
      message: 'Explore',
      files: { [name]: notebook(['a = 1'], 3), 'src/a.py': 'a = 1\n' },
    },
    {
      date: '2026-03-02T10:00:00Z',
      author: ana,
      message: 'fix: explore again',
      files: { [name]: notebook(['a = 2', 'b = 1'], 9) },
    },
    ...then,
  ]);
}

describe('a run on the next commit', () => {
  it('extends over notebooks, reading only the new commits’ notebook changes', async () => {
    const repo = notebookRepo('kept-notebooks', 'nb/keep.ipynb');
    const home = join(temp.dir, 'cache-kept-notebooks');
    await run(home, notebookConfig, repo);
    writeFileSync(join(repo, 'nb/keep.ipynb'), notebook(['a = 3', 'b = 2', 'c = 1'], 2));
    git(repo, ['commit', '-q', '-am', 'fix: the notebook'], {
      env: { GIT_AUTHOR_DATE: '2026-03-03T10:00:00Z', GIT_COMMITTER_DATE: '2026-03-03T10:00:00Z' },
    });
    const next = await run(home, notebookConfig, repo);
    expect(next.extended).toBe(true);
    // The note counts every notebook change of the window: two kept, one new.
    expect(next.json).toContain('3 notebook changes read');
    expect(next.json).toBe((await run(null, notebookConfig, repo)).json);
  });

  it('does not extend across a first notebook: older notebook changes count otherwise', async () => {
    const repo = notebookRepo('notebooks', 'nb/old.ipynb', [
      {
        date: '2026-03-03T10:00:00Z',
        author: { name: 'Ana', email: 'ana@example.com' },
        message: 'Drop it',
        files: { 'nb/old.ipynb': null },
      },
    ]);
    const home = join(temp.dir, 'cache-notebooks');
    const at = (cacheHome: string | null) => run(cacheHome, notebookConfig, repo);
    await at(home);
    // The repository's first notebook at HEAD: older notebooks' churn is now their sources'.
    mkdirSync(join(repo, 'nb'));
    writeFileSync(join(repo, 'nb/new.ipynb'), notebook(['c = 1'], 1));
    git(repo, ['add', '-A']);
    git(repo, ['commit', '-q', '-m', 'A new notebook'], {
      env: { GIT_AUTHOR_DATE: '2026-03-04T10:00:00Z', GIT_COMMITTER_DATE: '2026-03-04T10:00:00Z' },
    });
    const next = await at(home);
    expect(next.extended).toBe(false);
    expect(next.json).toBe((await at(null)).json);
  });

  it('extends the previous pass where exact, and reports what --no-cache reports', async () => {
    const home = join(temp.dir, 'cache');
    const first = await run(home);
    expect(first.extended).toBe(false);
    const steps: [string, () => void, boolean][] = [
      [
        'fix: empty batch again',
        () => writeFileSync(join(clone, 'src/serving/app.py'), 'app = 2\n'),
        true,
      ],
      [
        'Add a feature file',
        () => writeFileSync(join(clone, 'src/features/new.py'), 'x = 1\n'),
        true,
      ],
      // A rename re-keys the old name's history: the full aggregation.
      [
        'Rename the app',
        () => git(clone, ['mv', 'src/serving/app.py', 'src/serving/main.py']),
        false,
      ],
      // The state that run left is extended again.
      ['fix: main', () => writeFileSync(join(clone, 'src/serving/main.py'), 'app = 3\n'), true],
      // A file with history deleted: its directory's figures lose its commits.
      ['Drop drift', () => rmSync(join(clone, 'src/monitoring/drift.py')), false],
      [
        'fix: new feature',
        () => writeFileSync(join(clone, 'src/features/new.py'), 'x = 2\n'),
        true,
      ],
    ];
    for (const [message, change, extends_] of steps) {
      commit(message, change);
      const next = await run(home);
      expect(next.extended, message).toBe(extends_);
      // An extension walks the new commit alone, without the cache; else a full pass follows.
      if (extends_) {
        expect(next.plans, message).toHaveLength(1);
        expect(next.plans[0], message).toMatch(/^history: 1 commit in 1 shard \(1; \d+ cores?\)$/);
      }
      expect(next.json, message).toBe((await run(null)).json);
    }
  });

  it('does not extend a state kept for other items, nor across a merge', async () => {
    const home = join(temp.dir, 'cache-other');
    await run(home, otherConfig);
    commit('fix: serving', () => writeFileSync(join(clone, 'src/serving/main.py'), 'app = 4\n'));
    const other = await run(home);
    expect(other.extended).toBe(false);
    expect(other.json).toBe((await run(null)).json);
    // A merge among the new commits: not a chain on top of the kept commit.
    git(clone, ['checkout', '-q', '-b', 'side', 'HEAD~1']);
    commit('fix: on a side branch', () =>
      writeFileSync(join(clone, 'src/features/side.py'), 'y = 1\n'),
    );
    git(clone, ['checkout', '-q', '-']);
    const date = new Date(Date.parse('2026-06-30T12:00:00Z') + ++hour * 3_600_000).toISOString();
    git(clone, ['merge', '-q', '--no-ff', '-m', 'Merge side', 'side'], {
      env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
    const merged = await run(home);
    expect(merged.extended).toBe(false);
    expect(merged.json).toBe((await run(null)).json);
  });
});
