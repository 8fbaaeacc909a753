/**
 * The cache directory's size bound: when its cache files together exceed it, whole files
 * (one per repository and options) are removed, least recently used first. "Used" is the
 * file's modification time, which every save renews (rewriting the file, or touching it
 * when nothing changed): access times are unreliable (`noatime`, `relatime` mounts).
 *
 * Only files named as mldebt names them are touched: a stranger's file in the directory is
 * left alone. Temporary files a crashed run left behind are removed once they are old enough
 * that no run can still be writing them.
 */
import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../../../model/index.js';

/**
 * The history caches, their pass results (history-snapshot.ts), the Python scans of the ML
 * practice checks (practices/scan-cache.ts) and their environment files' parses
 * (practices/environment-cache.ts), the config files' facts (config/facts-cache.ts) and the
 * checked inventories (inventory/kept.ts).
 */
const CACHE_FILE =
  /^[0-9a-f]{64}\.(?:cache|snapshot|trend\.snapshot|state\.snapshot|scans|inventory|configs|environments)$/;
const TEMP_FILE =
  /^[0-9a-f]{64}\.(?:cache|snapshot|trend\.snapshot|state\.snapshot|scans|inventory|configs|environments)\.\d+\.[0-9a-f]+\.tmp$/;
/** A temporary file older than this belongs to no running save. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * Removes least recently used cache files of `dir` until they total at most `maxBytes`,
 * never `keep` (the file this run just wrote: it is the most recent, and a run must be able to
 * cache a repository larger than the bound on its own). Returns a note naming how many files
 * went; never throws (another run evicting at the same time is harmless).
 */
export async function evictCacheFiles(
  dir: string,
  maxBytes: number,
  keep: string,
  nowMs: number = Date.now(),
): Promise<Diagnostic[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const files: { path: string; size: number; mtimeMs: number }[] = [];
  for (const name of names) {
    const path = join(dir, name);
    if (TEMP_FILE.test(name)) {
      const info = await stat(path).catch(() => null);
      if (info && nowMs - info.mtimeMs > STALE_TEMP_MS) await unlink(path).catch(() => undefined);
      continue;
    }
    if (!CACHE_FILE.test(name)) continue;
    const info = await stat(path).catch(() => null);
    if (info?.isFile()) files.push({ path, size: info.size, mtimeMs: info.mtimeMs });
  }
  let total = files.reduce((sum, f) => sum + f.size, 0);
  if (total <= maxBytes) return [];
  // Oldest first; equal times by name, so two runs agree on the order.
  files.sort((a, b) => a.mtimeMs - b.mtimeMs || (a.path < b.path ? -1 : 1));
  let removed = 0;
  for (const file of files) {
    if (total <= maxBytes) break;
    if (file.path === keep) continue;
    try {
      await unlink(file.path);
    } catch (error) {
      // Another run removed it first: it is gone all the same.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') continue;
    }
    total -= file.size;
    removed++;
  }
  if (removed === 0) return [];
  return [
    {
      code: 'cache-evicted',
      message: `history cache: removed ${removed} least recently used file${removed === 1 ? '' : 's'} to stay within ${formatMiB(maxBytes)}`,
    },
  ];
}

function formatMiB(bytes: number): string {
  if (bytes < 1024 * 1024) return `${bytes} bytes`;
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
}
