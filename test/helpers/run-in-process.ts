/**
 * The CLI in-process: `run(argv, io)` from src/cli/run.ts with captured streams, returning the
 * `{ status, stdout, stderr }` that `runCli` returns for the built binary, so a test can move
 * from one to the other without changing what it asserts.
 *
 * It gives the run the environment `runCli` gives the subprocess: no colors, HOME in the
 * working directory and no user or system git config, so git never reads this machine's
 * settings. What only a real process shows (its exit status, a real pipe or terminal, a full
 * device, the `--version` fast path, the real environment) stays with `runCli`.
 */
import { run } from '../../src/cli/run.js';
import { captureIo } from '../cli/capture-io.js';
import { testEnv } from './audit-repo.js';
import type { CliResult } from './exec.js';

/** Runs `mldebt <args>` in `cwd`; `env` adds to (or, with '', blanks) the clean environment. */
export async function runInProcess(
  args: string[],
  options: { cwd: string; env?: Record<string, string>; tty?: boolean },
): Promise<CliResult & { status: number }> {
  const cap = captureIo(options.cwd, {
    env: testEnv(options.cwd, { NO_COLOR: '1', ...options.env }),
    tty: options.tty ?? false,
  });
  const status = await run(args, cap.io);
  return { status, stdout: cap.stdout(), stderr: cap.stderr() };
}
