/**
 * Environment files' parses kept between runs: a warm audit reads them instead of parsing
 * the files again (and loads no TOML library for them), reports byte for byte what a cold
 * run and an uncached one report, parses an edited file again, and keeps no file's text.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshCacheHome, inventoryOf, itemYaml, makeRepo, tempDir } from '../helpers/audit-repo.js';
import {
  auditJson,
  coldAndWarmModules,
  keptFilesOf,
  keptRoundTrip,
} from '../helpers/kept-facts.js';

const temp = tempDir('environment-cache');
afterAll(temp.remove);

const ana = { name: 'Ana', email: 'ana@example.com' };
const COMMENT = 'keep-me-out-of-the-cache';
const files: Record<string, string> = {
  'svc/pyproject.toml': `# ${COMMENT}\n[project]\nname = "svc"\nversion = "0"\ndependencies = ["numpy", "torch==2.1.0"]\n`,
  'svc/Pipfile': '[packages]\nrequests = "*"\nflask = "==3.0.0"\n',
  'api/requirements.txt': `-r base.txt\n# ${COMMENT}\npandas>=2\n`,
  'api/base.txt': 'scipy\n',
  'bad/pyproject.toml': '[project\ndependencies = ["x"]\n',
  'lib/setup.cfg': '[options]\ninstall_requires =\n    pyyaml\n',
};

function buildRepo(name: string): string {
  return makeRepo(
    temp.dir,
    name,
    [{ date: '2026-03-01T12:00:00Z', author: ana, message: 'Initial import', files }],
    inventoryOf([itemYaml('ENV-001', ['svc/**', 'api/**', 'bad/**', 'lib/**'])]),
  );
}

describe("environment files' parses kept between runs", () => {
  it('give a warm run the cold run’s report, byte for byte, and hold no text', async () => {
    const { report: cold, kept } = await keptRoundTrip(buildRepo('same'), 'environments');
    // Every kind of file gave its finding, and the malformed one is said to be unread.
    for (const file of [
      'svc/pyproject.toml',
      'svc/Pipfile',
      'api/requirements.txt',
      'lib/setup.cfg',
    ])
      expect(cold).toContain(`"file": "${file}"`);
    // base.txt is read through `-r` (never kept: a `-r` may name a file of any name).
    expect(cold).toContain('1 unpinned: scipy');
    expect(cold).toContain('bad/pyproject.toml');
    expect(kept).not.toContain(COMMENT);
    expect(kept).toContain('"numpy"');
    expect(kept).toContain('"bad/pyproject.toml"');
  });

  it('parse an edited file again, and keep nothing with --no-cache', async () => {
    const repo = buildRepo('edited');
    const home = freshCacheHome();
    const before = await auditJson(repo, home);
    expect(before).toContain('"file": "svc/Pipfile"');
    writeFileSync(join(repo, 'svc/Pipfile'), '[packages]\nrequests = "==2.32.0"\n');
    const after = await auditJson(repo, home);
    expect(after).not.toContain('"file": "svc/Pipfile"');
    expect(after).toBe(await auditJson(repo, freshCacheHome(), false));
    const none = freshCacheHome();
    await auditJson(repo, none, false);
    expect(keptFilesOf(none, 'environments')).toEqual([]);
  });

  it('spare a warm CLI run the TOML library', () => {
    const { cold, warm } = coldAndWarmModules(temp.dir, buildRepo('cli'));
    expect(cold).toMatch(/\/node_modules\/smol-toml\//);
    expect(warm).toMatch(/\/practices\/environment-cache\.js\n/);
    expect(warm).not.toMatch(/\/node_modules\/smol-toml\//);
  });
});
