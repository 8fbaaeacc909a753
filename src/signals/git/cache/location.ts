/**
 * Where the history cache lives: the user's cache directory, taken from the environment the
 * run was given (never this process's own, so a test or an embedding program decides), and
 * never inside the repository under audit, whatever that environment says: mldebt only
 * reads the repository.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, win32 } from 'node:path';
import type { Diagnostic } from '../../../model/index.js';
import { readGitDirectories, type GitDirectoryFacts } from '../repo.js';
import { readCacheKeys, type CacheKey, type CacheKeyOptions } from './key.js';

/** The cache directory, or why there is none (said in a note; the run goes on uncached). */
export type CacheLocation = { dir: string } | { dir: null; reason: string };

/**
 * The cache directory for `env` on `platform`: `$XDG_CACHE_HOME/mldebt` when that is set to
 * an absolute path (the XDG rule: a relative one is ignored), else the platform's own place,
 * `~/Library/Caches/mldebt` on macOS, `%LOCALAPPDATA%\mldebt\Cache` on Windows,
 * `~/.cache/mldebt` elsewhere. No home directory in the environment means no cache.
 */
export function resolveCacheDir(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
): CacheLocation {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return { dir: join(xdg, 'mldebt') };
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA;
    if (local && win32.isAbsolute(local)) return { dir: win32.join(local, 'mldebt', 'Cache') };
    const profile = env.USERPROFILE;
    if (profile && win32.isAbsolute(profile))
      return { dir: win32.join(profile, 'AppData', 'Local', 'mldebt', 'Cache') };
    return { dir: null, reason: 'neither LOCALAPPDATA nor USERPROFILE is set' };
  }
  const home = env.HOME;
  if (!home || !isAbsolute(home))
    return { dir: null, reason: 'neither XDG_CACHE_HOME nor HOME is set to an absolute path' };
  if (platform === 'darwin') return { dir: join(home, 'Library', 'Caches', 'mldebt') };
  return { dir: join(home, '.cache', 'mldebt') };
}

/**
 * Whether `dir` is, or lies inside, one of `roots` (the working tree and the git
 * directories), comparing real paths so a symlink cannot smuggle the cache into the
 * repository. `dir` need not exist yet: its nearest existing ancestor is resolved.
 */
export function isInside(dir: string, roots: readonly string[]): boolean {
  const target = realPathOfPossiblyMissing(dir);
  return roots.some((root) => {
    const rel = relative(realPathOfPossiblyMissing(root), target);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  });
}

function realPathOfPossiblyMissing(path: string): string {
  const missing: string[] = [];
  for (let at = resolve(path); ; at = dirname(at)) {
    try {
      return join(realpathSync(at), ...missing.reverse());
    } catch {
      if (dirname(at) === at) return resolve(path);
      missing.push(basename(at));
    }
  }
}

/**
 * The cache directory for a run on the repository at `root` (its real path) when one may be
 * used: set in `env`, and outside the working tree and the git directories. Null otherwise,
 * silently: the callers are caches that simply go unused (the history cache says why
 * itself). A `.git` directory inside the tree needs no git call; a `.git` file (a linked
 * worktree, a submodule) points elsewhere, and git says where, or the run's `facts` do
 * (found with the repository: no git call either).
 */
export async function usableCacheDir(
  root: string,
  env: NodeJS.ProcessEnv | undefined,
  facts?: Pick<GitDirectoryFacts, 'gitDir' | 'commonDir'>,
): Promise<string | null> {
  const location = resolveCacheDir(env ?? process.env);
  if (location.dir === null) return null;
  const dotGit = join(root, '.git');
  const plain = existsSync(dotGit) && statSync(dotGit).isDirectory();
  const gitDirs = plain
    ? []
    : facts
      ? [facts.gitDir, facts.commonDir]
      : await readGitDirectories(root, env).catch(() => null);
  if (gitDirs === null || isInside(location.dir, [root, ...gitDirs])) return null;
  return location.dir;
}

export interface LocateHistoryCacheOptions extends CacheKeyOptions {
  /** The repository's working tree top level. */
  root: string;
  /** The run's environment: where the cache directory is (and how git runs). */
  env?: NodeJS.ProcessEnv;
  /** `false` (`--no-cache`): no cache, neither read nor written. */
  enabled?: boolean;
  /** The platform whose cache location applies (default: this one). */
  platform?: NodeJS.Platform;
  /** The key's inputs, when the caller started reading them already (see readCacheKeys). */
  keys?: Promise<(options: CacheKeyOptions) => CacheKey>;
}

/** Where a repository's cache files go, once it is known that they may be used. */
export interface CachePlace {
  dir: string;
  key: CacheKey;
}

/** The history cache file's suffix: `<key id>.cache` in the place's directory. */
export const CACHE_FILE_SUFFIX = '.cache';

/**
 * Where the repository's cache files for a pass with these options go, or says why there
 * are none: `--no-cache` (silently), no cache directory in the environment, a cache
 * directory inside the repository (refused: the repository is never written), or a
 * repository whose key git cannot read. Never throws for a cache problem.
 */
export async function locateHistoryCache(
  options: LocateHistoryCacheOptions,
): Promise<{ place: CachePlace | null; notes: Diagnostic[] }> {
  if (options.enabled === false) return { place: null, notes: [] };
  const env = options.env ?? process.env;
  const location = resolveCacheDir(env, options.platform);
  if (location.dir === null)
    return { place: null, notes: [unavailable(`no cache directory: ${location.reason}`)] };
  let key;
  try {
    key = (await (options.keys ?? readCacheKeys(options.root, env)))(options);
  } catch {
    return {
      place: null,
      notes: [unavailable('git could not say what identifies this repository')],
    };
  }
  if (isInside(location.dir, [options.root, ...key.gitDirs])) {
    return {
      place: null,
      notes: [
        unavailable(
          `the cache directory ${location.dir} is inside the repository, which mldebt never writes ` +
            '(set XDG_CACHE_HOME to a directory outside it)',
        ),
      ],
    };
  }
  return { place: { dir: location.dir, key }, notes: [] };
}

function unavailable(why: string): Diagnostic {
  return { code: 'cache-unavailable', message: `history cache not used: ${why}` };
}
