/**
 * The action's install step, which action.test.ts omits: on a copy of this checkout holding
 * only what GitHub downloads for `uses: <owner>/mldebt@<ref>` (the files git tracks, plus new
 * ones not yet committed; no node_modules, no dist), every step of action.yml runs, `npm ci`
 * included, and the freshly built mldebt audits a repository.
 *
 * This is the one slow test of the action (npm ci and the TypeScript build: about 25 s of CPU).
 * It reuses npm's cache (`--prefer-offline` in the step), and lives in its own file so it runs
 * beside the other test files rather than after them.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildRepo } from '../../scripts/lib/repo-builder.js';
import { tempDir, testEnv } from '../helpers/audit-repo.js';
import { copyCheckout } from './checkout.js';
import { COMMITS } from './fixture.js';
import { runAction, stepNamed } from './action-runner.js';

let root: { dir: string; remove: () => void };
beforeAll(() => {
  root = tempDir('action-install');
});
afterAll(() => root.remove());

// `npm ci` and the build: half a minute on an idle machine, minutes on a loaded one. The test
// proves the install works, not how fast it is.
it(
  'installs and builds mldebt from the action checkout, then audits with it',
  { timeout: 300_000 },
  () => {
    const action = join(root.dir, 'action');
    copyCheckout(action);
    expect(existsSync(join(action, 'dist'))).toBe(false);
    const repo = join(root.dir, 'repo');
    mkdirSync(repo);
    buildRepo(repo, COMMITS);
    const runnerTemp = join(root.dir, 'runner');
    mkdirSync(runnerTemp);

    const result = runAction({
      actionPath: action,
      workspace: repo,
      runnerTemp,
      // The runner's HOME, so npm finds its cache (~/.npm) as it would on a runner with a cache.
      env: testEnv(process.env.HOME ?? root.dir, { NO_COLOR: '1' }),
    });

    const install = stepNamed(result, 'Install mldebt');
    expect(install.stderr + install.stdout).not.toMatch(/npm error/);
    expect(install.status).toBe('success');
    expect(existsSync(join(action, 'dist', 'index.js'))).toBe(true);
    expect(stepNamed(result, 'Audit').status).toBe('success');
    expect(stepNamed(result, 'Gate').status).toBe('success');
    expect(result.outputs.passed).toBe('true');
    expect(result.summary).toContain('| 1 | DATA-001 |');
  },
);
