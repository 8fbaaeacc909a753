/**
 * File-system failures in words a user can act on: one place for every file mldebt reads
 * (inventory, coverage reports, a baseline) or writes (a report). Only the error code and
 * Node's own message are used: never the content that was being read or written.
 */
import { UserError } from '../errors.js';

/** The reason part of "cannot read/write …: <reason>" for a failed open, read or write. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'ENOTDIR':
      return 'a parent of it is not a directory';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'no space left on the device';
    case 'EFBIG':
      return 'the file is too large (a file size limit, ulimit -f, or the file system)';
    case 'EIO':
      return 'input/output error';
    case 'EBADF':
      return 'it is not open for writing';
    case 'ENXIO':
      return 'no such device or address';
    case 'ECONNREFUSED':
      return 'nothing is listening on the socket';
    default: {
      const message = error instanceof Error ? error.message : String(error);
      return message.split('\n')[0] ?? message;
    }
  }
}

/**
 * The one line for a file that could not be read: `coverage report not found: x.xml`,
 * `inventory debt.yaml is a directory, not a file`, `cannot read baseline b.json: permission
 * denied`. A UserError passes through unchanged.
 *
 * @param what what the file is to mldebt (`inventory`, `coverage report`, `baseline`)
 * @param name the file as the user named it
 */
export function readFailure(what: string, name: string, error: unknown): UserError {
  if (error instanceof UserError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new UserError(`${what} not found: ${name}`);
  if (code === 'EISDIR') return new UserError(`${what} ${name} is a directory, not a file`);
  return new UserError(`cannot read ${what} ${name}: ${describeFsError(error)}`);
}
