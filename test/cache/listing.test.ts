/**
 * The pass's list taken from the cache instead of `git rev-list`: on the same head, and on
 * a chain of new commits on top of it, the list (and every commit the pass hands on) is
 * exactly what `git rev-list` and one `git log` give, also with committer dates out of order
 * and a reach that filters some of them; anything else (a merge on top, a rebase, a reset, a
 * run reaching further back) lists with rev-list.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git } from '../../scripts/lib/repo-builder.js';
import { audit } from '../../src/index.js';
import { renderReport } from '../../src/report/registry.js';
import { storedHeadOf } from '../../src/signals/git/cache/format.js';
import { HistoryCache } from '../../src/signals/git/cache/store.js';
import { listPassCommits, readChain, readChainOnto } from '../../src/signals/git/commit-list.js';
import { streamHistory, type LogCommit } from '../../src/signals/git/log-stream.js';
import { streamShardedHistory } from '../../src/signals/git/shards.js';
import { makeRepo, tempDir, testEnv } from '../helpers/audit-repo.js';
import { countingGit } from '../helpers/git-calls.js';
import { commits, inventory } from '../helpers/scenario.js';
import { makeCacheRepo } from './cache-repo.js';

const temp = tempDir('cache-listing');
afterAll(temp.remove);
const KEY = '1'.repeat(64);
let dirs = 0;
const newDir = () => join(temp.dir, `cache-${++dirs}`);
const seconds = (iso: string) => Date.parse(iso) / 1000;

/** An empty commit on the checked-out branch with fixed dates; returns its hash. */
function commitAt(repo: string, date: string, message: string): string {
  git(repo, ['commit', '-q', '--allow-empty', '-m', message], {
    env: { GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date },
  });
  return head(repo);
}

const head = (repo: string) => git(repo, ['rev-parse', 'HEAD']).trim();

/** What `git rev-list --no-merges` lists from HEAD, filtered at `since` (epoch seconds). */
function revList(repo: string, since: number | null): string[] {
  const filter = since === null ? [] : [`--since-as-filter=@${since}`];
  return git(repo, ['rev-list', '--no-merges', ...filter, 'HEAD'])
    .split('\n')
    .filter(Boolean);
}

/** The commits one uncached `git log` pass streams. */
async function logPass(repo: string, since: number | null): Promise<LogCommit[]> {
  const commits: LogCommit[] = [];
  await streamHistory(
    { cwd: repo, rev: head(repo), sinceSeconds: since, lineChurn: true, env: testEnv(repo) },
    (c) => commits.push(c),
  );
  return commits;
}

/**
 * One cached pass from HEAD (the cache of `dir` opened afresh, as a run does): how its list
 * was made, the commits it handed on, and the commits git walked.
 */
async function cachedPass(repo: string, dir: string, since: number | null) {
  const cache = await HistoryCache.open({ dir, key: KEY });
  const options = { cwd: repo, rev: head(repo), sinceSeconds: since, env: testEnv(repo) };
  const { listedBy } = await listPassCommits(options, cache);
  const seen: LogCommit[] = [];
  const debug: string[] = [];
  await streamShardedHistory(
    { ...options, lineChurn: true, cache, onDebug: (line) => debug.push(line) },
    (c) => seen.push(c),
  );
  const walked = Number(/^history: (\d+) commit/.exec(debug[0]!)![1]);
  return { listedBy, seen, walked };
}

/** A repository whose committer dates are out of order: a 2025 commit after 2026 ones. */
function outOfOrderRepo(name: string): string {
  const repo = makeCacheRepo(temp.dir, name);
  commitAt(repo, '2025-06-01T00:00:00Z', 'a clock that was wrong');
  commitAt(repo, '2026-01-09T00:00:00Z', 'after it');
  return repo;
}

describe('a list taken from the cache', () => {
  it('is the stored list on the same head, filtered by committer time as rev-list filters', async () => {
    const repo = outOfOrderRepo('same-head');
    const dir = newDir();
    // A run reaching further back than the stored list lists with git.
    expect((await cachedPass(repo, dir, seconds('2026-01-04T00:00:00Z'))).listedBy).toBe(
      'rev-list',
    );
    const wider = await cachedPass(repo, dir, null);
    expect(wider.listedBy).toBe('rev-list');
    expect(wider.seen).toStrictEqual(await logPass(repo, null));
    const warm = await cachedPass(repo, dir, null);
    expect(warm.listedBy).toBe('cache');
    expect(warm.walked).toBe(0);
    expect(warm.seen.map((c) => c.hash)).toEqual(revList(repo, null));
    expect(warm.seen).toStrictEqual(wider.seen);
    // Leaves out the 2025 commit in the middle of the list and the oldest ones at its end.
    const since = seconds('2026-01-03T00:00:00Z');
    const shorter = await cachedPass(repo, dir, since);
    expect(shorter.listedBy).toBe('cache');
    const expected = revList(repo, since);
    expect(expected.length).toBeLessThan(revList(repo, null).length - 2);
    expect(shorter.seen.map((c) => c.hash)).toEqual(expected);
    expect(shorter.seen).toStrictEqual(await logPass(repo, since));
  });

  it('is the new commits, then the stored list, for a chain on top of the cached head', async () => {
    const repo = outOfOrderRepo('chain');
    const dir = newDir();
    const since = seconds('2026-01-02T00:00:00Z');
    await cachedPass(repo, dir, since);
    // Three commits: one dated before most of the history, one before the reach.
    commitAt(repo, '2026-01-03T12:00:00Z', 'old clock');
    commitAt(repo, '2025-01-01T00:00:00Z', 'older than the reach');
    commitAt(repo, '2026-02-01T00:00:00Z', 'new');
    const next = await cachedPass(repo, dir, since + 3600);
    expect(next.listedBy).toBe('cache and new commits');
    expect(next.seen.map((c) => c.hash)).toEqual(revList(repo, since + 3600));
    expect(next.seen).toStrictEqual(await logPass(repo, since + 3600));
    // Walked: the new commits the stored reach holds, not the one before it.
    expect(next.walked).toBe(2);
    // What it saved is the listing of the new head: the next run takes it as it is.
    const warm = await cachedPass(repo, dir, since);
    expect(warm.listedBy).toBe('cache');
    expect(warm.walked).toBe(0);
    expect(warm.seen).toStrictEqual(await logPass(repo, since));
  });
});

describe('a list the cache cannot give', () => {
  it('is rev-list after a merge on top, with the same commits as one git log', async () => {
    const repo = outOfOrderRepo('merged');
    const dir = newDir();
    await cachedPass(repo, dir, null);
    const base = head(repo);
    git(repo, ['checkout', '-q', '-b', 'topic', `${base}~3`]);
    commitAt(repo, '2026-01-10T00:00:00Z', 'topic work');
    git(repo, ['checkout', '-q', 'main']);
    git(repo, ['merge', '-q', '--no-ff', '-m', 'Merge topic', 'topic'], {
      env: { GIT_COMMITTER_DATE: '2026-01-11T00:00:00Z', GIT_AUTHOR_DATE: '2026-01-11T00:00:00Z' },
    });
    commitAt(repo, '2026-01-12T00:00:00Z', 'after the merge');
    const next = await cachedPass(repo, dir, null);
    expect(next.listedBy).toBe('rev-list');
    expect(next.walked).toBe(2);
    expect(next.seen).toStrictEqual(await logPass(repo, null));
  });

  it('is rev-list after a rebase and after a reset: the head no longer descends from the cached one', async () => {
    const repo = outOfOrderRepo('rebased');
    const dir = newDir();
    await cachedPass(repo, dir, null);
    // Rewrite the last two commits (a new subject for the first): neither hash survives.
    git(repo, ['reset', '-q', '--hard', 'HEAD~2']);
    commitAt(repo, '2025-06-01T00:00:00Z', 'a clock that was wrong, reworded');
    commitAt(repo, '2026-01-09T00:00:00Z', 'after it');
    const rebased = await cachedPass(repo, dir, null);
    expect(rebased.listedBy).toBe('rev-list');
    expect(rebased.walked).toBe(2);
    expect(rebased.seen).toStrictEqual(await logPass(repo, null));
    git(repo, ['reset', '-q', '--hard', 'HEAD~1']);
    const reset = await cachedPass(repo, dir, null);
    expect(reset.listedBy).toBe('rev-list');
    expect(reset.walked).toBe(0);
    expect(reset.seen).toStrictEqual(await logPass(repo, null));
  });
});

describe('the chain check', () => {
  it('follows one parent per commit down to the base, within its limit', async () => {
    const repo = makeCacheRepo(temp.dir, 'chain-check');
    const base = head(repo);
    const a = commitAt(repo, '2026-02-01T00:00:00Z', 'a');
    const b = commitAt(repo, '2025-02-01T00:00:00Z', 'b');
    const options = { cwd: repo, rev: b, env: testEnv(repo) };
    expect(await readChainOnto(options, base)).toEqual([
      { hash: b, time: seconds('2025-02-01T00:00:00Z') },
      { hash: a, time: seconds('2026-02-01T00:00:00Z') },
    ]);
    expect(await readChainOnto(options, base, 1)).toBeNull();
    // A merge between the head and the base: the walk below it is not one line.
    const beforeMerge = git(repo, ['rev-parse', `${base}~3`]).trim();
    expect(await readChainOnto({ ...options, rev: base }, beforeMerge)).toBeNull();
    // A base the head does not descend from: the walk reaches the root without meeting it.
    expect(await readChainOnto(options, '0'.repeat(40))).toBeNull();
  });
});

/**
 * A scenario repository with a git that counts its calls and one cache directory: `report`
 * audits it (cached, or with `cache` false) and gives the JSON report.
 */
function countedAudits(name: string) {
  const repo = makeRepo(temp.dir, name, commits, inventory);
  const counter = countingGit(temp.dir, name, repo);
  const env = { ...counter.env, XDG_CACHE_HOME: join(temp.dir, `${name}-cache`) };
  const report = async (cache = true) =>
    renderReport((await audit({ cwd: repo, env, cache })).report, 'json', { color: false });
  return { repo, env, counter, report };
}

/** Adds a glob to the scenario's serving item: other items, the same commit. */
function addGlob(repo: string, glob: string): void {
  writeFileSync(
    join(repo, 'debt.yaml'),
    inventory.replace('paths: ["src/serving/**"]', `paths: ["src/serving/**", "${glob}"]`),
  );
}

describe('the chain check of a run', () => {
  it('is read while the cache file is decoded, once, and only for a cache of another head', async () => {
    const { repo, env, counter, report } = countedAudits('chain-run');
    const chainCalls = () => counter.calls('rev-list --parents --timestamp');
    await report();
    expect(chainCalls()).toBe(0);
    const date = '2026-07-01T12:00:00Z';
    git(repo, ['commit', '-q', '--allow-empty', '-m', 'fix: on top'], {
      env: { GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date },
    });
    const next = await report();
    expect(chainCalls()).toBe(1);
    expect(next).toBe(await report(false));
    // Same head, other items (a pass, not the kept result): the cache's own head, so nothing
    // is listed on top of it.
    addGlob(repo, 'src/x/**');
    const debug: string[] = [];
    await audit({ cwd: repo, env, onDebug: (line) => debug.push(line) });
    expect(debug.join('\n')).toMatch(/history: 0 commits in/);
    expect(chainCalls()).toBe(1);
  });

  it('starts from the head a cache file records, read from its header alone', async () => {
    const repo = makeCacheRepo(temp.dir, 'stored-head');
    const dir = newDir();
    await cachedPass(repo, dir, null);
    const told: string[] = [];
    await HistoryCache.open({ dir, key: KEY, onStoredHead: (h) => told.push(h) });
    expect(told).toEqual([head(repo)]);
    const file = readFileSync(join(dir, `${KEY}.cache`));
    expect(storedHeadOf(file, KEY)).toBe(head(repo));
    expect(storedHeadOf(file, '2'.repeat(64))).toBeNull();
    expect(storedHeadOf(file.subarray(0, 20), KEY)).toBeNull();
    // A listing read ahead gives the very chain a listing read then gives.
    const base = head(repo);
    const top = commitAt(repo, '2026-03-01T00:00:00Z', 'on top');
    const options = { cwd: repo, rev: top, env: testEnv(repo) };
    expect(await readChainOnto({ ...options, chain: readChain(options) }, base)).toEqual(
      await readChainOnto(options, base),
    );
  });
});

describe('the list of a cold pass', () => {
  it('is listed once, started before the pass when no cache file can give it, and never when one can', async () => {
    const { repo, counter, report } = countedAudits('early-list');
    const listings = () => counter.calls('rev-list --no-merges');
    const cold = await report();
    expect(listings()).toBe(1);
    expect(await report(false)).toBe(cold);
    expect(listings()).toBe(2);
    // Other items, same commit: the cache file holds the list, nothing is listed.
    addGlob(repo, 'src/y/**');
    await report();
    expect(listings()).toBe(2);
  });

  it('is started before the cache key is read when the cache directory keeps nothing at all', async () => {
    const { env, report } = countedAudits('at-once');
    /** Where the listing and git's config query came, in the order git was called. */
    const order = () => {
      const calls = readFileSync(join(temp.dir, 'git-calls-at-once.log'), 'utf8').split('\n');
      return {
        listing: calls.findIndex((call) => / rev-list --no-merges /.test(` ${call} `)),
        config: calls.findIndex((call) => / config --get-regexp /.test(` ${call} `)),
      };
    };
    const cold = await report();
    const first = order();
    expect(first.listing).toBeGreaterThan(-1);
    expect(first.config).toBeGreaterThan(first.listing);
    // Another repository's cache file beside: this one's may be there too, found by the key.
    const dir = join(env.XDG_CACHE_HOME!, 'mldebt');
    rmSync(dir, { recursive: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${'0'.repeat(64)}.cache`), 'another repository');
    writeFileSync(join(temp.dir, 'git-calls-at-once.log'), '');
    expect(await report()).toBe(cold);
    const second = order();
    expect(second.listing).toBeGreaterThan(second.config);
  });
});
