/**
 * One repository's cache file on disk: saved and read back, private to the user, written
 * atomically by concurrent runs, ignored with a note when it cannot be trusted or read, and a
 * directory that cannot be written is a note, never an error.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeCacheFile, encodeCacheFile } from '../../src/signals/git/cache/format.js';
import { HistoryCache } from '../../src/signals/git/cache/store.js';
import type { LogCommit } from '../../src/signals/git/log-stream.js';
import { tempDir } from '../helpers/audit-repo.js';
import { listCommits, makeCacheRepo, passList, readCommits } from './cache-repo.js';
import { git } from '../../scripts/lib/repo-builder.js';

const temp = tempDir('cache-store');
afterAll(temp.remove);
const repo = makeCacheRepo(temp.dir, 'sample');
// One real git log for every test: the store is under test here, not git.
const sample = readCommits(repo);
const sampleHashes = listCommits(repo);
const head = git(repo, ['rev-parse', 'HEAD']).trim();
const listOf = (hashes: string[]) => passList(hashes, head);
const KEY = 'c'.repeat(64);
let dirs = 0;
const newDir = () => join(temp.dir, `cache-${++dirs}`, 'mldebt');

async function filled(dir: string, commits: LogCommit[], hashes: string[]): Promise<HistoryCache> {
  const cache = await HistoryCache.open({ dir, key: KEY });
  cache.add(commits);
  await cache.save(listOf(hashes));
  return cache;
}

describe('saving and reading', () => {
  it('reads back every commit it saved, equal to what git printed', async () => {
    const dir = newDir();
    const commits = await sample;
    const first = await filled(dir, commits, sampleHashes);
    expect(first.notes).toEqual([]);
    const again = await HistoryCache.open({ dir, key: KEY });
    expect(again.notes).toEqual([]);
    expect(again.storedCount).toBe(commits.length);
    for (const c of commits) expect(again.get(c.hash)).toStrictEqual(c);
  });

  it('creates the directory 0700 and the file 0600: subjects are the repository’s own text', async () => {
    const dir = newDir();
    const cache = await filled(dir, await sample, sampleHashes);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(cache.file).mode & 0o777).toBe(0o600);
  });

  it('tightens an existing cache directory that others can read', async () => {
    const dir = newDir();
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    await filled(dir, await sample, sampleHashes);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('writes nothing beside the file: no temporary file is left', async () => {
    const dir = newDir();
    await filled(dir, await sample, sampleHashes);
    expect(readdirSync(dir)).toEqual([`${KEY}.cache`]);
  });

  it('keeps only the listed commits: what left the history leaves the file', async () => {
    const dir = newDir();
    const commits = await sample;
    const hashes = sampleHashes;
    await filled(dir, commits, hashes);
    const cache = await HistoryCache.open({ dir, key: KEY });
    await cache.save(listOf(hashes.slice(0, 2)));
    const kept = decodeCacheFile(readFileSync(cache.file), KEY);
    expect(kept.commits().map((c) => c.hash)).toEqual(hashes.slice(0, 2));
  });
});

describe('walked commits', () => {
  it('are kept as they were walked: an equal new object, whatever happens to the walked one', async () => {
    const dir = newDir();
    const [first, ...rest] = await sample;
    const walked = { ...first!, changes: first!.changes.map((c) => ({ ...c })) };
    const cache = await HistoryCache.open({ dir, key: KEY });
    cache.add([walked, ...rest]);
    const kept = cache.get(walked.hash);
    expect(kept).toStrictEqual(first);
    expect(kept).not.toBe(walked);
    // The consumer owns the walked object; the cache holds the facts as they were.
    walked.subject = 'changed after it was walked';
    walked.changes.length = 0;
    await cache.save(listOf(sampleHashes));
    expect(decodeCacheFile(readFileSync(cache.file), KEY).commits()).toStrictEqual(await sample);
  });

  it('are written in the list’s order whatever order they came in, each in its latest form', async () => {
    const dir = newDir();
    const commits = await sample;
    const cache = await HistoryCache.open({ dir, key: KEY });
    cache.add([...commits].reverse());
    const again = { ...commits[1]!, changes: commits[1]!.changes.map((c) => ({ ...c, churn: 7 })) };
    cache.replace(again);
    await cache.save(listOf(sampleHashes));
    const saved = decodeCacheFile(readFileSync(cache.file), KEY).commits();
    expect(saved.map((c) => c.hash)).toEqual(sampleHashes);
    expect(saved[1]).toStrictEqual(again);
    expect(saved.filter((_, i) => i !== 1)).toStrictEqual(commits.filter((_, i) => i !== 1));
  });

  it('with a fact the format cannot hold: the walk goes on, and the save says why', async () => {
    const dir = newDir();
    const [first, ...rest] = await sample;
    const cache = await HistoryCache.open({ dir, key: KEY });
    expect(() =>
      cache.add([{ ...first!, changes: [{ path: 'x', churn: 2 ** 31 }] }, ...rest]),
    ).not.toThrow();
    await cache.save(listOf(sampleHashes));
    expect(cache.notes).toEqual([
      {
        code: 'cache-unavailable',
        message: `history cache directory ${dir} cannot be written (error): this run's history is not cached`,
      },
    ]);
    expect(existsSync(cache.file)).toBe(false);
  });
});

describe('a cache file that cannot be trusted', () => {
  const OTHER_KEY = 'd'.repeat(64);
  it.each([
    ['damaged', (c: LogCommit[]) => encodeCacheFile(KEY, c).subarray(0, 200)],
    ['truncated', (c: LogCommit[]) => encodeCacheFile(KEY, c).subarray(0, -10)],
    ['of another tool', () => Buffer.from('{"version":1,"entries":[]}\n')],
    ['of another key', (c: LogCommit[]) => encodeCacheFile(OTHER_KEY, c)],
  ])('is ignored with a note when %s, and replaced at the next save', async (_, write) => {
    const dir = newDir();
    const commits = await sample;
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${KEY}.cache`);
    writeFileSync(file, write(commits));
    const cache = await HistoryCache.open({ dir, key: KEY });
    expect(cache.storedCount).toBe(0);
    expect(cache.get(commits[0]!.hash)).toBeUndefined();
    expect(cache.notes).toHaveLength(1);
    expect(cache.notes[0]).toMatchObject({ code: 'cache-ignored' });
    expect(cache.notes[0]!.message).toMatch(
      new RegExp(
        `^history cache ${file} ignored: .+; history is read from git and the file rewritten$`,
      ),
    );
    cache.add(commits);
    await cache.save(listOf(sampleHashes));
    expect(decodeCacheFile(readFileSync(file), KEY).size).toBe(commits.length);
  });

  it('is ignored with a note when it cannot be read, and a failed save is a note too', async () => {
    const dir = newDir();
    // A directory where the file should be: unreadable as a file for any user, root included.
    mkdirSync(join(dir, `${KEY}.cache`), { recursive: true });
    const cache = await HistoryCache.open({ dir, key: KEY });
    expect(cache.notes).toEqual([
      {
        code: 'cache-ignored',
        message: `history cache ${cache.file} ignored: it cannot be read (EISDIR); history is read from git and the file rewritten`,
      },
    ]);
    cache.add(await sample);
    await expect(cache.save(listOf(sampleHashes))).resolves.toBeUndefined();
    expect(cache.notes[1]).toMatchObject({ code: 'cache-unavailable' });
    expect(readdirSync(dir)).toEqual([`${KEY}.cache`]);
  });
});

describe('a cache directory that cannot be written', () => {
  it('is a note, never an error, and the run keeps what it walked in memory', async () => {
    // Beneath a regular file no directory can be made, for any user, root included.
    const blocker = join(temp.dir, 'a-file');
    writeFileSync(blocker, 'not a directory');
    const dir = join(blocker, 'mldebt');
    const cache = await HistoryCache.open({ dir, key: KEY });
    expect(cache.notes).toEqual([]);
    const commits = await sample;
    cache.add(commits);
    await cache.save(listOf(sampleHashes));
    expect(cache.notes).toEqual([
      {
        code: 'cache-unavailable',
        message: `history cache directory ${dir} cannot be written (ENOTDIR): this run's history is not cached`,
      },
    ]);
    expect(cache.get(commits[0]!.hash)).toStrictEqual(commits[0]);
  });
});

describe('concurrent saves', () => {
  it('leave one whole file, the last writer’s, whatever the interleaving', async () => {
    const dir = newDir();
    const commits = await sample;
    const hashes = sampleHashes;
    const caches = await Promise.all(
      Array.from({ length: 6 }, () => HistoryCache.open({ dir, key: KEY })),
    );
    // Each run walked a different part of the history.
    caches.forEach((cache, i) => cache.add(commits.slice(0, 1 + (i % commits.length))));
    await Promise.all(caches.map((cache) => cache.save(listOf(hashes))));
    for (const cache of caches) expect(cache.notes).toEqual([]);
    const saved = decodeCacheFile(readFileSync(join(dir, `${KEY}.cache`)), KEY);
    const sizes = caches.map((_, i) => Math.min(1 + i, commits.length));
    expect(sizes).toContain(saved.size);
    expect(readdirSync(dir)).toEqual([`${KEY}.cache`]);
  });

  it('from separate processes leave a file that reads back whole at every moment', async () => {
    const dir = newDir();
    const commits = await sample;
    const hashes = sampleHashes;
    // Real processes running the built store save the same file over and over (each with a
    // different number of commits) while this one keeps reading it.
    const store = new URL('../../dist/signals/git/cache/store.js', import.meta.url).href;
    const writer = (n: number) =>
      spawn(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import { HistoryCache } from ${JSON.stringify(store)};
           import { decodeCacheFile } from ${JSON.stringify(store.replace('store.js', 'format.js'))};
           const [dir, key, data, hashes, head] = process.argv.slice(1);
           const commits = decodeCacheFile(Buffer.from(data, 'base64'), key).commits();
           const fresh = hashes.split(',');
           for (let i = 0; i < 15; i++) {
             const cache = await HistoryCache.open({ dir, key });
             cache.add(commits);
             await cache.save({ head, reach: null, fresh, followsStored: false });
             if (cache.notes.length > 0) process.exit(1);
           }`,
          dir,
          KEY,
          encodeCacheFile(KEY, commits.slice(0, n)).toString('base64'),
          hashes.join(','),
          head,
        ],
        { stdio: 'ignore' },
      );
    const children = [writer(2), writer(commits.length)];
    const exits = Promise.all(children.map((c) => once(c, 'exit')));
    let running = true;
    void exits.then(() => (running = false));
    const seen = new Set<number>();
    while (running) {
      const cache = await HistoryCache.open({ dir, key: KEY });
      // Never a half-written file: missing (not yet written), or one writer's whole file.
      expect(cache.notes).toEqual([]);
      seen.add(cache.storedCount);
      await new Promise((r) => setTimeout(r, 2));
    }
    expect((await exits).map(([code]) => code)).toEqual([0, 0]);
    for (const size of seen) expect([0, 2, commits.length]).toContain(size);
    expect(readdirSync(dir)).toEqual([`${KEY}.cache`]);
  });
});

describe('saving a list taken from the file', () => {
  it('writes nothing when nothing was walked, and puts new commits in front of the old ones', async () => {
    const dir = newDir();
    const commits = await sample;
    const [newest, ...older] = commits;
    // The listing of the commit before the newest, saved as a cold run saves it.
    const base = await HistoryCache.open({ dir, key: KEY });
    base.add(older);
    await base.save(passList(sampleHashes.slice(1), older[0]!.hash));
    const before = statSync(base.file);
    const warm = await HistoryCache.open({ dir, key: KEY });
    expect(warm.stored!.listing).toEqual({ head: older[0]!.hash, reach: null });
    await warm.save({ head: older[0]!.hash, reach: null, fresh: [], followsStored: true });
    // The same file: a rename of a rewritten one would have given it another inode.
    expect(statSync(base.file).ino).toBe(before.ino);
    const next = await HistoryCache.open({ dir, key: KEY });
    next.add([newest!]);
    await next.save({
      head: newest!.hash,
      reach: null,
      fresh: [newest!.hash],
      followsStored: true,
    });
    const saved = decodeCacheFile(readFileSync(base.file), KEY);
    expect(saved.listing).toEqual({ head: newest!.hash, reach: null });
    expect(saved.commits()).toStrictEqual(commits);
  });
});

describe('least recently used', () => {
  it('touches the file when a run adds nothing, so a used cache is not evicted first', async () => {
    const dir = newDir();
    const commits = await sample;
    const hashes = sampleHashes;
    const cache = await filled(dir, commits, hashes);
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(cache.file, old, old);
    const warm = await HistoryCache.open({ dir, key: KEY });
    await warm.save(listOf(hashes));
    expect(statSync(cache.file).mtimeMs).toBeGreaterThan(old.getTime());
    expect(existsSync(cache.file)).toBe(true);
  });
});
