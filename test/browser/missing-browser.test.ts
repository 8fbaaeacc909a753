/**
 * What a browser suite does when Chromium is missing, seen the way a developer sees it: a
 * vitest of its own runs fixtures/missing-browser.probe.ts, where one suite may skip and one
 * is required. The skip must be loud (banner, reason in the test name) and the requirement
 * must fail the run; neither may pass silently.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { INSTALL_COMMAND } from '../helpers/browser.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

it('skips an optional browser suite loudly and fails a required one', () => {
  const res = spawnSync(
    process.execPath,
    [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--config',
      'test/browser/fixtures/vitest.config.ts',
      '--reporter=verbose',
    ],
    // A clean environment: the probe's suites say where to look, and no CI setting leaks in.
    { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } },
  );
  const missing = 'Chromium not found (looked at MLDEBT_CHROMIUM=/nonexistent/chromium)';
  expect(res.status).toBe(1);
  expect(res.stdout).toContain(
    `↓ test/browser/fixtures/missing-browser.probe.ts > optional browser [SKIPPED: ${missing}] > uses the browser`,
  );
  expect(res.stderr).toContain(
    `!! BROWSER TESTS SKIPPED: "optional browser"\n!! ${missing}.\n!! Install it: ${INSTALL_COMMAND}\n`,
  );
  expect(res.stderr).toContain(
    `FAIL  test/browser/fixtures/missing-browser.probe.ts > required browser\nError: ${missing} and MLDEBT_REQUIRE_BROWSER is set`,
  );
  expect(res.stdout).toContain('Tests  2 skipped (2)');
});
