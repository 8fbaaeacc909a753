/**
 * Which tracked files declare a Python environment, which are lock files, and which
 * environment files each kind of lock fixes. Names are matched on the file's base name in
 * any directory.
 */
import { posix } from 'node:path';

/** The formats whose dependencies the unpinned-dependency rule reads. */
export type EnvironmentFormat = 'requirements' | 'pyproject' | 'setup-cfg' | 'conda' | 'pipfile';

/**
 * The kinds of lock file. `pip-tools` is no file name: it is a requirements file whose every
 * requirement is `==` pinned with `--hash=` (what `pip-compile --generate-hashes` writes).
 */
export type LockKind = 'poetry' | 'uv' | 'pdm' | 'pipenv' | 'conda-lock' | 'pip-tools';

/**
 * The environment files a lock fixes: a lock is written from them by its own tool, and says
 * nothing of the others (a Pipfile.lock does not fix an environment.yml).
 * - poetry.lock, uv.lock, pdm.lock: from pyproject.toml;
 * - Pipfile.lock: from the Pipfile;
 * - conda-lock files: from environment.yml (https://conda.github.io/conda-lock/output);
 * - pip-tools output: pip-compile reads requirements files, setup.cfg and pyproject.toml.
 */
export const LOCK_FIXES: Readonly<Record<LockKind, readonly EnvironmentFormat[]>> = {
  poetry: ['pyproject'],
  uv: ['pyproject'],
  pdm: ['pyproject'],
  pipenv: ['pipfile'],
  'conda-lock': ['conda'],
  'pip-tools': ['requirements', 'setup-cfg', 'pyproject'],
};

/**
 * The environment format of a repository-relative path, or null: `requirements*.txt`, any
 * `.txt` directly in a `requirements/` directory, `pyproject.toml`, `setup.cfg`,
 * `environment.yml`/`environment.yaml` and `Pipfile`.
 */
export function environmentFormatOf(path: string): EnvironmentFormat | null {
  const base = posix.basename(path);
  const parent = posix.basename(posix.dirname(path));
  if (/^requirements.*\.txt$/i.test(base)) return 'requirements';
  if (parent === 'requirements' && /\.txt$/i.test(base)) return 'requirements';
  if (base === 'pyproject.toml') return 'pyproject';
  if (base === 'setup.cfg') return 'setup-cfg';
  if (base === 'environment.yml' || base === 'environment.yaml') return 'conda';
  if (base === 'Pipfile') return 'pipfile';
  return null;
}

/**
 * The lock kind of a path by its name, or null. conda-lock writes `conda-lock.yml` (or
 * `<name>.conda-lock.yml`) and, rendered per platform, `conda-<platform>.lock` and
 * `conda-<platform>.lock.yml`. A pip-tools output is recognised by content, not by name.
 */
export function lockKindOf(path: string): Exclude<LockKind, 'pip-tools'> | null {
  const base = posix.basename(path);
  switch (base) {
    case 'poetry.lock':
      return 'poetry';
    case 'uv.lock':
      return 'uv';
    case 'pdm.lock':
      return 'pdm';
    case 'Pipfile.lock':
      return 'pipenv';
  }
  if (/^(?:.+\.)?conda-lock\.ya?ml$/.test(base) || /^conda-.+\.lock(?:\.ya?ml)?$/.test(base)) {
    return 'conda-lock';
  }
  return null;
}

/**
 * Whether a lock of `kind` in `lockDir` covers a file in `fileDir`. A tool's lock covers its
 * own directory and every directory below (a uv or pdm workspace's lock at the top covers its
 * members), never above. A pip-tools output covers its own directory only: pip-compile has no
 * workspaces, it locks the inputs beside it, and a compiled `requirements.txt` at the top
 * says nothing of `docs/requirements.txt`.
 */
export function lockCovers(kind: LockKind, lockDir: string, fileDir: string): boolean {
  if (fileDir === lockDir) return true;
  if (kind === 'pip-tools') return false;
  return lockDir === '.' || fileDir.startsWith(`${lockDir}/`);
}
