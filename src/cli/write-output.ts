/**
 * `--output` writes atomically (SPEC §5): a failed or interrupted run never leaves a half
 * report where the previous one was. The content goes to a temporary file in the target's
 * own directory (a rename is only atomic within one file system), is flushed to disk, then
 * renamed over the target.
 */
import { randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { chmod, open, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';

/**
 * Write `content` (UTF-8) to `path` atomically.
 *
 * An existing target keeps its permissions, and a symbolic link is followed (the file it
 * points to is replaced, the link stays).
 *
 * @throws UserError with one line naming the path and the cause (missing directory, permission
 *   denied, a directory in the way, disk full, ...); the temporary file is removed and a
 *   previous file at `path` is left untouched.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const target = await resolveTarget(path);
  const temp = join(
    dirname(target),
    `.${basename(target)}.mldebt-${process.pid}-${randomBytes(6).toString('hex')}.tmp`,
  );
  let handle: FileHandle | undefined;
  try {
    // 'wx': never reuse (or follow a link planted at) an existing temp name.
    handle = await open(temp, 'wx');
    await handle.writeFile(content, 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    await preserveMode(target, temp);
    await rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw new UserError(describeWriteFailure(path, error));
  }
}

/** The file to replace: `path` itself, or what it links to. */
async function resolveTarget(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    // Not there yet (or a dangling link): create it at `path`. A missing directory is
    // reported by the write itself, with one message for every cause.
    return resolve(path);
  }
}

/** Give the replacement the target's mode, so a rewrite does not loosen or tighten it. */
async function preserveMode(target: string, temp: string): Promise<void> {
  try {
    const { mode } = await stat(target);
    await chmod(temp, mode & 0o7777);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** One line a user can act on, from a Node file-system error. */
function describeWriteFailure(path: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const prefix = `cannot write ${path}`;
  switch (code) {
    case 'ENOENT':
      return `${prefix}: directory ${dirname(resolve(path))} does not exist`;
    case 'ENOTDIR':
      return `${prefix}: a parent of it is not a directory`;
    case 'EISDIR':
      return `${prefix}: it is a directory`;
    case 'EACCES':
    case 'EPERM':
      return `${prefix}: permission denied`;
    case 'EROFS':
      return `${prefix}: read-only file system`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `${prefix}: no space left on the device`;
    default:
      return `${prefix}: ${error instanceof Error ? error.message : String(error)}`;
  }
}
