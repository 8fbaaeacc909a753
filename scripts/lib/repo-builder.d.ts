// Types for repo-builder.js (plain ESM JavaScript, shared by the demo, the bench and tests).

/** A git identity. */
export interface Person {
  name: string;
  email: string;
}

/** One commit of a repository built by {@link buildRepo}. */
export interface CommitSpec {
  /** Committer (and author) date, ISO 8601, e.g. `2026-03-01T10:00:00Z`. */
  date: string;
  /** Author date when it differs from the committer date. */
  authorDate?: string;
  author: Person;
  /** Defaults to the author. */
  committer?: Person;
  message: string;
  /** A name later commits can use in `from` / `merge`. */
  id?: string;
  /** Branch the commit goes on (default `main`). */
  branch?: string;
  /** Parent when starting a branch: a commit id or a branch name. */
  from?: string;
  /** Extra parents (commit ids or branch names): a merge commit. */
  merge?: string[];
  /** Path -> new content, or `null` to delete. */
  files?: Record<string, string | null>;
  /** `[from, to]` pairs, applied before `files`. */
  renames?: [string, string][];
}

/** Git environment for every call: no user or system config, no locks, no prompts. */
export function isolatedGitEnv(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;

/** Runs git in `cwd` with the isolated environment and returns stdout. */
export function git(
  cwd: string,
  args: readonly string[],
  options?: { env?: NodeJS.ProcessEnv; input?: string },
): string;

/** Renders the commits as a `git fast-import` stream, one chunk per commit. */
export function fastImportStream(commits: Iterable<CommitSpec>): Generator<string, void, undefined>;

/** Creates `dir` as a git repository holding `commits`, with `main` checked out. */
export function buildRepo(
  dir: string,
  commits: CommitSpec[],
  options?: { checkout?: boolean },
): string;

/** Like buildRepo, streaming the commits into fast-import (for very large histories). */
export function buildRepoStreaming(dir: string, commits: Iterable<CommitSpec>): Promise<string>;
