/**
 * A temporary file that the full chunks of a walk's packed commits move to (chunks.ts), so
 * that what a run holds for the cache does not grow with the history: on the 50k-commit
 * bench repository they are about 8 MB by the end of a cold walk, the largest part of a run's
 * memory that grows with the number of commits. The save reads them back chunk by chunk as
 * it writes the cache file, as do the rare lookups of a walked commit.
 *
 * The file is made in the cache directory (private, and the data is the cache file's own),
 * on the first full chunk, so a short history never makes one. It is named like a save's
 * temporary file, so one that a killed run leaves behind is removed as those are; it is
 * unlinked at once where the system lets an open file go (its descriptor keeps it), else
 * when the run closes it or the process exits. A file that cannot be made or written keeps
 * the chunks in memory: spilling saves memory, never a run.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class SpillFile {
  /** Undefined until the first write; null once it cannot be used. */
  private fd: number | null | undefined;
  private path: string | null = null;
  private end = 0;
  /** Removes the file when the process ends, where an open file cannot be removed. */
  private readonly atExit = (): void => this.close();

  /**
   * @param dir the cache directory (made 0700 if missing)
   * @param name the cache file's name: the temporary file is named after it
   */
  constructor(
    private readonly dir: string,
    private readonly name: string,
  ) {}

  /** How many bytes it holds. */
  get size(): number {
    return this.end;
  }

  /** Appends `bytes`; returns where they start, or -1 when they must stay in memory. */
  write(bytes: Uint8Array): number {
    const fd = this.open();
    if (fd === null) return -1;
    try {
      for (let done = 0; done < bytes.length;) {
        done += writeSync(fd, bytes, done, bytes.length - done, this.end + done);
      }
    } catch {
      // A full disk: what is written stays readable, the rest stays in memory.
      return -1;
    }
    const at = this.end;
    this.end += bytes.length;
    return at;
  }

  /** Reads `target.length` bytes written at `offset` into `target`. */
  read(offset: number, target: Uint8Array): void {
    if (typeof this.fd !== 'number') throw new Error('SpillFile.read: nothing was written');
    for (let done = 0; done < target.length;) {
      const got = readSync(this.fd, target, done, target.length - done, offset + done);
      if (got === 0) throw new Error('SpillFile.read: the temporary file is shorter than written');
      done += got;
    }
  }

  /** Closes and removes the file. Reading after this throws. */
  close(): void {
    if (typeof this.fd === 'number') closeSync(this.fd);
    this.fd = null;
    this.remove();
    process.off('exit', this.atExit);
  }

  private open(): number | null {
    if (this.fd !== undefined) return this.fd;
    this.fd = null;
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const path = join(
        this.dir,
        `${this.name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
      );
      this.fd = openSync(path, 'wx+', 0o600);
      this.path = path;
    } catch {
      return null;
    }
    if (process.platform === 'win32') {
      // An open file cannot be removed there: at the latest when the process ends.
      process.once('exit', this.atExit);
    } else {
      this.remove();
    }
    return this.fd;
  }

  private remove(): void {
    if (this.path === null) return;
    try {
      unlinkSync(this.path);
    } catch {
      // Gone already, or left for the cleanup of stale temporary files.
    }
    this.path = null;
  }
}
