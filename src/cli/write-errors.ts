/** Why a write failed, in words a user can act on, from a Node error. */

/**
 * The reason part of "cannot write …: <reason>" for a failed write or open. Only the error
 * code and Node's own message are used: never the content that was being written.
 */
export function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
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
