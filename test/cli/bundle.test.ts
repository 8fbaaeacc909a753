/**
 * The binary runs the CLI's bundle (dist/bundle/, made by esbuild from tsc's dist/): the
 * same reports as the modules it was made from, kept results shared with them, and the lazy
 * imports still lazy. Also where mldebt finds its own files in every layout (own-files.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  OWN_EXTENSION,
  packageRoot,
  packageVersion,
  sourceRoot,
} from '../../src/util/own-files.js';
import { makeRepo, tempDir } from '../helpers/audit-repo.js';
import { BIN, runCli, UNBUNDLED } from '../helpers/exec.js';
import { moduleLogger } from '../helpers/loaded-modules.js';
import { commits, inventory } from '../helpers/scenario.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const temp = tempDir('bundle');
afterAll(temp.remove);
const repo = makeRepo(temp.dir, 'repo', commits);
const config = join(temp.dir, 'debt.yaml');
writeFileSync(config, inventory);
const args = ['audit', '--config', config, '--format', 'json', '--exit-zero'];

describe('the CLI bundle', () => {
  it('reports what the modules it was made from report, and reads back what they kept', () => {
    const env = { XDG_CACHE_HOME: join(temp.dir, 'shared-cache') };
    const modules = runCli(args, { cwd: repo, entry: UNBUNDLED, env });
    expect(modules.stderr).not.toMatch(/error/i);
    expect(modules.status).toBe(0);
    const debug = [...args, '--debug'];
    const bundled = runCli(debug, { cwd: repo, env });
    expect(bundled.status).toBe(0);
    expect(bundled.stdout).toBe(modules.stdout);
    // Both digest the same modules of dist/: the bundle's run is a warm one.
    expect(bundled.stderr).toMatch(/history: the result kept by an earlier run/);
    expect(JSON.parse(bundled.stdout).items.length).toBeGreaterThan(0);
    expect(runCli(['--version'], { cwd: repo }).stdout).toBe(`${packageVersion()}\n`);
  });

  it('loads its chunks lazily: a warm run none of the inventory check or the history pass', () => {
    const run = moduleLogger(temp.dir, BIN);
    const env = { XDG_CACHE_HOME: join(temp.dir, 'lazy-cache') };
    const bundleFiles = () => {
      const { result, modules } = run(args, { cwd: repo, env });
      expect(result.status).toBe(0);
      expect(modules).not.toMatch(/\/dist\/cli\//);
      return modules.split('\n').filter((url) => url.includes('/dist/bundle/'));
    };
    const cold = bundleFiles();
    const warm = bundleFiles();
    expect(cold.some((url) => url.endsWith('/dist/bundle/main.js'))).toBe(true);
    // Chunks of lazily imported modules are named for them.
    expect(cold.some((url) => /\/check-\w+\.js$/.test(url))).toBe(true);
    expect(cold.some((url) => /\/file-history-\w+\.js$/.test(url))).toBe(true);
    expect(warm.some((url) => /\/(check|file-history)-\w+\.js$/.test(url))).toBe(false);
    expect(warm.length).toBeLessThan(cold.length);
  });
});

describe('own files', () => {
  it('finds the package root by its package.json, and the sources under test', () => {
    expect(packageRoot()).toBe(ROOT.replace(/\/$/, ''));
    expect(OWN_EXTENSION).toBe('.ts');
    expect(sourceRoot()).toBe(join(ROOT, 'src'));
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(packageVersion()).toBe(manifest.version);
  });
});
