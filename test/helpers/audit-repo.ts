/**
 * In-process audits of throwaway repositories: build one from commit specs (fixed dates and
 * identities), write an inventory next to it, and call the programmatic `audit()` with an
 * environment that keeps the machine's own git config out.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRepo, type CommitSpec } from '../../scripts/lib/repo-builder.js';
import { audit, type RunOptions } from '../../src/index.js';
import { UserError } from '../../src/errors.js';
import type { Report } from '../../src/model/index.js';

/** A temp directory removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `mldebt-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

let cacheRoot: string | undefined;
let cacheHomes = 0;

/**
 * A history cache directory no other run has used, outside every repository: each test run
 * starts cold unless it reuses an environment on purpose (a test of warm runs), so what a
 * test counts (git passes, notes) does not depend on the tests before it. Removed when the
 * worker exits.
 */
export function freshCacheHome(): string {
  if (cacheRoot === undefined) {
    const root = mkdtempSync(join(tmpdir(), 'mldebt-test-cache-'));
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    cacheRoot = root;
  }
  return join(cacheRoot, String(++cacheHomes));
}

/** The environment git gets in tests: this PATH, no user or system config, a cold cache. */
export function testEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    XDG_CACHE_HOME: freshCacheHome(),
    ...extra,
  };
}

/** Builds `dir/name` from `commits` and writes `debt.yaml` (uncommitted) beside its files. */
export function makeRepo(
  dir: string,
  name: string,
  commits: CommitSpec[],
  inventory?: string,
): string {
  const repo = join(dir, name);
  mkdirSync(repo, { recursive: true });
  buildRepo(repo, commits);
  if (inventory !== undefined) writeFileSync(join(repo, 'debt.yaml'), inventory);
  return repo;
}

/** Runs the audit pipeline in `cwd` with an isolated git environment. */
export async function auditIn(cwd: string, options: Omit<RunOptions, 'cwd'> = {}): Promise<Report> {
  const { report } = await audit({ env: testEnv(cwd), ...options, cwd });
  return report;
}

/** The one-line message (as the CLI prints it) of the UserError an audit throws. */
export async function auditError(
  cwd: string,
  options: Omit<RunOptions, 'cwd'> = {},
): Promise<string> {
  try {
    await audit({ env: testEnv(cwd), ...options, cwd });
  } catch (error) {
    if (error instanceof UserError) return error.format();
    throw error;
  }
  throw new Error('expected the audit to fail with a UserError');
}

/** An inventory with the given items (YAML snippets, indented as list entries). */
export function inventoryOf(items: string[], settings = ''): string {
  return `version: 1\nproject: honest\n${settings}items:\n${items.join('')}`;
}

/** One inventory item with the fields every item needs. */
export function itemYaml(id: string, paths: string[], extra = ''): string {
  return (
    `  - id: ${id}\n    title: ${id} title\n    category: data\n    risk: 2\n    cost_of_delay: 2\n` +
    `    paths: ${JSON.stringify(paths)}\n${extra}`
  );
}
