/**
 * The small git queries: where the repository is, which commit the audit describes, whether
 * history is shallow or partial, which files are tracked. Each is one call per run, never per
 * item. The ones every audit makes are spawned directly (git-query.ts says why); the
 * occasional ones (a revision the user typed, a bare repository, an unborn HEAD, a shallow
 * boundary) go through simple-git, loaded only when one is asked.
 *
 * A value the user typed (a revision for `--until`) never reaches git as an argument that
 * could be read as an option: it is resolved once with `rev-parse --verify --end-of-options`
 * to a full hash, and only that hash is passed on. Every git failure becomes a one-line
 * {@link UserError} carrying git's own reason: the repository is the user's input.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { SimpleGit } from 'simple-git';
import { UserError } from '../../errors.js';
import { GIT_CONFIG_OVERRIDES, gitEnv } from './git-env.js';
import { gitQuery } from './git-query.js';
import { GitLogError } from './log-stream.js';

export interface RepositoryInfo {
  /** Absolute top level of the working tree (or the plain directory when not git). */
  root: string;
  git: boolean;
  /** What git said of its own files in the same call (absent when not git). */
  facts?: GitDirectoryFacts;
}

/**
 * Where the repository keeps what changes the commits git shows (the history cache's key
 * reads them) and whether it is shallow: asked in the very `rev-parse` that finds the
 * repository, since every git process costs a run ~15 ms of its main thread to spawn.
 */
export interface GitDirectoryFacts {
  /** Absolute paths. */
  gitDir: string;
  commonDir: string;
  shallowFile: string;
  graftsFile: string;
  attributesFile: string;
  /** The replace refs' targets, then their names, a line each ('' when there are none). */
  replaceRefs: string;
  shallow: boolean;
}

const FACT_ARGS = [
  '--is-shallow-repository',
  '--absolute-git-dir',
  '--git-common-dir',
  '--git-path',
  'shallow',
  '--git-path',
  'info/grafts',
  '--git-path',
  'info/attributes',
  // Their targets, then (`--symbolic-full-name` applies to what follows it) their names.
  '--glob=refs/replace/*',
  '--symbolic-full-name',
  '--glob=refs/replace/*',
];

/** Reads {@link FACT_ARGS}' answer (git prints relative paths against `dir`, where it ran). */
function parseFacts(lines: readonly string[], dir: string): GitDirectoryFacts {
  const [shallow, ...rest] = lines;
  const [gitDir, commonDir, shallowFile, graftsFile, attributesFile] = rest
    .slice(0, 5)
    .map((p) => resolve(dir, p));
  if (!gitDir || !commonDir || !shallowFile || !graftsFile || !attributesFile)
    throw new Error('git rev-parse did not name the git directories');
  return {
    gitDir,
    commonDir,
    shallowFile,
    graftsFile,
    attributesFile,
    replaceRefs: rest.slice(5).join('\n'),
    shallow: shallow === 'true',
  };
}

/** {@link GitDirectoryFacts} of the repository at `root`, when no earlier call asked them. */
export async function readGitDirectoryFacts(
  root: string,
  env?: NodeJS.ProcessEnv,
): Promise<GitDirectoryFacts> {
  const lines = (await gitQuery(root, ['rev-parse', ...FACT_ARGS], env)).split('\n');
  return parseFacts(lines.filter(Boolean), root);
}

async function client(dir: string, env?: NodeJS.ProcessEnv): Promise<SimpleGit> {
  const { simpleGit } = await import('simple-git');
  const config: string[] = [];
  for (let i = 1; i < GIT_CONFIG_OVERRIDES.length; i += 2) config.push(GIT_CONFIG_OVERRIDES[i]!);
  const gitEnvironment = gitEnv({ env });
  // simple-git refuses GIT_* variables it is not told about; these are the ones we set.
  const allowEnvironment = Object.keys(gitEnvironment).filter((name) => name.startsWith('GIT_'));
  // GIT_CONFIG_GLOBAL / GIT_CONFIG_SYSTEM come from the user's own environment (CI images and
  // our tests isolate config that way); simple-git needs telling that they are intended.
  return simpleGit({
    baseDir: dir,
    config,
    allowEnvironment,
    unsafe: { allowUnsafeConfigPaths: true },
  }).env(gitEnvironment);
}

/**
 * Runs a read-only git command and returns its stdout. Either way, git exiting non-zero
 * without a message (`rev-parse -q`, `config --get` with no match) resolves with its empty
 * output: callers that use such commands read "" as "not found".
 */
async function gitOutput(
  dir: string,
  args: string[],
  env: NodeJS.ProcessEnv | undefined,
  via: 'spawn' | 'simple-git' = 'simple-git',
): Promise<string> {
  try {
    return via === 'spawn'
      ? await gitQuery(dir, args, env)
      : await (await client(dir, env)).raw(args);
  } catch (error) {
    throw describeGitFailure(dir, error);
  }
}

/** The reason git gave, as one line: its `fatal:` line if it printed one. */
function gitReason(error: unknown): string {
  const message =
    error instanceof GitLogError
      ? error.stderr
      : error instanceof Error
        ? error.message
        : String(error);
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.find((l) => l.startsWith('fatal:')) ?? lines[0] ?? 'git failed';
}

function isGitMissing(error: unknown): boolean {
  return error instanceof Error && /spawn git ENOENT/.test(error.message);
}

/** One line a user can act on, for any way git can fail to read a repository. */
export function describeGitFailure(dir: string, error: unknown): UserError {
  if (isGitMissing(error)) {
    return new UserError(
      `git is not installed (or not on PATH), and ${dir} is a git repository: install git to measure its history`,
    );
  }
  const reason = gitReason(error);
  if (/dubious ownership/i.test(reason)) {
    return new UserError(
      `git refuses to read ${dir}: it is owned by another user (git's safe.directory check, ` +
        `common in CI containers); if you trust it: git config --global --add safe.directory ${dir}`,
    );
  }
  if (/promisor remote|could not fetch/i.test(reason)) {
    return new UserError(
      `git cannot read ${dir}: an object is missing locally and mldebt never fetches (${reason}); ` +
        'fetch the missing objects (git fetch --refetch), or audit with --no-line-churn',
    );
  }
  if (/bad object|missing|corrupt|unable to read|loose object|packfile/i.test(reason)) {
    return new UserError(
      `git cannot read ${dir}: the repository is damaged (${reason}); ` +
        'repair it (git fsck, then git fetch --refetch) or audit a fresh clone',
    );
  }
  return new UserError(`git failed in ${dir}: ${reason}`);
}

/** Whether `dir` or a directory above it holds a `.git`: a repository, even without git installed. */
function looksLikeRepository(dir: string): boolean {
  for (let at = resolve(dir); ; at = dirname(at)) {
    if (existsSync(join(at, '.git'))) return true;
    if (dirname(at) === at) return false;
  }
}

/**
 * Resolves `--repo`: a missing path or a bare repository is a UserError; a subdirectory means
 * its repository's top level; a plain directory is audited without git — also when git is
 * not installed, unless the directory is evidently inside a repository.
 */
export async function resolveRepository(
  dir: string,
  env?: NodeJS.ProcessEnv,
): Promise<RepositoryInfo> {
  if (!existsSync(dir)) throw new UserError(`repository not found: ${dir} does not exist`);
  if (!statSync(dir).isDirectory())
    throw new UserError(`repository not found: ${dir} is not a directory`);
  let answer: string[];
  try {
    // One git for every question: each process costs a run ~15 ms of its main thread to spawn.
    answer = (
      await gitQuery(
        dir,
        ['rev-parse', '--is-inside-work-tree', '--show-toplevel', ...FACT_ARGS],
        env,
      )
    )
      .split('\n')
      .filter(Boolean);
  } catch (error) {
    if (isGitMissing(error) && !looksLikeRepository(dir)) return { root: resolve(dir), git: false };
    if (/not a git repository/i.test(gitReason(error))) return { root: resolve(dir), git: false };
    // Outside a working tree `--show-toplevel` fails: ask what this is instead.
    if (!/work tree/i.test(gitReason(error))) throw describeGitFailure(dir, error);
    answer = [(await gitOutput(dir, ['rev-parse', '--is-inside-work-tree'], env)).trim()];
  }
  const [inside, top] = answer.slice(0, 2).map((line) => line.trim());
  if (inside !== 'true' || !top) {
    // Inside a bare repository (or a .git directory): there is no working tree to audit.
    const bare = (await gitOutput(dir, ['rev-parse', '--is-bare-repository'], env)).trim();
    const what = bare === 'true' ? 'a bare git repository' : 'a git directory, not a working tree';
    throw new UserError(`${dir} is ${what}: point --repo at a checkout with a working tree`);
  }
  return { root: top, git: true, facts: parseFacts(answer.slice(2), dir) };
}

export interface HeadInfo {
  /** Full hash of the revision, or null in an empty repository. */
  hash: string | null;
  /** Its committer date, epoch seconds. */
  time: number | null;
}

/** The commit HEAD points at and its committer date; both null before the first commit. */
export async function readHead(root: string, env?: NodeJS.ProcessEnv): Promise<HeadInfo> {
  try {
    return await readCommit(root, 'HEAD', env);
  } catch (error) {
    // An unborn HEAD (no commit yet) names nothing, silently; a HEAD naming an object the
    // repository lacks does name something, and its failure above stands.
    const named = (await gitOutput(root, ['rev-parse', '--verify', '-q', 'HEAD'], env)).trim();
    if (named === '') return { hash: null, time: null };
    throw error;
  }
}

/**
 * The commit a user-typed revision names (`--until`), resolved to a full hash. Anything that
 * is not exactly one commit — a range, an option-like text, a tree or a blob — is a UserError.
 */
export async function resolveRevision(
  root: string,
  rev: string,
  env?: NodeJS.ProcessEnv,
): Promise<HeadInfo & { hash: string; time: number }> {
  // `-q` silences "not a revision", but peeling a tree to a commit still prints an error:
  // both mean "not one commit", which the messages below say better than git.
  const verify = (spec: string) =>
    gitOutput(root, ['rev-parse', '--verify', '-q', '--end-of-options', spec], env).catch(
      (error: unknown) => {
        if (/expected commit type|dereferences to|single revision/i.test(String(error))) return '';
        throw error;
      },
    );
  const commit = (await verify(`${rev}^{commit}`)).trim();
  if (/^[0-9a-f]{40,64}$/.test(commit)) return readCommit(root, commit, env);
  const object = (await verify(rev)).trim();
  if (/^[0-9a-f]{40,64}$/.test(object)) {
    const type = (await gitOutput(root, ['cat-file', '-t', object], env)).trim() || 'object';
    throw new UserError(`--until: "${rev}" names a ${type}, not a commit`);
  }
  throw new UserError(
    `--until: "${rev}" is neither a date YYYY-MM-DD nor a single commit in this repository`,
  );
}

/** A commit (a hash, or HEAD) resolved to its full hash and committer date, in one call. */
async function readCommit(
  root: string,
  commit: string,
  env?: NodeJS.ProcessEnv,
): Promise<{ hash: string; time: number }> {
  const out = (
    await gitOutput(root, ['log', '-1', '--no-walk', '--format=%H %ct', commit, '--'], env, 'spawn')
  ).trim();
  const [full, time] = out.split(' ');
  if (full === undefined || time === undefined || !/^\d+$/.test(time)) {
    throw new UserError(`git cannot read commit ${commit.slice(0, 10)} in ${root}`);
  }
  return { hash: full, time: Number(time) };
}

export interface ShallowInfo {
  shallow: boolean;
  /** Newest committer date among the shallow boundary commits (where history stops). */
  boundaryTime: number | null;
  /**
   * The boundary commits: their parents are not in the clone, so git diffs each as if it
   * added every file it holds.
   */
  boundaries: string[];
}

/**
 * Whether history is shallow and, if so, where it stops (one rev-parse unless `facts` say
 * already, and one log call when it is shallow).
 */
export async function readShallow(
  root: string,
  env?: NodeJS.ProcessEnv,
  facts?: GitDirectoryFacts,
): Promise<ShallowInfo> {
  const shallow =
    facts?.shallow ??
    (await gitOutput(root, ['rev-parse', '--is-shallow-repository'], env, 'spawn')).trim() ===
      'true';
  if (!shallow) return { shallow: false, boundaryTime: null, boundaries: [] };
  let shallowFile =
    facts?.shallowFile ??
    (await gitOutput(root, ['rev-parse', '--git-path', 'shallow'], env)).trim();
  if (!isAbsolute(shallowFile)) shallowFile = resolve(root, shallowFile);
  const hashes = (await readFile(shallowFile, 'utf8'))
    .split('\n')
    .filter((h) => /^[0-9a-f]{40,64}$/.test(h));
  if (hashes.length === 0) return { shallow: true, boundaryTime: null, boundaries: [] };
  const times = (await gitOutput(root, ['log', '--no-walk', '--format=%ct', ...hashes, '--'], env))
    .split('\n')
    .filter(Boolean)
    .map(Number);
  return { shallow: true, boundaryTime: Math.max(...times), boundaries: hashes };
}

/** What every audit asks of git's config, from one `git config` call. */
export interface GitConfigAnswers {
  /**
   * Whether the clone is partial (`git clone --filter=…`): file contents may be missing
   * locally and git would fetch them on demand, which mldebt never lets it do.
   */
  partialClone: boolean;
  /** `mailmap.blob` as set (its last value, as git reads it), or '' when it is not. */
  mailmapBlob: string;
}

export async function readGitConfigAnswers(
  root: string,
  env?: NodeJS.ProcessEnv,
): Promise<GitConfigAnswers> {
  const out = await gitOutput(
    root,
    [
      'config',
      '--get-regexp',
      String.raw`^(extensions\.partialclone|remote\..*\.promisor|mailmap\.blob)$`,
    ],
    env,
    'spawn',
  );
  let partialClone = false;
  let mailmapBlob = '';
  for (const line of out.split('\n')) {
    // Names come back in git's canonical form: section and variable lower case.
    if (line.startsWith('mailmap.blob ')) mailmapBlob = line.slice('mailmap.blob '.length).trim();
    else if (/^extensions\.partialclone \S/i.test(line) || /\.promisor true$/i.test(line)) {
      partialClone = true;
    }
  }
  return { partialClone, mailmapBlob };
}

/** Files tracked at `hash`, repo-relative with `/` (one ls-tree call). */
export async function listTrackedFiles(
  root: string,
  hash: string,
  env?: NodeJS.ProcessEnv,
): Promise<string[]> {
  const out = await gitOutput(
    root,
    ['ls-tree', '-r', '-z', '--name-only', '--full-tree', hash],
    env,
    'spawn',
  );
  return out.split('\0').filter(Boolean);
}

/**
 * The repository's git directories, absolute: its own (`.git`, or `.git/worktrees/<name>` in a
 * linked worktree) and the common one shared by all worktrees. The CLI refuses to write there.
 */
export async function readGitDirectories(root: string, env?: NodeJS.ProcessEnv): Promise<string[]> {
  const out = await gitOutput(
    root,
    ['rev-parse', '--absolute-git-dir', '--git-common-dir'],
    env,
    'spawn',
  );
  const dirs = out
    .split('\n')
    .filter(Boolean)
    .map((dir) => resolve(root, dir));
  return [...new Set(dirs)];
}

/** Files on disk that git does not track, by why: untracked, or ignored. */
export interface UnversionedFiles {
  /** Not tracked and not ignored (`git ls-files --others --exclude-standard`). */
  untracked: string[];
  /**
   * Ignored by .gitignore, .git/info/exclude or core.excludesFile. A directory ignored as a
   * whole is one entry ending in `/` (its contents are never listed: `node_modules/`).
   */
  ignored: string[];
}

/**
 * The files git does not track, in two calls per run: untracked ones, and ignored ones
 * without descending into directories ignored wholesale (`--directory`).
 */
export async function listUnversionedFiles(
  root: string,
  env?: NodeJS.ProcessEnv,
): Promise<UnversionedFiles> {
  const list = async (args: string[]): Promise<string[]> => {
    const argv = ['ls-files', '-z', '--others', '--exclude-standard', ...args];
    return (await gitOutput(root, argv, env, 'spawn')).split('\0').filter(Boolean);
  };
  const [untracked, ignored] = await Promise.all([list([]), list(['--ignored', '--directory'])]);
  return { untracked, ignored };
}
