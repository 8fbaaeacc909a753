/**
 * One small read-only git query, spawned directly: its whole stdout as text.
 *
 * Every audit asks git the same few questions (where the repository is, which commit HEAD
 * is, what is tracked and what is not, whether the clone is partial, the cache key's paths).
 * They are spawned here rather than through simple-git: loading simple-git costs a run about
 * 50 ms and each call through it about 3 ms more of the main thread, which is more than most
 * of these queries cost git. The occasional questions (a revision the user typed, a bare
 * repository, a shallow boundary) still go through simple-git, in repo.ts.
 */
import { execFile } from 'node:child_process';
import { GIT_CONFIG_OVERRIDES, gitEnv } from './git-env.js';

/**
 * Runs `git <args>` in `dir` with mldebt's environment and config overrides.
 *
 * Git exits non-zero without a word to say "no such value" (`config --get`) or "no such
 * object" (`rev-parse --verify -q`): that is an answer, and the promise resolves with what
 * git printed (usually nothing). A failure git explains rejects with an Error whose message
 * is git's stderr; git missing rejects with Node's own `spawn git ENOENT` error.
 */
export function gitQuery(
  dir: string,
  args: readonly string[],
  env?: NodeJS.ProcessEnv,
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...GIT_CONFIG_OVERRIDES, ...args],
      { cwd: dir, env: gitEnv({ env }), encoding: 'utf8', maxBuffer: 1 << 30 },
      (error, stdout, stderr) => {
        if (error === null) return resolve(stdout);
        const said = stderr.trim();
        if (typeof error.code === 'number' && said === '') return resolve(stdout);
        reject(said === '' ? error : new Error(said));
      },
    );
  });
}
