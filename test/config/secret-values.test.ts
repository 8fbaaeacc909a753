/**
 * A secret's value is never printed or written: every planted literal value (and the values
 * in files that fail to parse, are binary, or sit behind a symlink out of the repository) is
 * absent from every output format, from `explain`, with `--debug`, and from the errors of runs
 * that fail after the config files were read. The findings themselves are there: the file,
 * the key path and the line.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { renderExplain } from '../../src/report/explain.js';
import { OUTPUT_FORMATS, renderReport } from '../../src/report/registry.js';
import { auditIn, itemYaml, tempDir } from '../helpers/audit-repo.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { buildConfigRepo, inventory, PLANTED } from './config-repo.js';

const temp = tempDir('config-secrets');
afterAll(temp.remove);
let repo: string;
let report: Report;
beforeAll(async () => {
  repo = buildConfigRepo(temp.dir);
  report = await auditIn(repo);
});

function expectNoPlantedValue(output: string): void {
  for (const value of Object.values(PLANTED)) {
    expect(output).not.toContain(value);
    // Not even its start: a clipped value would still leak.
    expect(output).not.toContain(value.slice(0, 6));
  }
  // The value of an ignored local file, listed as unversioned, is not read at all.
  expect(output).not.toContain('only-on-disk');
}

describe('no secret value in any output', () => {
  it.each(OUTPUT_FORMATS)('%s', async (format) => {
    const output = await renderReport(report, format, { color: false });
    expectNoPlantedValue(output);
    // The findings are there all the same (table and CSV show counts per kind).
    if (format === 'table') expect(output).toContain('config: 11 secret');
    else if (format === 'csv') expect(output).toContain('secret 11');
    else expect(output).toContain('secrets/app.yaml');
  });

  it('explain names each secret by file, line and key path, and a parse failure by line', () => {
    const item = (id: string) => report.items.find((i) => i.id === id)!;
    const secrets = renderExplain(report, item('SEC-003'));
    expectNoPlantedValue(secrets);
    expect(secrets).toContain(
      '  config secret: secrets/app.toml:5: hardcoded secret: a literal value under aws.AWS_SECRET_ACCESS_KEY (the value is never shown)',
    );
    const broken = renderExplain(report, item('BROKEN-007'));
    expectNoPlantedValue(broken);
    expect(broken).toContain(
      '  config unparsable: broken/bad.toml:2: does not parse as TOML at line 2',
    );
  });

  it('the CLI with --debug: audit (a failed gate), explain, and --strict refusing the run', async () => {
    const gate = await runInProcess(['audit', '--fail-above', '1', '--debug'], { cwd: repo });
    expect(gate.status).toBe(1);
    expect(gate.stdout).toContain('config: 11 secret');
    expectNoPlantedValue(`${gate.stdout}\n${gate.stderr}`);

    const explain = await runInProcess(['explain', 'SEC-003', '--debug'], { cwd: repo });
    expect(explain.status, explain.stderr).toBe(0);
    expect(explain.stdout).toContain('config secret: secrets/app.yaml:3: ');
    expectNoPlantedValue(`${explain.stdout}\n${explain.stderr}`);

    writeFileSync(
      join(repo, 'strict.yml'),
      inventory.replace('items:\n', `items:\n${itemYaml('DEAD-010', ['nowhere/**'])}`),
    );
    const strict = await runInProcess(['audit', '-c', 'strict.yml', '--strict', '--debug'], {
      cwd: repo,
    });
    expect(strict.status).toBe(2);
    expect(strict.stderr).toMatch(/--strict: \d+ signals could not be fully measured/);
    expectNoPlantedValue(`${strict.stdout}\n${strict.stderr}`);
  });
});
