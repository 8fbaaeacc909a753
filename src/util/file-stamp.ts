/**
 * What identifies a file's content without reading it: the caches of per-file results (the
 * Python scans, the config files' facts) trust an entry only while its file's stamp is the
 * one it was made from. The status-change time moves on any write, whatever the modification
 * time is set back to; a symbolic link has no stamp (where it leads may change under it).
 */
import { lstatSync } from 'node:fs';
import { join } from 'node:path';

export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/**
 * The stamp of a regular file that is not a link; null for anything else (not cached).
 * Synchronous: a warm run stamps every file it would otherwise read, and a blocking lstat
 * costs a fraction of a trip through libuv's thread pool (callers yield between batches).
 */
export function stampOf(root: string, path: string): FileStamp | null {
  try {
    const stat = lstatSync(join(root, path));
    if (!stat.isFile()) return null;
    return { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino };
  } catch {
    return null;
  }
}

export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

export function isStamp(value: unknown): value is FileStamp {
  return (
    typeof value === 'object' &&
    value !== null &&
    ['size', 'mtimeMs', 'ctimeMs', 'ino'].every(
      (key) => typeof (value as Record<string, unknown>)[key] === 'number',
    )
  );
}
