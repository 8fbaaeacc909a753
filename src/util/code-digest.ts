/**
 * Digests of mldebt's own code, for results kept from one run to the next: a kept result
 * carries the digest of the code that made it, so a new version, a local edit or another
 * version of a library never reads back what the old code made.
 *
 * The modules of the directories named are read by content (as built, or as sources under
 * test: see own-files.ts; the CLI's bundle is made from the built ones), and each library
 * named contributes its installed version. Computed once per process and set of inputs.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OWN_EXTENSION, sourceRoot } from './own-files.js';

const digests = new Map<string, string>();
/** Each directory's modules, hashed once however many digests name it. */
const directories = new Map<string, string>();

/**
 * In the CLI's bundle: every directory's digest, computed by {@link directoryDigest} itself
 * over the modules the bundle was made from, when it was made (scripts/bundle-cli.js puts
 * them in). The bundle runs those modules' code whatever dist/ holds since, and a run need
 * not read and hash them all again. Not defined anywhere else.
 */
declare const MLDEBT_DIRECTORY_DIGESTS: Readonly<Record<string, string>> | undefined;
const BUILT_DIGESTS =
  typeof MLDEBT_DIRECTORY_DIGESTS === 'undefined' ? undefined : MLDEBT_DIRECTORY_DIGESTS;

/**
 * Digest of the modules in `dirs` (paths relative to the source root, `src/` or `dist/`)
 * and the versions of `libraries`.
 */
export function codeDigest(dirs: readonly string[], libraries: readonly string[] = []): string {
  const id = `${dirs.join('\0')}\0\0${libraries.join('\0')}`;
  const known = digests.get(id);
  if (known !== undefined) return known;
  const hash = createHash('sha256');
  for (const dir of dirs) hash.update(`${dir}\0${directoryDigest(dir)}\0`);
  for (const library of libraries) hash.update(`${library}@${libraryVersion(library)}\0`);
  const digest = hash.digest('hex');
  digests.set(id, digest);
  return digest;
}

/** Digest of the modules of `dir` (relative to the source root), by name and content. */
export function directoryDigest(dir: string): string {
  const known = directories.get(dir) ?? BUILT_DIGESTS?.[dir];
  if (known !== undefined) return known;
  const at = join(sourceRoot(), dir);
  const hash = createHash('sha256');
  for (const name of readdirSync(at).sort()) {
    if (!name.endsWith(OWN_EXTENSION)) continue;
    hash
      .update(`${name}\0`)
      .update(readFileSync(join(at, name)))
      .update('\0');
  }
  const digest = hash.digest('hex');
  directories.set(dir, digest);
  return digest;
}

/**
 * The installed version of `library`: the `version` of its package.json. The package is
 * found as Node finds a bare import from here, in the nearest `node_modules` above this
 * module that holds it (reading its package.json there is cheaper than resolving its entry);
 * failing that, above the entry point Node resolves (its own exports need not expose
 * package.json). "unknown" when neither names it, which still changes the digest when the
 * library moves.
 */
function libraryVersion(library: string): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const version = versionAt(join(dir, 'node_modules', library), library);
    if (version !== null) return version;
    if (dirname(dir) === dir) break;
  }
  const require = createRequire(import.meta.url);
  const entry = dirname(require.resolve(library));
  for (let dir = entry; ; dir = dirname(dir)) {
    const version = versionAt(dir, library);
    if (version !== null) return version;
    if (dirname(dir) === dir) return `unknown ${entry}`;
  }
}

/** The version in `dir`'s package.json when it names `library`; else null. */
function versionAt(dir: string, library: string): string | null {
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      name?: unknown;
      version?: unknown;
    };
    if (pkg.name === library && typeof pkg.version === 'string') return pkg.version;
  } catch {
    // No package.json here, or not one we can read.
  }
  return null;
}
