/**
 * Runs the built CLI (`bin/mldebt.js`) as a subprocess with a clean environment: no color,
 * no user git config, so output can be asserted exactly.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freshCacheHome } from './audit-repo.js';

export const BIN = fileURLToPath(new URL('../../bin/mldebt.js', import.meta.url));
/**
 * The CLI as tsc built it, one file per module (the binary runs the bundle made from it): for
 * tests that name the modules a run loads.
 */
export const UNBUNDLED = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  options: { cwd: string; env?: Record<string, string>; entry?: string },
): CliResult {
  const res = spawnSync(process.execPath, [options.entry ?? BIN, ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: options.cwd,
      XDG_CACHE_HOME: freshCacheHome(),
      NO_COLOR: '1',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      ...options.env,
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}
