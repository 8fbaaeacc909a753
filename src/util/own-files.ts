/**
 * Where mldebt's own files are, whichever way it runs: from its sources under test
 * (`src/**.ts`), as tsc built them (`dist/**.js`, the library's entry), or from the CLI's
 * bundle (`dist/bundle/*.js`, every module of ours in a few chunks). A module cannot find its
 * neighbours relative to itself in a bundle, so they are found from the package root: the
 * nearest directory above this module whose package.json names mldebt.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'mldebt';

/** `.ts` when running from the sources (under test), `.js` when built. */
export const OWN_EXTENSION = extname(fileURLToPath(import.meta.url));

let root: { dir: string; manifest: { version: string } } | undefined;

function findRoot() {
  if (root !== undefined) return root;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
        name?: unknown;
        version: string;
      };
      if (manifest.name === PACKAGE_NAME)
        return (root = { dir, manifest: { version: manifest.version } });
    }
    if (dirname(dir) === dir) {
      // Only a broken installation gets here (its package.json removed): not the user's input.
      throw new Error(`mldebt: no package.json of ${PACKAGE_NAME} above ${start}`);
    }
  }
}

/** The package's root directory (where its package.json is). */
export function packageRoot(): string {
  return findRoot().dir;
}

/** The package's own version, from its package.json. */
export function packageVersion(): string {
  return findRoot().manifest.version;
}

/**
 * The root of mldebt's modules in their own layout, one file per module: `src/` under test,
 * `dist/` as built (the bundle is made from `dist/`, so its modules are what the bundle holds).
 */
export function sourceRoot(): string {
  return join(packageRoot(), OWN_EXTENSION === '.ts' ? 'src' : 'dist');
}
