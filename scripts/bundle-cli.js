// The CLI's bundle: what `bin/mldebt.js` runs. tsc builds dist/ (one module per source, the
// library's entry and its types); esbuild then joins the CLI's modules into a few chunks in
// dist/bundle/. Node loads each ES module on its own (resolve, read, compile, link), and a
// warm audit loads about 140 of ours: about 60 ms of its 0.5–0.7 s, which the chunks save.
// The lazy imports stay lazy (each becomes a chunk of its own); the libraries stay in
// node_modules (their code is not copied: the installed versions are what code digests name).
//
//   node scripts/bundle-cli.js            after tsc, from `npm run build`
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundleCli(fileURLToPath(new URL('..', import.meta.url)));
}
