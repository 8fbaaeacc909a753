/**
 * The package as a user installs it: `import { audit } from 'mldebt'` resolves through
 * package.json's exports to the built API and returns the Report. One subprocess, since the
 * point is Node's own resolution of the package, not our sources.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { inventoryOf, itemYaml, makeRepo, tempDir, testEnv } from '../helpers/audit-repo.js';

const temp = tempDir('package');
afterAll(temp.remove);
const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the package entry', () => {
  it('imports the API by the package name and audits a repository', () => {
    const repo = makeRepo(
      temp.dir,
      'repo',
      [
        {
          date: '2026-01-01T00:00:00Z',
          author: { name: 'A', email: 'a@example.com' },
          message: 'fix: first',
          files: { 'a.py': '1\n' },
        },
      ],
      inventoryOf([itemYaml('DATA-001', ['a.py'])]),
    );
    // A project of the user's, with mldebt installed in its node_modules.
    const user = join(temp.dir, 'user');
    mkdirSync(join(user, 'node_modules'), { recursive: true });
    symlinkSync(root, join(user, 'node_modules', 'mldebt'), 'dir');
    writeFileSync(
      join(user, 'use.mjs'),
      `import { audit, renderReport, OUTPUT_FORMATS } from 'mldebt';
const { report } = await audit({ cwd: process.argv[2], env: process.env });
const csv = await renderReport(report, 'csv', { color: false });
console.log(JSON.stringify({ formats: OUTPUT_FORMATS, items: report.items.map((i) => [i.id, i.signals.git.fixCommits]), csv: csv.split('\\r\\n')[0] }));
`,
    );
    const res = spawnSync(process.execPath, ['use.mjs', repo], {
      cwd: user,
      encoding: 'utf8',
      env: testEnv(user),
    });
    expect(res.status, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual({
      formats: ['table', 'json', 'markdown', 'sarif', 'csv', 'github', 'html', 'codeclimate'],
      items: [['DATA-001', 1]],
      csv: expect.stringMatching(/^rank,id,title,/),
    });
  });
});
