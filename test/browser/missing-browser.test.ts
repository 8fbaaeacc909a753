/**
 * What a browser suite does when Chromium is missing, seen the way a developer sees it: a
 * vitest of its own runs fixtures/missing-browser.probe.ts, whose suite cannot find Chromium.
 * It must fail the run with the install command: a browser test never passes or skips unseen.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { INSTALL_COMMAND } from '../helpers/browser.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

it('fails a browser suite without Chromium, with the install command; never skips it', () => {
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
  expect(res.stderr).toContain(
    `FAIL  test/browser/fixtures/missing-browser.probe.ts > browser suite > finds Chromium\nError: ${missing}: install it with \`${INSTALL_COMMAND}\``,
  );
  expect(res.stdout).not.toMatch(/skipped/);
});
