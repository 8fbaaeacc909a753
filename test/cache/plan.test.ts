/**
 * A pass planned around the cache: cached commits are taken, only the others are walked, and
 * the aggregator is fed the very sequence an uncached pass streams. After a rebase the facts
 * of commits no longer listed are neither used nor kept.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git } from '../../scripts/lib/repo-builder.js';
import { decodeCacheFile } from '../../src/signals/git/cache/format.js';
import { ListOrderMerger, planFromCache } from '../../src/signals/git/cache/plan.js';
import { HistoryCache } from '../../src/signals/git/cache/store.js';
import type { LogCommit } from '../../src/signals/git/log-stream.js';
import { tempDir } from '../helpers/audit-repo.js';
import { listCommits, listedAt, makeCacheRepo, readCommits, SAMPLE_HISTORY } from './cache-repo.js';

const temp = tempDir('cache-plan');
afterAll(temp.remove);
const KEY = 'f'.repeat(64);
let dirs = 0;
const newDir = () => join(temp.dir, `cache-${++dirs}`);

/**
 * One pass as the history collector runs it with a cache: list, plan, walk what is not
 * cached (the real `git log` of the repository, keeping only the commits to walk), merge
 * back into list order, save. Returns what the aggregator saw and what was walked.
 */
async function cachedPass(repo: string, cache: HistoryCache) {
  const list = listedAt(repo);
  const plan = planFromCache(list, cache);
  const walk = new Set(plan.toWalk);
  const seen: LogCommit[] = [];
  const walked: string[] = [];
  const merger = new ListOrderMerger(list, plan, cache.stored, null, (c) => seen.push(c));
  for (const commit of await readCommits(repo)) {
    if (!walk.has(commit.hash)) continue;
    walked.push(commit.hash);
    cache.add([commit]);
    merger.push(commit);
  }
  merger.end();
  await cache.save(list);
  const cached = plan.cachedFresh.flatMap((c) => (c === undefined ? [] : [c.hash]));
  return { seen, walked, cached };
}

/** `git rebase` with a fixed committer date, so the test's hashes never depend on the clock. */
function rebaseOnto(repo: string, base: string, date: string): void {
  git(repo, ['rebase', '-q', base], {
    env: { GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date },
  });
}

describe('planning from the cache', () => {
  it('walks everything when cold and nothing when warm, and feeds the same sequence', async () => {
    const repo = makeCacheRepo(temp.dir, 'warm');
    const cold = await readCommits(repo);
    const dir = newDir();
    const first = await cachedPass(repo, await HistoryCache.open({ dir, key: KEY }));
    expect(first.walked).toEqual(cold.map((c) => c.hash));
    expect(first.seen).toStrictEqual(cold);
    const second = await cachedPass(repo, await HistoryCache.open({ dir, key: KEY }));
    expect(second.walked).toEqual([]);
    expect(second.seen).toStrictEqual(cold);
  });

  it('walks only the new commits on the next run, and merges them into list order', async () => {
    const repo = makeCacheRepo(temp.dir, 'next', SAMPLE_HISTORY.slice(0, 4));
    const dir = newDir();
    await cachedPass(repo, await HistoryCache.open({ dir, key: KEY }));
    const before = new Set(listCommits(repo));
    // Two more commits, one dated before the cached ones (a clock that was wrong).
    for (const [date, file] of [
      ['2026-02-01T00:00:00Z', 'new1.txt'],
      ['2025-12-31T00:00:00Z', 'new2.txt'],
    ] as const) {
      git(repo, ['commit', '-q', '--allow-empty', '-m', `add ${file}`], {
        env: { GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date },
      });
    }
    const next = await cachedPass(repo, await HistoryCache.open({ dir, key: KEY }));
    expect(next.walked).toHaveLength(2);
    expect(next.walked.some((h) => before.has(h))).toBe(false);
    expect(next.seen).toStrictEqual(await readCommits(repo));
  });

  it('uses no fact of a commit a rebase replaced, and drops them at save', async () => {
    const repo = makeCacheRepo(temp.dir, 'rebased');
    const dir = newDir();
    const cache = await HistoryCache.open({ dir, key: KEY });
    await cachedPass(repo, cache);
    const oldHashes = new Set(listCommits(repo));
    const root = listCommits(repo).at(-1)!;
    for (const [round, date] of ['2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'].entries()) {
      // A new base under the whole history but its root: every other commit is rewritten.
      git(repo, ['checkout', '-q', '-B', `base${round}`, root]);
      git(repo, ['commit', '-q', '--allow-empty', '-m', `new base ${round}`], {
        env: { GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date },
      });
      git(repo, ['checkout', '-q', 'main']);
      rebaseOnto(repo, `base${round}`, date);
      const hashes = listCommits(repo);
      const pass = await cachedPass(repo, await HistoryCache.open({ dir, key: KEY }));
      // Only the root survived the rebase; every cached fact used is of a listed commit.
      expect(pass.cached).toEqual([root]);
      expect(pass.walked).toEqual(hashes.slice(0, -1));
      expect(pass.seen).toStrictEqual(await readCommits(repo));
      // The file holds exactly the current listing: old facts do not pile up.
      const stored = decodeCacheFile(readFileSync(cache.file), KEY)
        .commits()
        .map((c) => c.hash);
      expect(stored).toEqual(hashes);
      expect(stored.filter((h) => oldHashes.has(h) && h !== root)).toEqual([]);
    }
  });
});

describe('the list-order merger', () => {
  const commit = (hash: string): LogCommit => ({
    hash: hash.repeat(40),
    root: false,
    email: 'a@b',
    name: 'A',
    time: 0,
    subject: hash,
    changes: [],
  });
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(commit) as [
    LogCommit,
    LogCommit,
    LogCommit,
    LogCommit,
  ];
  const hashes = [a, b, c, d].map((x) => x.hash);
  const list = { head: a.hash, reach: null, fresh: hashes, followsStored: false };
  /** A merger of the list with `cached` taken from the cache. */
  const mergerOf = (cached: LogCommit[], emit: (c: LogCommit) => void) => {
    const lookup = { get: (hash: string) => cached.find((x) => x.hash === hash) };
    return new ListOrderMerger(list, planFromCache(list, lookup), null, null, emit);
  };

  it('holds back a walked commit that arrives before earlier walked ones', () => {
    const seen: string[] = [];
    const merger = mergerOf([b], (x) => seen.push(x.subject));
    merger.push(d);
    expect(seen).toEqual([]);
    merger.push(a);
    expect(seen).toEqual(['a', 'b']);
    merger.push(c);
    merger.end();
    expect(seen).toEqual(['a', 'b', 'c', 'd']);
  });

  it('refuses to end with a listed commit missing, and a walked commit not listed', () => {
    const merger = mergerOf([], () => undefined);
    merger.push(a);
    expect(() => merger.end()).toThrow(
      `commit ${'b'.repeat(10)} was listed but neither cached nor walked`,
    );
    expect(() => merger.push(commit('e'))).toThrow(
      `walked commit ${'e'.repeat(10)} is not in the commit list`,
    );
  });

  it('walks the list itself when the cache holds none of it, and only the rest when it does', () => {
    const lookupOf = (cached: LogCommit[]) => ({
      get: (hash: string) => cached.find((x) => x.hash === hash),
    });
    expect(planFromCache(list, lookupOf([])).toWalk).toBe(list.fresh);
    const plan = planFromCache(list, lookupOf([b, d]));
    expect(plan.toWalk).toEqual([a.hash, c.hash]);
    expect(plan.cachedFresh[1]).toBe(b);
    expect(plan.cachedFresh[3]).toBe(d);
    expect([plan.cachedFresh[0], plan.cachedFresh[2]]).toEqual([undefined, undefined]);
    expect(plan.cachedCount).toBe(2);
  });

  it('walks everything without a cache (--no-cache), from the list itself, not a copy', () => {
    const plan = planFromCache(list, null);
    expect(plan.toWalk).toBe(list.fresh);
    expect(plan.cachedFresh.filter((c) => c !== undefined)).toEqual([]);
    expect(plan.cachedCount).toBe(0);
  });
});
