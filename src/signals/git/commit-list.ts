/**
 * The commits a history pass shows, as a list of hashes: `git rev-list` runs the very walk
 * `git log` runs (same start, same `--no-merges` and `--since-as-filter` filters, git's
 * default order: newest first, no history simplification) without diffing anything, so it
 * costs a fraction of the pass. With the list in hand the pass can be cut into shards, or
 * skip the commits a cache already holds.
 */
import { GIT_CONFIG_OVERRIDES } from './git-env.js';
import { sinceFilter, spawnGit } from './log-stream.js';

export interface CommitListOptions {
  cwd: string;
  /** Revision to walk from: a full commit hash, already resolved. */
  rev: string;
  /** Commits with an older committer date are left out (epoch seconds); null: none. */
  sinceSeconds: number | null;
  env?: NodeJS.ProcessEnv;
}

/** The exact argv of the listing: the history pass's walk and filters, no diff. */
export function commitListArgs(options: CommitListOptions): string[] {
  return [
    ...GIT_CONFIG_OVERRIDES,
    'rev-list',
    '--no-merges',
    ...sinceFilter(options.sinceSeconds),
    '--end-of-options',
    options.rev,
    '--',
  ];
}

/**
 * Lists the full hashes of the commits `git log --no-merges` shows from `rev` (filtered by
 * committer date from `sinceSeconds`), newest first, in the order it shows them. Rejects
 * with a GitLogError carrying git's stderr when git fails.
 */
export async function listCommits(options: CommitListOptions): Promise<string[]> {
  const chunks: Buffer[] = [];
  await spawnGit(commitListArgs(options), { ...options, command: 'rev-list' }, (chunk) =>
    chunks.push(chunk),
  ).done;
  // 41 bytes a commit: 2 MB for 50,000 commits, held as one string list.
  const text = Buffer.concat(chunks).toString('latin1');
  return text === '' ? [] : text.trimEnd().split('\n');
}
