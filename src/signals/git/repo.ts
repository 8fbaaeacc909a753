/**
 * The small git queries, through simple-git: where the repository is, what HEAD is, whether
 * history is shallow, which files are tracked. Each is one call per run, never per item.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { UserError } from '../../errors.js';
import { GIT_CONFIG_OVERRIDES, gitEnv } from './git-env.js';

export interface RepositoryInfo {
  /** Absolute top level of the working tree (or the plain directory when not git). */
  root: string;
  git: boolean;
}

function client(dir: string): SimpleGit {
  const config: string[] = [];
  for (let i = 1; i < GIT_CONFIG_OVERRIDES.length; i += 2) config.push(GIT_CONFIG_OVERRIDES[i]!);
  const env = gitEnv();
  // simple-git refuses GIT_* variables it is not told about; these are the ones we set.
  const allowEnvironment = Object.keys(env).filter((name) => name.startsWith('GIT_'));
  // GIT_CONFIG_GLOBAL / GIT_CONFIG_SYSTEM come from the user's own environment (CI images and
  // our tests isolate config that way); simple-git needs telling that they are intended.
  return simpleGit({
    baseDir: dir,
    config,
    allowEnvironment,
    unsafe: { allowUnsafeConfigPaths: true },
  }).env(env);
}

/**
 * Resolves `--repo` (SPEC §1): a missing path or a bare repository is a UserError; a
 * subdirectory means its repository's top level; a plain directory is audited without git.
 */
export async function resolveRepository(dir: string): Promise<RepositoryInfo> {
  if (!existsSync(dir)) throw new UserError(`repository not found: ${dir} does not exist`);
  if (!statSync(dir).isDirectory())
    throw new UserError(`repository not found: ${dir} is not a directory`);
  const git = client(dir);
  let inside: string;
  try {
    inside = (await git.raw(['rev-parse', '--is-inside-work-tree'])).trim();
  } catch (error) {
    if (!/not a git repository/i.test((error as Error).message)) throw error;
    return { root: resolve(dir), git: false };
  }
  if (inside !== 'true') {
    // Inside a bare repository (or a .git directory): there is no working tree to audit.
    const what = (await isBare(git))
      ? 'a bare git repository'
      : 'a git directory, not a working tree';
    throw new UserError(`${dir} is ${what}: point --repo at a checkout with a working tree`);
  }
  const top = (await git.raw(['rev-parse', '--show-toplevel'])).trim();
  return { root: top, git: true };
}

async function isBare(git: SimpleGit): Promise<boolean> {
  try {
    return (await git.raw(['rev-parse', '--is-bare-repository'])).trim() === 'true';
  } catch {
    return false;
  }
}

export interface HeadInfo {
  /** Full hash of the revision, or null in an empty repository. */
  hash: string | null;
  /** Its committer date, epoch seconds. */
  time: number | null;
}

/** The commit the audit describes (`rev` defaults to HEAD) and its committer date. */
export async function readHead(root: string, rev = 'HEAD'): Promise<HeadInfo> {
  const git = client(root);
  let out: string;
  try {
    out = (await git.raw(['log', '-1', '--format=%H %ct', rev, '--'])).trim();
  } catch {
    if (rev === 'HEAD') return { hash: null, time: null }; // no commit yet
    throw new UserError(
      `--until: "${rev}" is neither a date YYYY-MM-DD nor a revision in this repository`,
      undefined,
    );
  }
  if (out === '') return { hash: null, time: null };
  const [hash, time] = out.split(' ');
  return { hash: hash!, time: Number(time) };
}

export interface ShallowInfo {
  shallow: boolean;
  /** Newest committer date among the shallow boundary commits (where history stops). */
  boundaryTime: number | null;
}

/** Whether history is shallow and, if so, where it stops (one rev-parse, one log call). */
export async function readShallow(root: string): Promise<ShallowInfo> {
  const git = client(root);
  const shallow = (await git.raw(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
  if (!shallow) return { shallow: false, boundaryTime: null };
  let shallowFile = (await git.raw(['rev-parse', '--git-path', 'shallow'])).trim();
  if (!isAbsolute(shallowFile)) shallowFile = resolve(root, shallowFile);
  const hashes = (await readFile(shallowFile, 'utf8'))
    .split('\n')
    .filter((h) => /^[0-9a-f]{40,64}$/.test(h));
  if (hashes.length === 0) return { shallow: true, boundaryTime: null };
  const times = (await git.raw(['log', '--no-walk', '--format=%ct', ...hashes, '--']))
    .split('\n')
    .filter(Boolean)
    .map(Number);
  return { shallow: true, boundaryTime: Math.max(...times) };
}

/** Files tracked at `rev`, repo-relative with `/` (one ls-tree call). */
export async function listTrackedFiles(root: string, rev: string): Promise<string[]> {
  const out = await client(root).raw(['ls-tree', '-r', '-z', '--name-only', '--full-tree', rev]);
  return out.split('\0').filter(Boolean);
}

/**
 * The repository's git directories, absolute: its own (`.git`, or `.git/worktrees/<name>` in a
 * linked worktree) and the common one shared by all worktrees. The CLI refuses to write there.
 */
export async function readGitDirectories(root: string): Promise<string[]> {
  const out = await client(root).raw(['rev-parse', '--absolute-git-dir', '--git-common-dir']);
  const dirs = out
    .split('\n')
    .filter(Boolean)
    .map((dir) => resolve(root, dir));
  return [...new Set(dirs)];
}
