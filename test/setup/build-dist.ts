/**
 * Vitest global setup: brings dist/ up to date with src/ before any test file runs. The
 * subprocess tests run bin/mldebt.js, which loads the CLI's bundle (dist/bundle/, made from
 * dist/ by scripts/bundle-cli.js), and the schema test imports from dist/; a dist/ older than
 * the sources would test yesterday's code and pass or fail for the wrong reason. So
 * `npx vitest run` alone is correct after any source change.
 *
 * Cheap when nothing changed: tsc (about 6 s on 2 cores) runs only when an output is missing
 * or a source, a tsconfig or package.json is newer than an output. A full build rewrites every
 * output, so after it each one is newer than every input. (tsc --incremental would still
 * take 2 s to say "nothing to do", and it does not notice outputs deleted under it.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Inputs besides src/ that change what tsc emits. */
const CONFIG_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];

/** Every TypeScript source under `dir` (declaration files emit nothing). */
function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => join(e.parentPath, e.name))
    .sort(); // the directory's order varies by file system; the reason given should not
}

/**
 * Why `root`'s dist/ must be rebuilt, or null when every output exists and is newer than
 * every input. Checks the `.js` and `.d.ts` of each source: what the binary loads and what a
 * package user's compiler reads.
 */
export function staleReason(root = ROOT): string | null {
  const src = join(root, 'src');
  const dist = join(root, 'dist');
  const inputs = [...sources(src), ...CONFIG_FILES.map((f) => join(root, f))];
  let newest = { path: '', mtime: -Infinity };
  for (const path of inputs) {
    const mtime = statSync(path).mtimeMs;
    if (mtime > newest.mtime) newest = { path, mtime };
  }
  for (const source of sources(src)) {
    const stem = join(dist, relative(src, source)).slice(0, -'.ts'.length);
    for (const output of [`${stem}.js`, `${stem}.d.ts`]) {
      if (!existsSync(output)) return `${relative(root, output)} is missing`;
      if (statSync(output).mtimeMs < newest.mtime) {
        return `${relative(root, newest.path)} is newer than ${relative(root, output)}`;
      }
    }
  }
  return null;
}

/** Inputs besides dist/'s modules that change what the bundler emits. */
const BUNDLE_INPUTS = ['scripts/bundle-cli.js', 'package.json'];

/**
 * Why `root`'s CLI bundle must be made again, or null when its entry is newer than every
 * module of dist/ and the bundler's own inputs.
 */
export function bundleStaleReason(root = ROOT): string | null {
  const bundle = join(root, 'dist', 'bundle');
  const entry = join(bundle, 'main.js');
  if (!existsSync(entry)) return `${relative(root, entry)} is missing`;
  const built = statSync(entry).mtimeMs;
  const modules = readdirSync(join(root, 'dist'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => join(e.parentPath, e.name))
    .filter((path) => !path.startsWith(`${bundle}/`))
    .sort();
  for (const path of [...modules, ...BUNDLE_INPUTS.map((f) => join(root, f))]) {
    if (statSync(path).mtimeMs > built) {
      return `${relative(root, path)} is newer than ${relative(root, entry)}`;
    }
  }
  return null;
}

/** Builds dist/ with the project's own build config, and the CLI's bundle, when stale. */
export default function buildDist(): void {
  const reason = staleReason();
  if (reason !== null) compile(reason);
  const bundleReason = bundleStaleReason();
  if (bundleReason !== null) bundle(bundleReason);
}

function bundle(reason: string): void {
  const res = spawnSync(process.execPath, [join(ROOT, 'scripts', 'bundle-cli.js')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (res.status !== 0) {
    const output = `${res.stdout}${res.stderr}`.trim();
    throw new Error(
      `build-dist: cannot bundle the CLI (${reason}): ${output || res.error?.message}`,
    );
  }
}

function compile(reason: string): void {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const res = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const output = `${res.stdout}${res.stderr}`.trim();
  // 2 is "type errors, but every file was emitted": dist/ matches the sources, so the tests
  // can run; the errors are shown here and fail `npm run typecheck`.
  if (res.status === 2) {
    process.stderr.write(`build-dist: dist/ rebuilt (${reason}) with type errors:\n${output}\n`);
    return;
  }
  if (res.status !== 0) {
    throw new Error(`build-dist: cannot build dist/ (${reason}): ${output || res.error?.message}`);
  }
}
