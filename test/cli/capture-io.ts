/**
 * In-process streams for `run(argv, io)`: they keep what is written and acknowledge every
 * write through its callback, as a real stream does once the bytes are handed on.
 */
import type { Io } from '../../src/cli/run.js';
import { testEnv } from '../helpers/audit-repo.js';

export interface CapturedIo {
  io: Io;
  /** Everything written to stdout so far. */
  stdout: () => string;
  /** Everything written to stderr so far. */
  stderr: () => string;
}

type WriteCallback = (error?: Error | null) => void;

function capture(chunks: string[], isTTY: boolean): Io['stdout'] {
  return {
    isTTY,
    write(chunk: string, encodingOrCallback?: unknown, callback?: WriteCallback) {
      chunks.push(chunk);
      const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
      if (typeof done === 'function') queueMicrotask(() => (done as WriteCallback)(null));
      return true;
    },
  } as unknown as Io['stdout'];
}

/**
 * Streams that record writes, in `cwd`. The default environment has colors off and keeps
 * git away from this machine's user and system config (HOME is `cwd`); a given `env`
 * replaces it whole.
 */
export function captureIo(
  cwd: string,
  options: { tty?: boolean; env?: NodeJS.ProcessEnv } = {},
): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: capture(out, options.tty ?? false),
      stderr: capture(err, options.tty ?? false),
      env: options.env ?? testEnv(cwd, { NO_COLOR: '1' }),
      cwd,
    },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}
