/**
 * The config files' facts kept between runs: a warm audit reads them instead of parsing its
 * config files again, reports byte for byte what a cold run and an uncached one report, and
 * the kept file holds no value of any config file, least of all a planted secret.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshCacheHome, tempDir } from '../helpers/audit-repo.js';
import {
  auditJson,
  coldAndWarmModules,
  keptFilesOf,
  keptRoundTrip,
} from '../helpers/kept-facts.js';
import { buildConfigRepo, PLANTED } from './config-repo.js';

const temp = tempDir('config-facts');
afterAll(temp.remove);

describe('the config facts kept between runs', () => {
  it('give a warm run the cold run’s report, byte for byte, and hold no value', async () => {
    const { report: cold, kept } = await keptRoundTrip(
      buildConfigRepo(temp.dir, 'same'),
      'configs',
    );
    // The report has every kind of config finding, so the kept facts have them all.
    for (const kind of ['drift', 'secret', 'unparsable']) expect(cold).toContain(`"${kind}"`);
    for (const value of Object.values(PLANTED)) expect(kept).not.toContain(value);
    // Nor the values of ordinary keys (hosts under db).
    for (const host of ['db.internal', 'db.prod', 'localhost']) expect(kept).not.toContain(host);
    // Key paths only of files drift compares (named for an environment), as drift names them.
    expect(kept).toContain('"db.pool.size"');
    expect(kept).not.toContain('pad_token');
  });

  it('examine a changed file again, and keep nothing with --no-cache', async () => {
    const repo = buildConfigRepo(temp.dir, 'edited');
    const home = freshCacheHome();
    const before = await auditJson(repo, home);
    expect(before).toContain('db.pool.size');
    // prod.yaml gains the key it lacked: its drift finding goes, on the very next run.
    writeFileSync(
      join(repo, 'configs', 'prod.yaml'),
      'db:\n  host: db.prod\n  pool:\n    size: 9\nfeatures: [a]\n',
    );
    const after = await auditJson(repo, home);
    expect(after).toBe(await auditJson(repo, freshCacheHome(), false));
    expect(after).not.toBe(before);

    const none = freshCacheHome();
    await auditJson(repo, none, false);
    expect(keptFilesOf(none, 'configs')).toEqual([]);
  });

  it('spare a warm CLI run the parsers of its config files', () => {
    const { cold, warm } = coldAndWarmModules(temp.dir, buildConfigRepo(temp.dir, 'cli'));
    expect(cold).toMatch(/\/config\/parse\/(toml|yaml|json|ini|dotenv|properties)\.js\n/);
    expect(warm).toMatch(/\/config\/facts-cache\.js\n/);
    // Only the files that cannot be kept (skipped, or a symbolic link) are read again, and
    // none of them is parsed: no format's parser is loaded.
    expect(warm).not.toMatch(/\/config\/parse\/(toml|yaml|json|ini|dotenv|properties)\.js\n/);
  });
});
