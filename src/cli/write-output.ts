/**
 * Where a report goes: `--output <path>`, or `export`'s default file.
 *
 * A regular file (or a path that does not exist yet) is replaced atomically: the content goes
 * to a temporary file in the target's own directory (a rename is only atomic within one file
 * system), is flushed to disk, then renamed over the target, so a failed run never leaves a
 * half report where the previous one was. Anything else is not a file to replace: a
 * character device (`/dev/null`, `/dev/full`, a terminal), a FIFO or a socket is written
 * through, and `-`, `/dev/stdout` or any link to this process's standard output goes to
 * standard output itself. Replacing those would swap a device node or a pipe for a regular
 * file, which as root (the usual CI container) breaks the machine for every other process.
 *
 * Some targets are refused before anything is written: a directory, a block device, the
 * inventory the report was computed from, and anything inside the repository's `.git`.
 */
import { randomBytes } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { chmod, open, readlink, realpath, rename, rm, stat } from 'node:fs/promises';
import { connect } from 'node:net';
import { constants } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { describeFsError } from '../util/fs-errors.js';

/** How a report reaches its destination; see the module comment. */
export type OutputTarget =
  | { kind: 'stdout' }
  | { kind: 'stderr' }
  /** A regular file, or a new path: replaced atomically. */
  | { kind: 'file'; path: string; shown: string }
  /** A character device or a FIFO: opened and written, never replaced. */
  | { kind: 'stream'; path: string; shown: string }
  /** A Unix socket: connected to and written. */
  | { kind: 'socket'; path: string; shown: string };

/** What a report must never be written over or into. */
export interface ProtectedPaths {
  /** The inventory file the report was computed from. */
  inventory?: string;
  /** The repository's git directories (its own and the common one), and its `.git` entry. */
  gitDirectories: string[];
}

/**
 * Decides how the report is written to `path` (as the user typed it, relative to `cwd`).
 *
 * @throws UserError, one line, before anything is written, when `path` is a directory, a block
 *   device, the inventory, or inside the repository's `.git`.
 */
export async function resolveOutputTarget(
  path: string,
  cwd: string,
  protect: ProtectedPaths,
): Promise<OutputTarget> {
  if (path === '-') return { kind: 'stdout' };
  // An empty name resolves to the current directory; say what is wrong with it instead.
  if (path === '') throw new UserError('--output: expected a file name, got an empty string');
  const absolute = resolve(cwd, path);
  const fd = await standardDescriptor(absolute);
  if (fd === 1) return { kind: 'stdout' };
  if (fd === 2) return { kind: 'stderr' };

  const refuse = (reason: string) => new UserError(`cannot write ${path}: ${reason}`);
  if (await isInside(absolute, protect.gitDirectories)) {
    throw refuse("it is inside the repository's .git directory (choose another --output)");
  }
  const info = await stat(absolute).catch(() => null);
  // Missing (or unreachable: the atomic write names the reason): a new file.
  if (info === null) return { kind: 'file', path: absolute, shown: path };
  if (info.isDirectory()) throw refuse('it is a directory');
  if (info.isBlockDevice()) throw refuse('it is a block device');
  if (info.isCharacterDevice() || info.isFIFO()) {
    return { kind: 'stream', path: absolute, shown: path };
  }
  if (info.isSocket()) return { kind: 'socket', path: absolute, shown: path };
  if (protect.inventory !== undefined && (await sameFile(absolute, protect.inventory))) {
    throw refuse('it is the inventory (choose another --output)');
  }
  return { kind: 'file', path: absolute, shown: path };
}

/**
 * Writes `content` to a target other than the standard streams (the caller writes those).
 *
 * @throws UserError with one line naming the path and the cause (missing directory, permission
 *   denied, no space left on the device, ...); an atomic write removes its temporary file
 *   and leaves a previous file untouched.
 */
export async function writeToTarget(
  target: Extract<OutputTarget, { path: string }>,
  content: string,
): Promise<void> {
  try {
    if (target.kind === 'file') await writeFileAtomic(target.path, content);
    else if (target.kind === 'stream') await writeThrough(target.path, content);
    else await writeToSocket(target.path, content);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`cannot write ${target.shown}: ${describeFsError(error)}`);
  }
}

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
  // Only the first 40 characters of the name (at most 160 bytes): a target near the 255-byte
  // name limit must still leave room for the temp file's prefix and suffix.
  const stem = Array.from(basename(target)).slice(0, 40).join('');
  const temp = join(
    dirname(target),
    `.${stem}.mldebt-${process.pid}-${randomBytes(6).toString('hex')}.tmp`,
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

/**
 * Opens an existing device or FIFO and writes to it. No O_CREAT and no O_TRUNC: should the
 * node vanish in between, this fails instead of creating a regular file in its place. A FIFO
 * waits for its reader, as a shell redirection does.
 */
async function writeThrough(path: string, content: string): Promise<void> {
  const handle = await open(path, constants.O_WRONLY);
  try {
    await handle.writeFile(content, 'utf8');
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Connects to a Unix socket, sends `content` and closes the connection. */
function writeToSocket(path: string, content: string): Promise<void> {
  return new Promise((done, fail) => {
    const socket = connect(path);
    socket.once('error', fail);
    socket.end(content, 'utf8', () => done());
  });
}

/**
 * The standard descriptor (1 or 2) that `path` names, following links: `/dev/stdout`,
 * `/dev/fd/1`, `/proc/self/fd/1`, `/proc/<our pid>/fd/1`, or a link to one of them. null for
 * anything else. Such a path is what the shell gave us as stdout (a pipe, a terminal, a file
 * it truncated), so the report goes to that stream rather than to a file found behind it.
 */
async function standardDescriptor(path: string): Promise<number | null> {
  const named: Record<string, number> = { '/dev/stdout': 1, '/dev/stderr': 2 };
  let current = path;
  // Links are followed one at a time so a chain through /proc/self/fd/N is seen before the
  // kernel resolves it to "pipe:[…]"; 40 is the kernel's own limit on link chains.
  for (let hops = 0; hops < 40; hops++) {
    if (named[current] !== undefined) return named[current]!;
    const fd = /^\/(?:dev\/fd|proc\/(self|thread-self|\d+)\/fd)\/(\d+)$/.exec(current);
    if (fd) {
      const ours = fd[1] === undefined || !/^\d+$/.test(fd[1]) || Number(fd[1]) === process.pid;
      const n = Number(fd[2]);
      return ours && (n === 1 || n === 2) ? n : null;
    }
    let link: string;
    try {
      link = await readlink(current);
    } catch {
      return null; // not a link, or not there
    }
    current = resolve(dirname(current), link);
  }
  return null;
}

/** Whether `path` (existing or not) is, or is inside, one of `dirs`, links resolved. */
async function isInside(path: string, dirs: string[]): Promise<boolean> {
  const guarded = new Set<string>();
  for (const dir of dirs) {
    const id = await identity(dir);
    if (id !== null) guarded.add(id);
  }
  if (guarded.size === 0) return false;
  // Compared by device and inode, not by name: a link, `..`, or a case-insensitive file
  // system cannot slip past.
  let current = await canonicalPath(path);
  for (;;) {
    const id = await identity(current);
    if (id !== null && guarded.has(id)) return true;
    const parent = dirname(current);
    if (parent === current) return false;
    current = parent;
  }
}

async function sameFile(a: string, b: string): Promise<boolean> {
  const [idA, idB] = await Promise.all([identity(a), identity(b)]);
  return idA !== null && idA === idB;
}

/** `device:inode` of what `path` resolves to, or null when it does not exist. */
async function identity(path: string): Promise<string | null> {
  try {
    const { dev, ino } = await stat(path);
    return `${dev}:${ino}`;
  } catch {
    return null;
  }
}

/** `path` with every link resolved; the part that does not exist yet is kept as written. */
async function canonicalPath(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    if (parent === path) return path;
    return join(await canonicalPath(parent), basename(path));
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
  if (code === 'ENOENT')
    return `cannot write ${path}: directory ${dirname(resolve(path))} does not exist`;
  return `cannot write ${path}: ${describeFsError(error)}`;
}
