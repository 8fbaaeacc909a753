/**
 * Where the history cache lives: the user's cache directory, taken from the environment the
 * run was given (never this process's own, so a test or an embedding program decides), and
 * never inside the repository under audit, whatever that environment says: mldebt only
 * reads the repository.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, win32 } from 'node:path';
import { readGitDirectories } from '../repo.js';

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
 * worktree, a submodule) points elsewhere, and git says where.
 */
export async function usableCacheDir(
  root: string,
  env: NodeJS.ProcessEnv | undefined,
): Promise<string | null> {
  const location = resolveCacheDir(env ?? process.env);
  if (location.dir === null) return null;
  const dotGit = join(root, '.git');
  const plain = existsSync(dotGit) && statSync(dotGit).isDirectory();
  const gitDirs = plain ? [] : await readGitDirectories(root, env).catch(() => null);
  if (gitDirs === null || isInside(location.dir, [root, ...gitDirs])) return null;
  return location.dir;
}
