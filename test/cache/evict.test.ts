/**
 * The size bound: past it, whole cache files go, least recently used first, never the one
 * just written, never a file mldebt did not name; stale temporary files of crashed runs go.
 */
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evictCacheFiles } from '../../src/signals/git/cache/evict.js';
import { HistoryCache } from '../../src/signals/git/cache/store.js';
import { tempDir } from '../helpers/audit-repo.js';
import { listedAt, makeCacheRepo, readCommits } from './cache-repo.js';

const temp = tempDir('cache-evict');
afterAll(temp.remove);
let dirs = 0;
const NOW = Date.parse('2026-06-01T00:00:00Z');

/** A directory of 1,000-byte cache files, the i-th last used i days before NOW. */
function dirWithFiles(count: number): { dir: string; files: string[] } {
  const dir = join(temp.dir, `dir-${++dirs}`);
  mkdirSync(dir);
  const files = Array.from({ length: count }, (_, i) => {
    const file = join(dir, `${String(i).padStart(64, '0')}.cache`);
    writeFileSync(file, Buffer.alloc(1000));
    const used = new Date(NOW - i * 86_400_000);
    utimesSync(file, used, used);
    return file;
  });
  return { dir, files };
}

describe('eviction at the size bound', () => {
  it('removes the least recently used files until the rest fit, and says so', async () => {
    const { dir, files } = dirWithFiles(5);
    const notes = await evictCacheFiles(dir, 2500, files[0]!, NOW);
    // Files 4 and 3 (oldest) and 2 go: 2,000 bytes remain.
    expect(files.map((f) => existsSync(f))).toEqual([true, true, false, false, false]);
    expect(notes).toEqual([
      {
        code: 'cache-evicted',
        message: 'history cache: removed 3 least recently used files to stay within 2500 bytes',
      },
    ]);
  });

  it.each(['scans', 'snapshot', 'trend.snapshot', 'inventory', 'configs', 'environments'])(
    'counts the .%s files beside the caches against the bound too, oldest first',
    async (suffix) => {
      const { dir, files } = dirWithFiles(2);
      const beside = join(dir, `${'f'.repeat(64)}.${suffix}`);
      writeFileSync(beside, Buffer.alloc(1000));
      const old = new Date(NOW - 10 * 86_400_000);
      utimesSync(beside, old, old);
      await evictCacheFiles(dir, 2000, files[0]!, NOW);
      expect(existsSync(beside)).toBe(false);
      expect(files.every((f) => existsSync(f))).toBe(true);
    },
  );

  it('does nothing within the bound', async () => {
    const { dir, files } = dirWithFiles(3);
    expect(await evictCacheFiles(dir, 3000, files[0]!, NOW)).toEqual([]);
    expect(files.every((f) => existsSync(f))).toBe(true);
  });

  it('keeps the file just written even when it alone exceeds the bound', async () => {
    const { dir, files } = dirWithFiles(3);
    // The file the run wrote is the oldest by mtime here, to prove it is kept by name.
    await evictCacheFiles(dir, 500, files[2]!, NOW);
    expect(files.map((f) => existsSync(f))).toEqual([false, false, true]);
  });

  it('leaves files it did not name alone, and removes temporary files older than an hour', async () => {
    const { dir, files } = dirWithFiles(2);
    const stranger = join(dir, 'notes.txt');
    writeFileSync(stranger, Buffer.alloc(10_000));
    const staleTemp = join(dir, `${'0'.repeat(64)}.cache.123.abcdef.tmp`);
    const freshTemp = join(dir, `${'0'.repeat(64)}.cache.456.abcdef.tmp`);
    writeFileSync(staleTemp, 'x');
    writeFileSync(freshTemp, 'x');
    const twoHoursAgo = new Date(NOW - 2 * 3_600_000);
    utimesSync(staleTemp, twoHoursAgo, twoHoursAgo);
    const now = new Date(NOW);
    utimesSync(freshTemp, now, now);
    await evictCacheFiles(dir, 1000, files[0]!, NOW);
    expect(readdirSync(dir).sort()).toEqual(
      [`${'0'.repeat(64)}.cache`, `${'0'.repeat(64)}.cache.456.abcdef.tmp`, 'notes.txt'].sort(),
    );
  });

  it('is what a save does: a repository cache over the bound pushes out the oldest others', async () => {
    const { dir, files } = dirWithFiles(4);
    const repo = makeCacheRepo(temp.dir, 'sample');
    const cache = await HistoryCache.open({ dir, key: 'e'.repeat(64), maxBytes: 2500 });
    cache.add(await readCommits(repo));
    await cache.save(listedAt(repo));
    // The new file (about 1.3 kB) plus the newest 1 kB file fit; the three older ones went.
    expect(files.map((f) => existsSync(f))).toEqual([true, false, false, false]);
    expect(existsSync(cache.file)).toBe(true);
    expect(cache.notes.map((n) => n.code)).toEqual(['cache-evicted']);
  });
});
