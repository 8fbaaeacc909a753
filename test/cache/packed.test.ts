/**
 * Walked commits held packed, as the cache file holds them: every commit comes back as it
 * went in, across the storage's chunk boundaries, and the file is laid out piece by piece,
 * byte for byte the file one buffer would have been.
 */
import { createHash } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  decodeCacheFile,
  encodeCacheFile,
  layOutCacheFile,
} from '../../src/signals/git/cache/format.js';
import { PackedCommits } from '../../src/signals/git/cache/packed.js';
import { SpillFile } from '../../src/signals/git/cache/spill.js';
import type { LogCommit } from '../../src/signals/git/log-stream.js';
import { tempDir } from '../helpers/audit-repo.js';
import { makeCacheRepo, readCommits } from './cache-repo.js';

const temp = tempDir('cache-packed');
afterAll(temp.remove);
const KEY = 'b'.repeat(64);
const repo = makeCacheRepo(temp.dir, 'sample');
// The real commits of a real git log: a root, a rename, a binary file, non-ASCII text.
const sample = readCommits(repo, { lineChurn: true });

/**
 * `count` commits shaped like the sample's, each with its own hash and subject: enough of
 * them to fill more than one chunk of every kind of storage (64Ki integers, 256 KiB of text).
 */
function manyCommits(real: LogCommit[], count: number): LogCommit[] {
  return Array.from({ length: count }, (_, i) => {
    const like = real[i % real.length]!;
    return {
      ...like,
      hash: createHash('sha1').update(`commit ${i}`).digest('hex'),
      subject: `${like.subject}, commit number ${i} of a long history`,
      changes: like.changes.map((change) => ({ ...change })),
    };
  });
}

/**
 * The file's pieces, each copied as it comes (a piece is good until the next is asked for),
 * and joined, as the reader sees them.
 */
const copied = (pieces: Iterable<Buffer>) => Array.from(pieces, (piece) => Buffer.from(piece));
const joined = (pieces: Iterable<Buffer>) => Buffer.concat(copied(pieces));

describe('packed commits', () => {
  it('give back every commit as it was added, across chunk boundaries', async () => {
    const commits = manyCommits(await sample, 14_000);
    const packed = PackedCommits.of(commits);
    expect(packed.size).toBe(commits.length);
    // More integers and more text than one chunk holds.
    expect(packed.intCount).toBeGreaterThan(1 << 16);
    expect(packed.tableBytes).toBeGreaterThan(1 << 18);
    for (let i = 0; i < commits.length; i += 7) {
      expect(packed.commitAt(i)).toStrictEqual(commits[i]);
      expect(packed.hashAt(i)).toBe(commits[i]!.hash);
    }
    expect(packed.commitAt(commits.length - 1)).toStrictEqual(commits.at(-1));
    expect(packed.holdsExactly(commits.map((c) => c.hash))).toBe(true);
    expect(packed.holdsExactly(commits.slice(1).map((c) => c.hash))).toBe(false);
    // One hash of a later chunk differs by its last digit: not the same list.
    const altered = commits.map((c) => c.hash);
    const last = altered[9_000]!;
    altered[9_000] = last.slice(0, -1) + (last.endsWith('0') ? '1' : '0');
    expect(packed.holdsExactly(altered)).toBe(false);
  });

  it('store a path, an email and a name once however many commits repeat them', async () => {
    const commits = await sample;
    const once = PackedCommits.of(commits);
    const twice = PackedCommits.of([...commits, ...manyCommits(commits, commits.length)]);
    // The second round adds only its hashes and subjects: one new string per commit.
    expect(twice.stringCount - once.stringCount).toBe(commits.length);
  });

  it('find a commit added again (walked again for its churn) in its latest form', async () => {
    const [first, second] = await sample;
    const packed = PackedCommits.of([first!, second!]);
    expect(packed.positionOf(second!.hash)).toBe(1);
    const again = { ...first!, changes: first!.changes.map((c) => ({ ...c, churn: 99 })) };
    packed.add(again);
    expect(packed.positionOf(first!.hash)).toBe(2);
    expect(packed.commitAt(packed.positionOf(first!.hash))).toStrictEqual(again);
    expect(packed.positionOf('0'.repeat(40))).toBe(-1);
  });

  it('refuse a fact the format cannot hold, and keep nothing of that commit', async () => {
    const [first, second] = await sample;
    const packed = PackedCommits.of([first!]);
    const huge = { ...second!, changes: [{ path: 'x', churn: 2 ** 31 }] };
    expect(() => packed.add(huge)).toThrow(RangeError);
    expect(() => packed.add({ ...second!, hash: second!.hash.toUpperCase() })).toThrow(RangeError);
    expect(() => packed.add({ ...second!, hash: 'a'.repeat(64) })).toThrow(RangeError);
    expect(packed.size).toBe(1);
    packed.add(second!);
    expect(packed.commitAt(1)).toStrictEqual(second);
  });
});

describe('a file laid out in pieces', () => {
  it('is the file one buffer would be, and no piece of it is the whole file', async () => {
    const commits = manyCommits(await sample, 14_000);
    const listing = { head: commits[0]!.hash, reach: null };
    const layout = layOutCacheFile(KEY, PackedCommits.of(commits), listing);
    const pieces = copied(layout.pieces());
    const file = joined(pieces);
    expect(file.length).toBe(layout.size);
    expect(file.equals(encodeCacheFile(KEY, commits, listing))).toBe(true);
    // At most a chunk's worth (256 KiB of binary hashes is 512 KiB of their text) at a time,
    // however long the history.
    expect(layout.size).toBeGreaterThan(1 << 20);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(1 << 19);
    // A second pass over the pieces (the write, after the checksum's pass) gives the same.
    expect(joined(layout.pieces()).equals(file)).toBe(true);
    const stored = decodeCacheFile(file, KEY);
    expect(stored.listing).toEqual(listing);
    expect(stored.commits()).toStrictEqual(commits);
  });

  it('puts new commits in front of a copied file, their strings numbered after its table', async () => {
    const commits = manyCommits(await sample, 20_000);
    // The new part alone has more integers than one piece of them: indices move up in each.
    const split = 12_000;
    const older = decodeCacheFile(encodeCacheFile(KEY, commits.slice(split)), KEY);
    const fresh = PackedCommits.of(commits.slice(0, split));
    expect(fresh.intCount).toBeGreaterThan(1 << 16);
    const listing = { head: commits[0]!.hash, reach: 1 };
    const file = joined(layOutCacheFile(KEY, fresh, listing, older).pieces());
    const stored = decodeCacheFile(file, KEY);
    expect(stored.listing).toEqual(listing);
    expect(stored.commits()).toStrictEqual(commits);
  });
});

describe('packed commits with a spill file', () => {
  /** Packs `commits` with a spill file in `dir`; the file's own copy of each piece. */
  function spilled(commits: LogCommit[], dir: string) {
    const spill = new SpillFile(dir, `${KEY}.cache`);
    const packed = new PackedCommits(spill);
    for (const commit of commits) packed.add(commit);
    return { spill, packed };
  }

  it('move full chunks out, and give back the same commits and the same file', async () => {
    const commits = manyCommits(await sample, 14_000);
    const dir = join(temp.dir, 'spill');
    const { spill, packed } = spilled(commits, dir);
    // Every section but the chunks being filled went to the file.
    expect(spill.size).toBeGreaterThan(1 << 19);
    // Removed as soon as made (the descriptor keeps it): nothing is left behind.
    if (process.platform !== 'win32') expect(readdirSync(dir)).toEqual([]);
    for (let i = 0; i < commits.length; i += 7) {
      expect(packed.commitAt(i)).toStrictEqual(commits[i]);
      expect(packed.hashAt(i)).toBe(commits[i]!.hash);
    }
    expect(packed.holdsExactly(commits.map((c) => c.hash))).toBe(true);
    expect(packed.positionOf(commits[3]!.hash)).toBe(3);
    const listing = { head: commits[0]!.hash, reach: null };
    const layout = layOutCacheFile(KEY, packed, listing);
    const file = joined(layout.pieces());
    expect(file.equals(encodeCacheFile(KEY, commits, listing))).toBe(true);
    expect(joined(layout.pieces()).equals(file)).toBe(true);
    spill.close();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keep every chunk in memory when the file cannot be made', async () => {
    const commits = manyCommits(await sample, 8_000);
    const blocker = join(temp.dir, 'not-a-directory');
    writeFileSync(blocker, '');
    const { spill, packed } = spilled(commits, join(blocker, 'cache'));
    expect(spill.size).toBe(0);
    expect(packed.intCount).toBeGreaterThan(1 << 16);
    expect(packed.commitAt(commits.length - 1)).toStrictEqual(commits.at(-1));
    const file = joined(layOutCacheFile(KEY, packed, null).pieces());
    expect(file.equals(encodeCacheFile(KEY, commits))).toBe(true);
  });
});
