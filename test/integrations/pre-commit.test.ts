/**
 * The pre-commit hooks (.pre-commit-hooks.yaml), installed and run by Debian's `pre-commit`
 * exactly as a user's are: a temp repository (fixed dates) whose `.pre-commit-config.yaml`
 * points at a snapshot of this checkout (its files, uncommitted changes included, committed
 * once) and `pre-commit run`. pre-commit clones the snapshot and installs the hook
 * environment from the npm registry (`language: node`: npm install, npm pack, npm install -g).
 *
 * That install is the slow part (about 30 s on an idle machine). `pre-commit try-repo` would
 * do it again on every call (it always uses a store of its own in a temp directory), so the
 * tests share one PRE_COMMIT_HOME and one revision instead, and it happens once per run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRepo, git } from '../../scripts/lib/repo-builder.js';
import { tempDir, testEnv } from '../helpers/audit-repo.js';
import { snapshotCheckout } from './checkout.js';
import { COMMITS, INVENTORY } from './fixture.js';

/** The command that installs what these tests need (`npm test` runs it when missing). */
export const PRE_COMMIT_INSTALL = 'apt-get install pre-commit';

/** Why pre-commit cannot be used with this PATH, naming the install command; null when it can. */
export function preCommitMissing(env: NodeJS.ProcessEnv): string | null {
  const version = spawnSync('pre-commit', ['--version'], { env, encoding: 'utf8' });
  if (!version.error && version.status === 0) return null;
  return (
    `pre-commit is not installed, so the hooks cannot be tested: ${PRE_COMMIT_INSTALL} ` +
    '(npm test installs it: scripts/ensure-test-packages.sh)'
  );
}

/**
 * The certificates this machine trusts for the npm registry, for the hook's install. pre-commit
 * runs npm with a prefix of its own and no user config, so neither npm's global config (where a
 * machine behind a TLS-inspecting proxy names its CA file) nor `~/.npmrc` is read there: npm
 * then fails every fetch with SELF_SIGNED_CERT_IN_CHAIN and retries until the install times
 * out. The variables pass them on as a user's shell would.
 */
function registryTrust(): NodeJS.ProcessEnv {
  const trust: NodeJS.ProcessEnv = {};
  for (const name of [
    'NODE_EXTRA_CA_CERTS',
    'SSL_CERT_FILE',
    'HTTPS_PROXY',
    'HTTP_PROXY',
    'NO_PROXY',
  ]) {
    if (process.env[name]) trust[name] = process.env[name];
  }
  const cafile = spawnSync('npm', ['config', 'get', 'cafile'], { encoding: 'utf8' }).stdout?.trim();
  if (cafile && cafile !== 'null' && cafile !== 'undefined') trust.npm_config_cafile = cafile;
  return trust;
}

let root: { dir: string; remove: () => void };
let config: string;
let env: NodeJS.ProcessEnv;
let repos = 0;

/** A repository with the fixture's history, its inventory replaced by `inventory`. */
function makeRepo(inventory: string): string {
  repos += 1;
  const repo = join(root.dir, `repo-${repos}`);
  mkdirSync(repo);
  buildRepo(repo, [
    ...COMMITS,
    {
      date: '2026-05-02T09:00:00Z',
      author: { name: 'Ana', email: 'ana@example.com' },
      message: 'Use the mldebt hooks',
      files: { 'debt.yaml': inventory, '.pre-commit-config.yaml': config },
    },
  ]);
  return repo;
}

function preCommit(repo: string, ...args: string[]) {
  const result = spawnSync('pre-commit', [...args, '--color', 'never'], {
    cwd: repo,
    env,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

beforeAll(() => {
  const missing = preCommitMissing(process.env);
  if (missing !== null) throw new Error(missing);
  root = tempDir('pre-commit');
  const hooks = join(root.dir, 'hooks');
  const revision = snapshotCheckout(hooks);
  config = [
    'repos:',
    `  - repo: ${hooks}`,
    `    rev: ${revision}`,
    '    hooks:',
    '      - id: mldebt-validate',
    '      - id: mldebt-audit',
    '',
  ].join('\n');
  // The real HOME keeps npm's cache (and its registry settings) as a user's machine has them.
  env = testEnv(process.env.HOME ?? root.dir, {
    ...registryTrust(),
    PRE_COMMIT_HOME: join(root.dir, 'pre-commit-home'),
    npm_config_prefer_offline: 'true',
    NO_COLOR: '1',
  });
  const install = preCommit(makeRepo(INVENTORY), 'install-hooks');
  if (install.status !== 0) throw new Error(`pre-commit install-hooks failed:\n${install.output}`);
}, 300_000);
afterAll(() => root?.remove());

describe('the pre-commit hooks', () => {
  it('names the install command when pre-commit is missing', () => {
    expect(preCommitMissing({ PATH: join(root.dir, 'no-such-dir') })).toContain(PRE_COMMIT_INSTALL);
  });

  it('mldebt-validate passes a valid inventory', () => {
    const result = preCommit(makeRepo(INVENTORY), 'run', 'mldebt-validate', '--all-files');
    expect(result.output).toMatch(/^mldebt validate\.+Passed$/m);
    expect(result.status).toBe(0);
  });

  it('mldebt-validate fails a broken inventory with its file:line:column', () => {
    const repo = makeRepo(INVENTORY.replace('risk: 3', 'risk: 9'));
    const result = preCommit(repo, 'run', 'mldebt-validate', '--all-files');
    expect(result.output).toMatch(/^mldebt validate\.+Failed$/m);
    expect(result.output).toMatch(/^debt\.yaml:8:11: error: items\[0\]\.risk: /m);
    expect(result.status).toBe(1);
  });

  it('mldebt-validate runs only when an inventory file is among the changed files', () => {
    const repo = makeRepo(INVENTORY.replace('risk: 3', 'risk: 9'));
    const other = preCommit(repo, 'run', 'mldebt-validate', '--files', 'src/features/build.py');
    expect(other.output).toMatch(/^mldebt validate\.+\(no files to check\)Skipped$/m);
    expect(other.status).toBe(0);
    mkdirSync(join(repo, 'ml'));
    writeFileSync(join(repo, 'ml', '.mldebt.yaml'), INVENTORY);
    git(repo, ['add', 'ml/.mldebt.yaml']);
    const nested = preCommit(repo, 'run', 'mldebt-validate', '--files', 'ml/.mldebt.yaml');
    expect(nested.output).toMatch(/^mldebt validate\.+Failed$/m);
  });

  it('mldebt-audit is the gate: it passes, and fails once when an item is over the threshold', () => {
    const passing = preCommit(makeRepo(INVENTORY), 'run', 'mldebt-audit', '--all-files');
    expect(passing.output).toMatch(/^mldebt audit\.+Passed$/m);
    expect(passing.status).toBe(0);

    const gated = INVENTORY.replace('items:', 'settings:\n  thresholds: { fail_above: 5 }\nitems:');
    const failing = preCommit(makeRepo(gated), 'run', 'mldebt-audit', '--all-files');
    expect(failing.output).toMatch(/^mldebt audit\.+Failed$/m);
    expect(failing.output).toContain('- exit code: 1');
    // Run once for the repository, not once per file: the gate's reason appears once.
    expect(failing.output.match(/DATA-001 score [\d.]+ > 5/g)).toHaveLength(1);
  });
});
