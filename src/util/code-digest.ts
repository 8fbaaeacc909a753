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
import { OWN_EXTENSION, sourceRoot } from './own-files.js';

const digests = new Map<string, string>();
/** Each directory's modules, hashed once however many digests name it. */
const directories = new Map<string, string>();

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
function directoryDigest(dir: string): string {
  const known = directories.get(dir);
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
 * The installed version of `library`: the `version` of the nearest package.json above its
 * entry point that names it (its own exports need not expose package.json). "unknown" when
 * none does, which still changes the digest when the library moves.
 */
function libraryVersion(library: string): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve(library));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (pkg.name === library && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // No package.json here, or not one we can read: look further up.
    }
    const parent = dirname(dir);
    if (parent === dir) return `unknown ${dirname(require.resolve(library))}`;
    dir = parent;
  }
}
