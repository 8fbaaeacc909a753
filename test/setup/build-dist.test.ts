/**
 * When the global setup rebuilds dist/: on a project laid out in a temp directory, with file
 * times set explicitly, so each case is decided by the rule and not by the clock.
 */
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/audit-repo.js';
import { bundleStaleReason, staleReason } from './build-dist.js';

const temp = tempDir('build-dist');
afterAll(temp.remove);
const root = temp.dir;

const INPUTS = [
  'src/index.ts',
  'src/cli/main.ts',
  'tsconfig.json',
  'tsconfig.build.json',
  'package.json',
];
const OUTPUTS = ['dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'dist/cli/main.d.ts'];
const BUNDLE_INPUTS = ['scripts/bundle-cli.js'];
const BUNDLE = ['dist/bundle/main.js', 'dist/bundle/chunk-ABC.js'];

/** Writes `path` under the project with its modification time at `seconds`. */
function file(path: string, seconds: number): void {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, '');
  utimesSync(full, seconds, seconds);
}

beforeEach(() => {
  rmSync(join(root, 'src'), { recursive: true, force: true });
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  for (const path of INPUTS) file(path, 1_000);
  for (const path of OUTPUTS) file(path, 2_000);
  for (const path of BUNDLE_INPUTS) file(path, 1_000);
  for (const path of BUNDLE) file(path, 3_000);
});

describe('staleReason', () => {
  it('is null when every output is newer than every input', () => {
    expect(staleReason(root)).toBeNull();
  });

  it('names a source edited after the build', () => {
    file('src/cli/main.ts', 3_000);
    expect(staleReason(root)).toBe('src/cli/main.ts is newer than dist/cli/main.js');
  });

  it('names a changed build config', () => {
    file('tsconfig.build.json', 3_000);
    expect(staleReason(root)).toBe('tsconfig.build.json is newer than dist/cli/main.js');
  });

  it('names an output that is missing, and a new source without one', () => {
    rmSync(join(root, 'dist/cli/main.d.ts'));
    expect(staleReason(root)).toBe('dist/cli/main.d.ts is missing');
    file('dist/cli/main.d.ts', 2_000);
    file('src/report/html.ts', 1_000);
    expect(staleReason(root)).toBe('dist/report/html.js is missing');
  });

  it('ignores declaration files among the sources: they emit nothing', () => {
    file('src/types/vendor.d.ts', 1_000);
    expect(staleReason(root)).toBeNull();
  });
});

describe('bundleStaleReason', () => {
  it('is null when the bundle is newer than every built module and the bundler', () => {
    expect(bundleStaleReason(root)).toBeNull();
  });

  it('names a module tsc rebuilt after the bundle was made', () => {
    file('dist/cli/main.js', 4_000);
    expect(bundleStaleReason(root)).toBe('dist/cli/main.js is newer than dist/bundle/main.js');
  });

  it('names a changed bundler, and a missing bundle', () => {
    file('scripts/bundle-cli.js', 4_000);
    expect(bundleStaleReason(root)).toBe('scripts/bundle-cli.js is newer than dist/bundle/main.js');
    rmSync(join(root, 'dist/bundle/main.js'));
    expect(bundleStaleReason(root)).toBe('dist/bundle/main.js is missing');
  });

  it("does not compare the bundle's chunks with its entry", () => {
    file('dist/bundle/chunk-ABC.js', 5_000);
    expect(bundleStaleReason(root)).toBeNull();
  });
});
