/**
 * Real repositories and real commits for the history cache's tests: a history with renames, a
 * binary file, a deletion, a merge and non-ASCII text, read with the same streamed `git log`
 * the audit runs; and an environment whose cache directory is a temp dir, never the real one.
 */
import { join } from 'node:path';
import { buildRepo, git, type CommitSpec } from '../../scripts/lib/repo-builder.js';
import type { PassList } from '../../src/signals/git/cache/plan.js';
import { streamHistory, type LogCommit } from '../../src/signals/git/log-stream.js';
import { testEnv } from '../helpers/audit-repo.js';

export const ana = { name: 'Ana', email: 'Ana@Example.com' };
export const bo = { name: 'Bo', email: 'bo@example.com' };

/** Eight commits on main and one merged from a branch; every kind of change a pass sees. */
export const SAMPLE_HISTORY: CommitSpec[] = [
  {
    date: '2026-01-01T00:00:00Z',
    author: ana,
    message: 'Start',
    files: { 'src/a.py': 'a\n', 'src/b.py': 'b\nb\n', 'img.bin': 'x\0y\0z' },
  },
  {
    date: '2026-01-02T00:00:00Z',
    author: bo,
    message: 'fix: é in a',
    files: { 'src/a.py': 'á\n' },
  },
  {
    date: '2026-01-03T00:00:00Z',
    author: ana,
    message: 'Move b',
    renames: [['src/b.py', 'lib/b.py']],
  },
  { date: '2026-01-04T00:00:00Z', author: bo, message: 'binary', files: { 'img.bin': '\0\0\0' } },
  {
    date: '2026-01-05T00:00:00Z',
    author: ana,
    message: 'side work',
    id: 'side',
    branch: 'side',
    from: 'main',
    files: { 'side.txt': 'side\n' },
  },
  {
    date: '2026-01-06T00:00:00Z',
    author: ana,
    message: 'Merge side',
    merge: ['side'],
    files: {},
  },
  {
    date: '2026-01-07T00:00:00Z',
    author: bo,
    message: 'drop a, tab\tin subject',
    files: { 'src/a.py': null, 'dir with space/c.txt': 'c\n' },
  },
  { date: '2026-01-08T00:00:00Z', author: ana, message: 'more b', files: { 'lib/b.py': 'b\n' } },
];

/** Builds `dir/name` from `commits` (default: {@link SAMPLE_HISTORY}). */
export function makeCacheRepo(dir: string, name: string, commits = SAMPLE_HISTORY): string {
  return buildRepo(join(dir, name), commits);
}

/** An environment for git and the cache: HOME and XDG_CACHE_HOME in temp dirs. */
export function cacheEnv(home: string, cacheHome: string): NodeJS.ProcessEnv {
  return testEnv(home, { XDG_CACHE_HOME: cacheHome });
}

/** Every non-merge commit reachable from HEAD, as the history pass streams them. */
export async function readCommits(
  repo: string,
  options: { lineChurn?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<LogCommit[]> {
  const commits: LogCommit[] = [];
  const rev = git(repo, ['rev-parse', 'HEAD']).trim();
  await streamHistory(
    {
      cwd: repo,
      rev,
      sinceSeconds: null,
      lineChurn: options.lineChurn ?? true,
      env: options.env ?? testEnv(repo),
    },
    (c) => commits.push(c),
  );
  return commits;
}

/** The commit list of a pass: non-merge commits from HEAD, in `git log`'s order. */
export function listCommits(repo: string): string[] {
  return git(repo, ['rev-list', '--no-merges', 'HEAD']).split('\n').filter(Boolean);
}

/** A pass's list of `hashes` as rev-list gives it from `head`, over the whole history. */
export function passList(hashes: readonly string[], head: string): PassList {
  return { head, reach: null, fresh: hashes, followsStored: false };
}

/** The list of a pass over the whole history from HEAD, as rev-list gives it. */
export function listedAt(repo: string): PassList {
  return passList(listCommits(repo), git(repo, ['rev-parse', 'HEAD']).trim());
}
