/**
 * The history pass in parallel shards must be the single pass, byte for byte: the commit
 * list is `git log`'s walk, a walk of a given list diffs each commit as the walk does, the
 * shards are read back in list order, and every report (audit, trend, scan) is the same
 * with 1, 2, 3 or 7 shards. Real repositories with fixed dates: side branches and merges, a
 * commit dated before its parent, renames whose old name changes in older shards, a file
 * deleted and re-added, binary files, a root commit and a mode-only change.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git, type CommitSpec } from '../../scripts/lib/repo-builder.js';
import { audit, renderScan, renderTrend, scan, trend } from '../../src/index.js';
import { resolveSettings } from '../../src/inventory/settings.js';
import { renderReport } from '../../src/report/registry.js';
import { listCommits } from '../../src/signals/git/commit-list.js';
import { historyRules } from '../../src/signals/git/commit-rules.js';
import { collectGitHistory } from '../../src/signals/git/index.js';
import {
  GitLogError,
  hashList,
  streamHistory,
  walkCommits,
  type DiffOptions,
  type LogCommit,
} from '../../src/signals/git/log-stream.js';
import { listTrackedFiles } from '../../src/signals/git/repo.js';
import { forcedShards } from '../../src/signals/git/pass-knobs.js';
import {
  MAX_SHARDS,
  planShards,
  shardCount,
  streamShardedHistory,
  walkInShards,
} from '../../src/signals/git/shards.js';
import { dayEnd, subtractDuration } from '../../src/util/dates.js';
import { ItemGlobIndex } from '../../src/util/item-globs.js';
import {
  auditError,
  inventoryOf,
  itemYaml,
  makeRepo,
  tempDir,
  testEnv,
} from '../helpers/audit-repo.js';
import { countingGit } from '../helpers/git-calls.js';

const temp = tempDir('shards');
afterAll(temp.remove);

const ana = { name: 'Ana', email: 'ana@example.com' };
const bo = { name: 'Bo', email: 'bo@example.com' };
const cy = { name: 'Cy', email: 'cy@example.com' };
const bot = { name: 'renovate[bot]', email: 'bot@example.com' };

/** Noon UTC, `n` days after 2024-01-01. */
const day = (n: number) => new Date(Date.UTC(2024, 0, 1, 12) + n * 86_400_000).toISOString();

/**
 * 48 commits over two and a half years: `data/old.py` changes on main and on a side branch,
 * and is renamed to `data/new.py` late (so with several shards the rename is in a newer shard
 * than the changes to the old name); `cfg/x.yaml` is deleted and re-added 80 days later; a
 * binary model changes every fifth commit; one commit is dated before its parent.
 */
function history(): CommitSpec[] {
  const commits: CommitSpec[] = [
    {
      date: day(0),
      author: ana,
      message: 'Initial import',
      files: {
        'data/old.py': 'v = 0\n',
        'cfg/x.yaml': 'a: 0\n',
        'bin/model.bin': '\0\x01model 0',
        'src/core.py': 'core = 0\n',
        'README.md': 'readme\n',
      },
    },
  ];
  const people = [ana, bo, cy, bot];
  for (let i = 1; i <= 36; i++) {
    const data = i < 30 ? 'data/old.py' : 'data/new.py';
    const files: Record<string, string | null> = { 'src/core.py': `core = ${i}\n` };
    let message = `Tune core ${i}`;
    // The rename commit changes nothing else: a pure rename of a short file.
    if (i % 3 === 0 && i !== 30) {
      files[data] = `v = ${i}\n`;
      message = i % 2 === 0 ? `fix: rows in data ${i}` : `Docs typo fix ${i}`;
    }
    if (i % 5 === 0) files['bin/model.bin'] = `\0\x01model ${i}`;
    if (i === 12) files['cfg/x.yaml'] = null;
    if (i === 20) files['cfg/x.yaml'] = 'a: 20\nb: 1\n';
    if (i > 20 && i % 4 === 0) files['cfg/x.yaml'] = `a: ${i}\n`;
    const spec: CommitSpec = {
      // One commit dated before its parent: git's order is not the order of the dates.
      date: i === 18 ? day(5) : day(i * 25),
      author: people[i % people.length]!,
      message,
      files,
    };
    if (i === 30) spec.renames = [['data/old.py', 'data/new.py']];
    if (i === 15) {
      spec.merge = ['feat'];
      spec.message = 'Merge feat';
      spec.files = {};
    }
    commits.push(spec);
    // A side branch from commit 8, its commits interleaved by date with main's, merged at 15.
    if (i >= 8 && i <= 14) {
      commits.push({
        date: day(i * 25 + 11),
        author: bo,
        branch: 'feat',
        ...(i === 8 ? { from: 'main' } : {}),
        message: i % 2 === 0 ? `fix: feat ${i}` : `Feature ${i}`,
        files: {
          [`src/feat${i % 3}.py`]: `f = ${i}\n`,
          ...(i === 10 ? { 'data/old.py': 'v = feat\n' } : {}),
        },
      });
    }
  }
  return commits;
}

const INVENTORY = inventoryOf(
  [
    itemYaml('DATA-001', ['data/new.py']),
    itemYaml('CFG-001', ['cfg/x.yaml']),
    itemYaml('MODEL-001', ['bin/**']),
    itemYaml('CORE-001', ['src/core.py']),
    itemYaml('FEAT-001', ['src/feat*.py']),
    itemYaml('OLD-001', ['data/old.py'], '    status: resolved\n    resolved: 2025-06-01\n'),
  ],
  'settings:\n  window: 900d\n  stale_after: 365d\n',
);

/** The fixture, plus a mode-only change on top (the builder writes every file 100644). */
function buildFixture(name: string): string {
  const repo = makeRepo(temp.dir, name, history(), INVENTORY);
  git(repo, ['update-index', '--chmod=+x', 'src/core.py']);
  const date = `${day(37 * 25)}`;
  git(repo, ['commit', '-q', '-m', 'Make core executable'], {
    env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
  return repo;
}

const repo = buildFixture('repo');
const env = testEnv(repo);
const head = git(repo, ['rev-parse', 'HEAD']).trim();
/** Reaches back to 2025-01-01: a window that starts inside the history. */
const SINCE_2025 = Math.floor(Date.UTC(2025, 0, 1) / 1000);

async function streamed(options: DiffOptions, since: number | null = null): Promise<LogCommit[]> {
  const out: LogCommit[] = [];
  await streamHistory({ ...options, rev: head, sinceSeconds: since }, (c) => out.push(c));
  return out;
}

describe('the commit list', () => {
  it.each([null, SINCE_2025])(
    "is git log's commits in git log's order (since %s)",
    async (since) => {
      const list = await listCommits({ cwd: repo, rev: head, sinceSeconds: since, env });
      const logged = (await streamed({ cwd: repo, lineChurn: false, env }, since)).map(
        (c) => c.hash,
      );
      expect(list).toEqual(logged);
      expect(list.length).toBeGreaterThan(since === null ? 40 : 10);
      // The fixture means something: merges left out, and an order that is not by date.
      expect(git(repo, ['rev-list', '--merges', 'HEAD']).trim()).not.toBe('');
      const times = (await streamed({ cwd: repo, lineChurn: false, env }, since)).map(
        (c) => c.time,
      );
      if (since === null) expect(times).not.toEqual([...times].sort((a, b) => b - a));
    },
  );

  it('is empty when every commit is older than the filter, and fails with git’s reason', async () => {
    const future = Math.floor(Date.UTC(2030, 0, 1) / 1000);
    expect(await listCommits({ cwd: repo, rev: head, sinceSeconds: future, env })).toEqual([]);
    const missing = 'f'.repeat(40);
    await expect(listCommits({ cwd: repo, rev: missing, sinceSeconds: null, env })).rejects.toThrow(
      /^git rev-list failed \(exit 128\): fatal: bad object f{40}$/,
    );
  });
});

describe('walkCommits', () => {
  const variants: [string, DiffOptions][] = [
    ['--numstat', { cwd: repo, lineChurn: true, env }],
    ['--name-status', { cwd: repo, lineChurn: false, env }],
    ['-M100% (a partial clone)', { cwd: repo, lineChurn: false, exactRenamesOnly: true, env }],
  ];

  it.each(variants)('yields the walk’s LogCommits for a given list (%s)', async (_, options) => {
    const expected = await streamed(options);
    const walked: LogCommit[] = [];
    await walkCommits(
      expected.map((c) => c.hash),
      options,
      (c) => walked.push(c),
    );
    expect(walked).toEqual(expected);
    // What the walk had to get right is in the fixture.
    const changes = expected.flatMap((c) => c.changes);
    expect(changes).toContainEqual(
      expect.objectContaining({ path: 'data/new.py', oldPath: 'data/old.py' }),
    );
    expect(expected.at(-1)!.root).toBe(true);
    expect(expected.filter((c) => c.root)).toHaveLength(1);
    expect(expected[0]!.subject).toBe('Make core executable');
    expect(expected[0]!.changes).toEqual([
      { path: 'src/core.py', churn: options.lineChurn ? 0 : null },
    ]);
    if (options.lineChurn) {
      expect(changes).toContainEqual({ path: 'bin/model.bin', churn: 0 });
    }
  });

  it('walks a list in the order given, not by date, and walks nothing for none', async () => {
    const expected = await streamed({ cwd: repo, lineChurn: true, env });
    const reversed = [...expected].reverse();
    const walked: LogCommit[] = [];
    await walkCommits(
      reversed.map((c) => c.hash),
      { cwd: repo, lineChurn: true, env },
      (c) => walked.push(c),
    );
    expect(walked).toEqual(reversed);
    const counter = countingGit(temp.dir, 'none', repo);
    await walkCommits([], { cwd: repo, lineChurn: true, env: counter.env }, () => undefined);
    expect(counter.passes()).toBe(0);
  });

  it('diffs a shallow clone’s boundary commit as the walk does: as a root', async () => {
    const shallow = join(temp.dir, 'shallow');
    git(temp.dir, ['clone', '-q', '--depth', '5', `file://${repo}`, shallow]);
    const options: DiffOptions = { cwd: shallow, lineChurn: true, env: testEnv(shallow) };
    const expected: LogCommit[] = [];
    await streamHistory({ ...options, rev: head, sinceSeconds: null }, (c) => expected.push(c));
    const walked: LogCommit[] = [];
    const hashes = await listCommits({ ...options, rev: head, sinceSeconds: null });
    await walkInShards(hashes, planShards(hashes.length, 2), options, (c) => walked.push(c));
    expect(walked).toEqual(expected);
    expect(expected).toHaveLength(5);
    expect(expected.at(-1)!.root).toBe(true);
  });

  it('never hands git a list line that is not a full hash (it would read it as an option)', () => {
    expect(() => hashList([head, '--output=/tmp/x'])).toThrow('not a full commit hash');
    expect(hashList([head])).toBe(`${head}\n`);
  });
});

describe('walkInShards', () => {
  const options: DiffOptions = { cwd: repo, lineChurn: true, env };

  async function sharded(
    shards: number | ((commits: number) => number[]),
    waitingBytes?: number,
    onPause?: (shard: number) => void,
  ): Promise<LogCommit[]> {
    const hashes = await listCommits({ cwd: repo, rev: head, sinceSeconds: null, env });
    const sizes =
      typeof shards === 'number' ? planShards(hashes.length, shards) : shards(hashes.length);
    const out: LogCommit[] = [];
    await walkInShards(hashes, sizes, options, (c) => out.push(c), {
      waitingBytes,
      onPause,
    });
    return out;
  }

  it.each([2, 3, 7])(
    'hands on the single pass’s commits in its order with %i shards',
    async (k) => {
      expect(await sharded(k)).toEqual(await streamed(options));
    },
  );

  it('pauses shards waiting their turn past the memory bound, and still gives every commit', async () => {
    // A bound of one byte: a shard that prints before its turn is paused at its first chunk.
    // The first shard holds nearly every commit, so the six one-commit shards print long
    // before their turn.
    const paused = new Set<number>();
    const sizes = (n: number) => [n - 6, 1, 1, 1, 1, 1, 1];
    expect(await sharded(sizes, 1, (shard) => paused.add(shard))).toEqual(await streamed(options));
    expect(paused.size).toBeGreaterThan(0);
    // The shard being read is never paused: the pass always moves on.
    expect(paused.has(0)).toBe(false);
  });

  it('parses a waiting shard’s backlog a slice per turn, and still gives every commit in order', async () => {
    // One byte per turn: every slice of every backlog is its own turn of the event loop,
    // while the shard behind it may still be printing (and queueing behind its backlog).
    const hashes = await listCommits({ cwd: repo, rev: head, sinceSeconds: null, env });
    const out: LogCommit[] = [];
    await walkInShards(hashes, planShards(hashes.length, 4), options, (c) => out.push(c), {
      catchUpBytes: 1,
    });
    expect(out).toEqual(await streamed(options));
  });

  it('fails with the failing git’s own message when a later shard fails', async () => {
    const hashes = await listCommits({ cwd: repo, rev: head, sinceSeconds: null, env });
    const bogus = [...hashes, 'f'.repeat(40)];
    const error = await walkInShards(
      bogus,
      planShards(bogus.length, 3),
      options,
      () => undefined,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitLogError);
    expect((error as GitLogError).stderr).toMatch(/fatal: bad object f{40}/);
  });

  it('fails with the consumer’s error when it throws on a commit of a later shard', async () => {
    const hashes = await listCommits({ cwd: repo, rev: head, sinceSeconds: null, env });
    const last = hashes.at(-1);
    const seen: string[] = [];
    const failing = walkInShards(hashes, planShards(hashes.length, 3), options, (c) => {
      if (c.hash === last) throw new Error('consumer refused');
      seen.push(c.hash);
    });
    await expect(failing).rejects.toThrow('consumer refused');
    expect(seen).toEqual(hashes.slice(0, -1));
  });

  it.each([
    ['one git', (n: number) => [n]],
    ['three', (n: number) => planShards(n, 3)],
  ])(
    'runs the gits while the consumer is not ready (%s), and hands on nothing before it is',
    async (_, cut) => {
      const hashes = await listCommits({ cwd: repo, rev: head, sinceSeconds: null, env });
      const sizes = cut(hashes.length);
      let ready!: () => void;
      const gate = new Promise<void>((resolve) => (ready = resolve));
      const out: LogCommit[] = [];
      const paused = new Set<number>();
      let everyShardPaused!: () => void;
      const allPaused = new Promise<void>((resolve) => (everyShardPaused = resolve));
      const walked = walkInShards(hashes, sizes, options, (c) => out.push(c), {
        // One byte: each git is paused at its first chunk, the first one too, as none may
        // hand on a commit yet.
        waitingBytes: 1,
        onPause: (shard) => {
          paused.add(shard);
          if (paused.size === sizes.length) everyShardPaused();
        },
        ready: gate,
      });
      // Every git has printed, and been paused, before a commit was handed on.
      const first = await Promise.race([
        allPaused.then(() => 'paused'),
        walked.then(() => 'walked'),
      ]);
      expect(first).toBe('paused');
      expect(out).toEqual([]);
      ready();
      await walked;
      expect(out).toEqual(await streamed(options));
    },
  );

  it('fails with the consumer’s own error when it cannot get ready, and hands on nothing', async () => {
    const hashes = await listCommits({ cwd: repo, rev: head, sinceSeconds: null, env });
    const out: LogCommit[] = [];
    const notReady = Promise.reject(new Error('notebooks unreadable'));
    await expect(
      walkInShards(hashes, planShards(hashes.length, 2), options, (c) => out.push(c), {
        ready: notReady,
      }),
    ).rejects.toThrow('notebooks unreadable');
    expect(out).toEqual([]);
    // Nothing to walk: still done only once the consumer is ready.
    let settled = false;
    let ready!: () => void;
    const empty = walkInShards([], [], options, () => undefined, {
      ready: new Promise<void>((resolve) => (ready = resolve)),
    }).then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    ready();
    await empty;
    expect(settled).toBe(true);
  });

  it('refuses sizes that do not cut the list', async () => {
    await expect(walkInShards([head], [2], options, () => undefined)).rejects.toThrow(
      'do not cut the commit list',
    );
  });
});

describe('the shard plan', () => {
  it('shards by cores, at most MAX_SHARDS, with at least 1,000 commits a shard', () => {
    expect(shardCount(50_000, { cores: 1, forced: null })).toBe(1);
    expect(shardCount(1_999, { cores: 8, forced: null })).toBe(1);
    expect(shardCount(2_000, { cores: 8, forced: null })).toBe(2);
    expect(shardCount(16_000, { cores: 2, forced: null })).toBe(2);
    expect(shardCount(50_000, { cores: 16, forced: null })).toBe(MAX_SHARDS);
    expect(shardCount(10, { cores: 1, forced: 7 })).toBe(7);
  });

  it('cuts the list into near-equal contiguous runs, never an empty one', () => {
    expect(planShards(10, 3)).toEqual([4, 3, 3]);
    expect(planShards(2, 7)).toEqual([1, 1]);
    expect(planShards(0, 4)).toEqual([]);
  });

  it('reads MLDEBT_SHARDS as a whole number from 1 to 64, and unset as none', () => {
    expect(forcedShards({})).toBeNull();
    expect(forcedShards({ MLDEBT_SHARDS: '' })).toBeNull();
    expect(forcedShards({ MLDEBT_SHARDS: ' 3 ' })).toBe(3);
    for (const bad of ['0', '65', 'two', '1.5', '-2']) {
      expect(() => forcedShards({ MLDEBT_SHARDS: bad }), bad).toThrow(
        'MLDEBT_SHARDS (a testing and benchmarking knob) must be a whole number of history shards from 1 to 64, or unset',
      );
    }
  });

  it('is told to onDebug: commits, shards and their sizes', async () => {
    const lines: string[] = [];
    const pass = (shards: string | undefined, cores: number) =>
      streamShardedHistory(
        {
          cwd: repo,
          rev: head,
          sinceSeconds: null,
          lineChurn: false,
          env: shards === undefined ? env : { ...env, MLDEBT_SHARDS: shards },
          cores,
          onDebug: (line) => lines.push(line),
        },
        () => undefined,
      );
    await pass(undefined, 2);
    await pass('3', 1);
    const n = (await listCommits({ cwd: repo, rev: head, sinceSeconds: null, env })).length;
    const third = Math.floor(n / 3);
    const sizes = planShards(n, 3);
    expect(sizes.reduce((a, b) => a + b)).toBe(n);
    expect(sizes.every((s) => s === third || s === third + 1)).toBe(true);
    expect(lines).toEqual([
      `history: ${n} commits in 1 shard (${n}; 2 cores)`,
      `history: ${n} commits in 3 shards (${sizes.join(' + ')}; 1 core)`,
    ]);
  });

  it('reaches --debug through the git pass options', async () => {
    const lines: string[] = [];
    const tracked = await listTrackedFiles(repo, head, env);
    const untilMs = dayEnd('2026-07-01');
    const index = new ItemGlobIndex([['data/new.py']]);
    await collectGitHistory({
      root: repo,
      hash: head,
      ...historyRules(resolveSettings({})),
      lineChurn: true,
      env: { ...env, MLDEBT_SHARDS: '2' },
      onDebug: (line) => lines.push(line),
      sinceMs: subtractDuration(untilMs, '90d'),
      untilMs,
      index,
      groupFiles: Promise.resolve(index.selectFiles(tracked)),
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^history: \d+ commits in 2 shards \(\d+ \+ \d+; \d+ cores?\)$/);
  });
});

describe('sharded reports equal the single pass’s, byte for byte', () => {
  /** The environment with a forced shard count and a git that counts its passes. */
  function sharded(k: number, name: string) {
    const counter = countingGit(temp.dir, `${name}-${k}`, repo);
    return { counter, env: { ...counter.env, MLDEBT_SHARDS: String(k) } };
  }

  async function auditJson(k: number, since?: string): Promise<string> {
    const { counter, env: shardEnv } = sharded(k, `audit${since ?? ''}`);
    const { report } = await audit({ cwd: repo, env: shardEnv, since });
    expect(counter.passes(), `${k} shards`).toBe(k);
    return renderReport(report, 'json', { color: false });
  }

  it('audit JSON with 1, 2, 3 and 7 shards', async () => {
    const outputs: string[] = [];
    for (const k of [1, 2, 3, 7]) outputs.push(await auditJson(k));
    expect(new Set(outputs).size).toBe(1);
    // The items the shards could get wrong are measured: renames, deletes, binaries.
    type Item = { id: string; signals: { git: { commits: number } | null } };
    const items = JSON.parse(outputs[0]!).items as Item[];
    for (const id of ['DATA-001', 'CFG-001', 'MODEL-001']) {
      expect(items.find((i) => i.id === id)?.signals.git, id).not.toBeNull();
    }
    // data/new.py has three commits of its own: the rest are its old name's, in older shards.
    expect(items.find((i) => i.id === 'DATA-001')!.signals.git!.commits).toBeGreaterThan(5);
  });

  it('audit JSON of a window that starts inside the history, with 1 and 3 shards', async () => {
    expect(await auditJson(3, '200d')).toBe(await auditJson(1, '200d'));
  });

  it('trend JSON (one pass, many windows) with 1 and 3 shards', async () => {
    const outputs: string[] = [];
    for (const k of [1, 3]) {
      const { counter, env: shardEnv } = sharded(k, 'trend');
      const { trend: t } = await trend({ cwd: repo, env: shardEnv, months: 4 });
      outputs.push(await renderTrend(t, 'json', { color: false }));
      expect(counter.passes()).toBe(k);
    }
    expect(outputs[1]).toBe(outputs[0]);
  });

  it('scan JSON with 1 and 3 shards', async () => {
    const outputs: string[] = [];
    for (const k of [1, 3]) {
      const { counter, env: shardEnv } = sharded(k, 'scan');
      const { report } = await scan({ cwd: repo, env: shardEnv });
      outputs.push(await renderScan(report, 'json', { color: false }));
      expect(counter.passes()).toBe(k);
    }
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[0]).toContain('data/new.py');
  });

  it('refuses a bad MLDEBT_SHARDS in one line before running git', async () => {
    const counter = countingGit(temp.dir, 'bad-knob', repo);
    const message = await auditError(repo, { env: { ...counter.env, MLDEBT_SHARDS: 'many' } });
    expect(message).toBe(
      'MLDEBT_SHARDS (a testing and benchmarking knob) must be a whole number of history shards from 1 to 64, or unset',
    );
    expect(counter.passes()).toBe(0);
  });

  it("reports a damaged repository with git's reason whichever shard hits it", async () => {
    const damaged = join(temp.dir, 'damaged');
    mkdirSync(damaged);
    git(damaged, ['init', '-q', '-b', 'main']);
    let blob = '';
    for (let i = 0; i < 6; i++) {
      writeFileSync(join(damaged, 'a.py'), `a = ${i}\n`);
      const date = day(i);
      git(damaged, ['add', '-A']);
      git(damaged, ['commit', '-q', '-m', `change ${i}`], {
        env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      });
      if (i === 1) blob = git(damaged, ['rev-parse', 'HEAD:a.py']).trim();
    }
    writeFileSync(join(damaged, 'debt.yaml'), inventoryOf([itemYaml('DATA-001', ['a.py'])]));
    // Commits are loose objects: losing the blob of the second one breaks the diffs of the
    // second and third commits, in the second and third of three shards (never the first,
    // the one read as it streams).
    execFileSync('rm', ['-f', join(damaged, '.git', 'objects', blob.slice(0, 2), blob.slice(2))]);
    const single = await auditError(damaged, { env: testEnv(damaged, { MLDEBT_SHARDS: '1' }) });
    const three = await auditError(damaged, { env: testEnv(damaged, { MLDEBT_SHARDS: '3' }) });
    expect(single).toMatch(/^git cannot read .*damaged: the repository is damaged \(fatal: /);
    expect(three).toBe(single);
  });
});
