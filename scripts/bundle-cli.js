// The CLI's bundle: what `bin/mldebt.js` runs. tsc builds dist/ (one module per source, the
// library's entry and its types); esbuild then joins the CLI's modules into a few chunks in
// dist/bundle/. Node loads each ES module on its own (resolve, read, compile, link), and a
// warm audit loads about 140 of ours: about 60 ms of its 0.5–0.7 s, which the chunks save.
// The lazy imports stay lazy (each becomes a chunk of its own); the libraries stay in
// node_modules (their code is not copied: the installed versions are what code digests name).
//
//   node scripts/bundle-cli.js            after tsc, from `npm run build`
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Bundles `<root>/dist/cli/main.js` into `<root>/dist/bundle/`, replacing what was there. */
export async function bundleCli(root) {
  const outdir = join(root, 'dist', 'bundle');
  // Chunk names carry content hashes: old ones would pile up.
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: [join(root, 'dist', 'cli', 'main.js')],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    // The digests of the modules the bundle is made from (see util/code-digest.ts).
    define: { MLDEBT_DIRECTORY_DIGESTS: JSON.stringify(await directoryDigests(root)) },
  });
}

/**
 * Every directory of dist/'s modules (the bundle's own aside) and its digest, by code-digest's
 * own function, as built: one implementation for the bundle and the modules.
 */
async function directoryDigests(root) {
  const dist = join(root, 'dist');
  const { directoryDigest } = await import(
    pathToFileURL(join(dist, 'util', 'code-digest.js')).href
  );
  const dirs = readdirSync(dist, { recursive: true, withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => relative(dist, join(e.parentPath, e.name)))
    .filter((dir) => dir !== 'bundle' && !dir.startsWith('bundle/'))
    .sort();
  return Object.fromEntries(['', ...dirs].map((dir) => [dir, directoryDigest(dir)]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundleCli(fileURLToPath(new URL('..', import.meta.url)));
}
