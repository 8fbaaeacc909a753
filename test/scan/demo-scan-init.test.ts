/**
 * scan and init on the demo repository (built once for this file): the planted src/common/
 * hotspot is one undeclared row; init on the demo without an inventory writes one that
 * validates and audits; init refuses to replace it without --force; --append keeps
 * debt.example.yaml's text as a prefix and adds only what no item covers.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  generateDemoCommits,
  loadDemoSpec,
  writeDemoWorkingTree,
} from '../../scripts/lib/demo-history.js';
import { buildRepo } from '../../scripts/lib/repo-builder.js';
import { renderScan, scan, type ScanFormat } from '../../src/index.js';
import type { ScanReport } from '../../src/model/scan.js';
import { testEnv } from '../helpers/audit-repo.js';
import { runInProcess } from '../helpers/run-in-process.js';

const example = fileURLToPath(new URL('../../debt.example.yaml', import.meta.url));
const coverage = fileURLToPath(
  new URL('../../fixtures/demo/coverage/coverage.xml', import.meta.url),
);

let work: string;
let repo: string;
const inventory = () => join(repo, 'debt.yaml');

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'mldebt-scan-demo-'));
  repo = join(work, 'repo');
  const spec = loadDemoSpec();
  buildRepo(repo, generateDemoCommits(spec));
  writeDemoWorkingTree(repo, spec);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeEach(() => rmSync(inventory(), { force: true }));

describe('scan on the demo', () => {
  it('lists the planted src/common/ hotspot as one undeclared row', async () => {
    const { report } = await scan({
      cwd: work,
      repo,
      config: example,
      coverage: [coverage],
      env: testEnv(work),
    });
    const common = report.rows.filter((r) => r.path.startsWith('src/common/'));
    expect(common).toHaveLength(1);
    expect(common[0]).toMatchObject({
      kind: 'directory',
      path: 'src/common/',
      fixCommits: 9,
      undeclared: true,
      hotspot: true,
      items: [],
      // Python nobody's tests import: the reports cover .py, so it is untested, weighed fully.
      coverage: { untestedFiles: 4, percent: null },
      score: 18,
    });
    // Files the inventory covers keep their own rows, marked with the items.
    const ops = report.rows.find((r) => r.path === 'src/features/transform_ops.py');
    expect(ops).toMatchObject({ undeclared: false, items: ['DATA-001', 'MODEL-001'] });
    expect(report.rows.slice(0, 2).map((r) => r.path)).toEqual([
      'src/features/transform_ops.py',
      'src/common/',
    ]);
    expect(report.totals.undeclaredHotspots).toBeGreaterThanOrEqual(3);
  });

  it('examines every config file: the planted drift, secret, stale file, by directory', async () => {
    const { report } = await scan({ cwd: work, repo, env: testEnv(work) });
    // Without an inventory configs/ is one undeclared row: its files are all fixed in the window.
    const configs = report.rows.find((r) => r.path === 'configs/')!;
    const kinds = (configs.configFindings ?? []).map((f) => `${f.file} ${f.kind}`);
    expect(kinds).toEqual([
      'configs/prod.yaml drift',
      'configs/prod.yaml secret',
      'configs/prod.yaml stale',
      'configs/staging.yaml drift',
    ]);
    // 3 fixes × (1 + 0.5 × 3 kinds that are debt); coverage not measured.
    expect(configs.score).toBe(7.5);
    expect(JSON.stringify(report)).not.toContain('sk-live-');
    for (const format of ['table', 'json', 'markdown', 'csv']) {
      const out = await runInProcess(['scan', '-r', repo, '-f', format, '--debug'], { cwd: work });
      expect(out.status).toBe(0);
      expect(out.stdout).toContain('configs/');
      expect(out.stdout + out.stderr).not.toContain('sk-live-');
    }
  });

  it('prints it in every format, and --top shortens only what is shown', async () => {
    const table = await runInProcess(
      ['scan', '-r', repo, '-c', example, '--coverage', coverage, '--top', '3'],
      { cwd: work },
    );
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/src\/common\/ \(4 files\) +│ 18\.0 +│ 9 /);
    // 46 rows: the image workflow INFRA-002 was resolved for is one of them, and the
    // reference snapshot committed under data/ another.
    expect(table.stdout).toContain('… 43 more (--top 3)');
    // Practice findings are listed below the table, whatever their rows' ranks.
    expect(table.stdout).toContain('data-in-git  data/reference/merchants_2025_08.parquet');
    // The other formats render the same report (renderers are pure: no second scan).
    const { report } = await scan({
      cwd: work,
      repo,
      config: example,
      coverage: [coverage],
      env: testEnv(work),
    });
    const render = (format: ScanFormat) => renderScan(report, format, { color: false, top: 3 });
    const json = JSON.parse(await render('json')) as ScanReport;
    expect(json.rows).toHaveLength(3);
    // Tracked files: the rows but configs/local.yaml (ignored by git, a row for its finding),
    // with src/common/'s 4 files in one row.
    expect(report.rows.find((r) => r.path === 'configs/local.yaml')).toMatchObject({
      commits: null,
      configFindings: [{ kind: 'unversioned', file: 'configs/local.yaml' }],
    });
    expect(json.totals.files).toBe(report.rows.length - 1 + 3);
    const csv = (await render('csv')).split('\r\n');
    expect(csv[0]).toMatch(/^rank,kind,path,files,score,/);
    expect(csv.find((l) => l.includes('src/common/'))).toMatch(
      /,directory,src\/common\/,4,18\.0,true,true,,9,10,/,
    );
    const markdown = await render('markdown');
    expect(markdown).toMatch(/^# Repository scan: fraud-scoring\n/);
    expect(markdown).toContain('| src/common/ (4 files) | 18.0 | 9 |');
  });
});

describe('init on the demo', () => {
  it('writes an inventory that validates, audits and holds the hotspot group', async () => {
    const written = await runInProcess(['init'], { cwd: repo });
    expect(written.status).toBe(0);
    // Ten from hotspots and config findings, and one per kind of practice finding.
    expect(written.stderr).toContain('mldebt: wrote debt.yaml with 15 suggested items');
    const text = readFileSync(inventory(), 'utf8');
    expect(text.split('\n')[0]).toMatch(
      /^# yaml-language-server: \$schema=https:\/\/.+\/schema\/debt\.schema\.json$/,
    );
    const items = (parse(text) as { items: Record<string, unknown>[] }).items;
    const common = items.find((i) => (i.paths as string[]).includes('src/common/*'));
    expect(common).toMatchObject({
      category: 'pipeline',
      owner: '@dara-okafor', // .github/CODEOWNERS: /src/common/ @dara-okafor
      frequency: 4, // 9 fixes in 180 days: 1.5 per 30 days
      risk: 2,
      cost_of_delay: 3,
    });
    expect(text).toMatch(
      /# suggested by mldebt init: review\n {2}# owner from \.github\/CODEOWNERS:3\n {2}- id: PIPE-\d{3}\n/,
    );
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);

    const validate = await runInProcess(['validate'], { cwd: repo });
    expect(validate.status).toBe(0);
    const audit = await runInProcess(['audit', '--format', 'json'], { cwd: repo });
    expect([0, 1]).toContain(audit.status);
    const report = JSON.parse(audit.stdout) as { items: { id: string; paths: string[] }[] };
    expect(report.items.some((i) => i.paths.includes('src/common/*'))).toBe(true);
  });

  it('refuses to replace an inventory without --force, and replaces it with it', async () => {
    writeFileSync(inventory(), 'mine\n');
    const refused = await runInProcess(['init'], { cwd: repo });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      'mldebt: debt.yaml already exists: mldebt init never replaces an inventory ' +
        '(--force replaces it, --append adds suggestions to it)\n',
    );
    expect(readFileSync(inventory(), 'utf8')).toBe('mine\n');
    // Any default name counts, not only debt.yaml.
    rmSync(inventory());
    writeFileSync(join(repo, '.mldebt.yaml'), 'mine\n');
    expect((await runInProcess(['init'], { cwd: repo })).status).toBe(2);
    rmSync(join(repo, '.mldebt.yaml'));

    writeFileSync(inventory(), 'mine\n');
    const forced = await runInProcess(['init', '--force', '-q'], { cwd: repo });
    expect(forced.status).toBe(0);
    expect(forced.stderr).toBe('');
    expect(readFileSync(inventory(), 'utf8')).toMatch(/^# yaml-language-server/);
  });

  it('--append keeps debt.example.yaml as a prefix, adds src/common/ once, then has nothing to add', async () => {
    copyFileSync(example, inventory());
    const old = readFileSync(inventory(), 'utf8');
    const appended = await runInProcess(['init', '--append', '--coverage', coverage], {
      cwd: repo,
    });
    expect(appended.status).toBe(0);
    const text = readFileSync(inventory(), 'utf8');
    expect(text.startsWith(old)).toBe(true);
    const added = parse(text.slice(old.length).replace(/^ {2}/gm, '')) as Record<string, unknown>[];
    const ids = added.map((i) => i.id);
    // debt.example.yaml already has PIPE-001 and TEST-001: new ids never collide.
    expect(ids).toContain('PIPE-002');
    expect(added.find((i) => i.id === 'PIPE-002')).toMatchObject({
      paths: ['src/common/*'],
      risk: 3, // untested Python
    });
    const exampleIds = (parse(old) as { items: { id: string }[] }).items.map((i) => i.id);
    expect(ids.filter((id) => exampleIds.includes(id as string))).toEqual([]);
    expect((await runInProcess(['validate', '-q'], { cwd: repo })).status).toBe(0);

    const again = await runInProcess(['init', '--append', '--coverage', coverage], { cwd: repo });
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('nothing to add to debt.yaml');
    expect(readFileSync(inventory(), 'utf8')).toBe(text);
  });
});
