/**
 * How every file in the cache directory is written: into a private directory, whole or not
 * at all. The history cache, its snapshots, the Python scans and the kept inventory all write
 * this way; kept apart from the history cache so that writing a small file loads none of it.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import type { CacheFileLayout } from './format.js';

/** Creates the directory 0700 (and tightens it when it exists looser and is ours). */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return;
  const info = await stat(dir);
  const ours = typeof process.getuid !== 'function' || info.uid === process.getuid();
  if (ours && (info.mode & 0o077) !== 0) await chmod(dir, 0o700);
}

/**
 * Temp file beside the target (created exclusively, 0600), written piece by piece, then one
 * rename: a reader sees the old file or the new one, never half of one.
 */
export async function writeAtomically(
  file: string,
  data: Pick<CacheFileLayout, 'pieces'>,
): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    try {
      for (const piece of data.pieces()) {
        for (let written = 0; written < piece.length;) {
          written += (await handle.write(piece, written, piece.length - written)).bytesWritten;
        }
      }
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
