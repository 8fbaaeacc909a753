/**
 * scan on small real repositories: figures per file with renames followed, and the audit's
 * honesty rules (outside git, no commit yet, a shallow clone, --strict), -o written
 * atomically and refused onto the inventory, init's one-line refusals.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git } from '../../scripts/lib/repo-builder.js';
import { scan } from '../../src/index.js';
import type { ScanReport } from '../../src/model/scan.js';
import { makeRepo, tempDir, testEnv } from '../helpers/audit-repo.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { commits } from '../helpers/scenario.js';

const { dir, remove } = tempDir('scan-repo');
let repo: string;

beforeAll(() => {
  repo = makeRepo(dir, 'repo', commits);
});
afterAll(remove);

const scanIn = async (options: Parameters<typeof scan>[0]) =>
  (await scan({ env: testEnv(dir), ...options })).report;

describe('scan', () => {
  it('measures every tracked file without an inventory, following renames', async () => {
    const report = await scanIn({ cwd: repo });
    expect(report.inventory).toBeNull();
    expect(report.notes.map((n) => n.code)).toContain('no-inventory');
    const ops = report.rows.find((r) => r.path === 'src/features/transform_ops.py');
    // Inside the window: the boundary fix (under the old name), the rename, the last fix.
    expect(ops).toMatchObject({ commits: 3, fixCommits: 2, authors: 2, undeclared: true });
    expect(report.rows.map((r) => r.path)).not.toContain('src/features/transforms.py');
    expect(report.rows.find((r) => r.path === 'README.md')).toMatchObject({
      commits: 0,
      lastChange: null,
    });
    expect(report.historyFrom).toBe('2025-06-30');
  });

  it('marks files an inventory item covers, and reads the inventory in the root by default', async () => {
    writeFileSync(
      join(repo, 'debt.yaml'),
      'version: 1\nproject: p\nitems:\n  - { id: SERV-001, title: t, category: model, risk: 2, cost_of_delay: 2, paths: ["src/serving/**"] }\n',
    );
    const report = await scanIn({ cwd: repo });
    expect(report.project).toBe('p');
    expect(report.rows.find((r) => r.path === 'src/serving/app.py')).toMatchObject({
      undeclared: false,
      items: ['SERV-001'],
      fixCommits: 2,
    });
    expect(report.totals.undeclaredHotspots).toBe(2);
  });

  it('warns about a glob that matches nothing, which would leave its files "undeclared"', async () => {
    const inventory = join(dir, 'typo.yaml');
    writeFileSync(
      inventory,
      'version: 1\nproject: p\nitems:\n  - { id: SERV-001, title: t, category: model, risk: 2, cost_of_delay: 2, paths: ["src/servign/**", "!src/serving/nope.py"] }\n',
    );
    const report = await scanIn({ cwd: repo, config: inventory });
    const dead = report.warnings.filter((w) => w.code === 'glob-no-match');
    expect(dead.map((w) => w.message)).toEqual([
      'SERV-001: glob "src/servign/**" matches no tracked file at HEAD (did you mean "src/serving/**"?)',
      'SERV-001: glob "!src/serving/nope.py" excludes nothing: it matches no tracked file at HEAD (did you mean "!src/serving/app.py"?)',
    ]);
    // Each at its own glob, as audit and validate point, not at the item.
    const line = readFileSync(inventory, 'utf8').split('\n')[3]!;
    expect(dead.map((w) => [w.location?.line, w.location?.column])).toEqual([
      [4, line.indexOf('"src/servign/**"') + 1],
      [4, line.indexOf('"!src/serving/nope.py"') + 1],
    ]);
    expect(report.rows.find((r) => r.path === 'src/serving/app.py')).toMatchObject({
      undeclared: true,
    });
    await expect(scanIn({ cwd: repo, config: inventory, strict: true })).rejects.toThrow(
      /--strict: 2 signals could not be fully measured/,
    );
  });

  it('says git was not measured outside git, never zeros, and --strict refuses it', async () => {
    const plain = join(dir, 'plain');
    mkdirSync(join(plain, 'src'), { recursive: true });
    writeFileSync(join(plain, 'src/a.py'), 'a = 1\n');
    const report = await scanIn({ cwd: plain });
    expect(report.warnings.map((w) => w.code)).toEqual(['not-git']);
    expect(report.rows[0]).toMatchObject({ path: 'src/a.py', commits: null, fixCommits: null });
    const table = await runInProcess(['scan'], { cwd: plain });
    expect(table.stdout).toMatch(/src\/a\.py +│ 0\.0 +│ — +│ — /);
    const strict = await runInProcess(['scan', '--strict'], { cwd: plain });
    expect(strict.status).toBe(2);
    expect(strict.stderr).toMatch(/^mldebt: --strict: 1 signal could not be fully measured:/);
  });

  it('notes a repository without commits', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    git(empty, ['init', '-q']);
    writeFileSync(join(empty, 'a.py'), 'a = 1\n');
    const report = await scanIn({ cwd: empty });
    expect(report.window).toBeNull();
    expect(report.notes.map((n) => n.code)).toContain('empty-repository');
    expect(report.rows[0]?.commits).toBeNull();
  });

  it('warns about a shallow clone whose history stops inside the window', async () => {
    const shallow = join(dir, 'shallow');
    git(dir, ['clone', '-q', '--depth', '2', `file://${repo}`, shallow]);
    const report = await scanIn({ cwd: shallow });
    expect(report.repository.shallow).toBe(true);
    expect(report.warnings.map((w) => w.code)).toContain('shallow-history');
  });

  it('writes -o atomically, and refuses the inventory as output', async () => {
    const out = await runInProcess(['scan', '-f', 'json', '-o', 'scan.json'], { cwd: repo });
    expect(out.status).toBe(0);
    expect(out.stderr).toContain('mldebt: wrote scan.json');
    const report = JSON.parse(readFileSync(join(repo, 'scan.json'), 'utf8')) as ScanReport;
    expect(report.schemaVersion).toBe(1);
    const onto = await runInProcess(['scan', '-o', 'debt.yaml'], { cwd: repo });
    expect(onto.status).toBe(2);
    expect(onto.stderr).toBe(
      'mldebt: cannot write debt.yaml: it is the inventory (choose another --output)\n',
    );
  });

  it('is deterministic: the same commit gives byte-identical JSON', async () => {
    const a = await runInProcess(['scan', '-f', 'json'], { cwd: repo });
    const b = await runInProcess(['scan', '-f', 'json'], { cwd: repo });
    expect(a.stdout).toBe(b.stdout);
  });
});

describe('init refusals', () => {
  it('--append needs an inventory, and does not go with --force', async () => {
    const other = makeRepo(dir, 'other', commits);
    const append = await runInProcess(['init', '--append'], { cwd: other });
    expect(append.status).toBe(2);
    expect(append.stderr).toBe(
      'mldebt: --append: debt.yaml does not exist; run mldebt init without --append to write one\n',
    );
    const both = await runInProcess(['init', '--append', '--force'], { cwd: other });
    expect(both.status).toBe(2);
    expect(existsSync(join(other, 'debt.yaml'))).toBe(false);
  });

  it('--append refuses an invalid inventory and leaves it untouched', async () => {
    const other = makeRepo(dir, 'invalid', commits);
    writeFileSync(join(other, 'debt.yaml'), 'version: 1\nproject: p\nitems:\n  - id: bad\n');
    const result = await runInProcess(['init', '--append'], { cwd: other });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^mldebt: debt\.yaml:4:/);
    expect(readFileSync(join(other, 'debt.yaml'), 'utf8')).toBe(
      'version: 1\nproject: p\nitems:\n  - id: bad\n',
    );
  });

  it('-c names the file to write, and init && audit works', async () => {
    const other = makeRepo(dir, 'named', commits);
    const written = await runInProcess(['init', '-c', 'inventory/debt.yaml', '-q'], {
      cwd: other,
    }).catch(() => null);
    // The directory does not exist: one line, exit 2, nothing written.
    expect(written?.status).toBe(2);
    mkdirSync(join(other, 'inventory'));
    const ok = await runInProcess(['init', '-c', 'inventory/debt.yaml'], { cwd: other });
    expect(ok.status).toBe(0);
    const audit = await runInProcess(['audit', '-c', 'inventory/debt.yaml'], { cwd: other });
    expect([0, 1]).toContain(audit.status);
    expect(audit.stdout).toContain('DATA-001  │ Undeclared hotspot: src/features/');
  });
});
