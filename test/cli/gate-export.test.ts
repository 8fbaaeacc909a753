/**
 * The CI gate, the baseline ratchet and every export format, end to end over the shared
 * scenario repository (scores: SERV-002 36, FEAT-001 12, MON-003 4, TYPO-005 4,
 * MODEL-004 3; total 59). TYPO-005's glob selects nothing, which fails any gate: the gate's
 * thresholds and the ratchet are tested with it accepted (not ranked: total 55).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lint } from 'markdownlint/sync';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildRepo } from '../../scripts/lib/repo-builder.js';
import type { Report } from '../../src/model/index.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { commits, inventory } from '../helpers/scenario.js';
import { validateSarif } from '../helpers/sarif-schema.js';

let base: string;
let repo: string;

const cli = (args: string[]) => runInProcess(args, { cwd: repo });
const writeInventory = (text: string) => writeFileSync(join(repo, 'debt.yaml'), text);

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'mldebt-gate-'));
  repo = join(base, 'repo');
  buildRepo(repo, commits);
  writeInventory(inventory);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));
// Tests that change the inventory need not restore it themselves.
afterEach(() => writeInventory(inventory));

/** The scenario with TYPO-005 accepted: every ranked item's globs select files. */
const measured = inventory.replace(
  '    paths: ["src/featurs/**"]',
  '    status: accepted\n    paths: ["src/featurs/**"]',
);

describe('gate', () => {
  beforeEach(() => writeInventory(measured));

  it('passes without thresholds', async () => {
    const res = await cli(['audit']);
    expect(res.status).toBe(0);
    expect(res.stderr).not.toContain('gate failed');
  });

  it('fails above --fail-above, strictly, naming every offending item', async () => {
    const res = await cli(['audit', '--fail-above', '11']);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain(
      'mldebt: gate failed: SERV-002 score 36.0 > 11\nmldebt: gate failed: FEAT-001 score 12.0 > 11\n',
    );
    expect(res.stdout).toContain('SERV-002');
    expect((await cli(['audit', '--fail-above', '36'])).status).toBe(0);
  });

  it('fails above --fail-total-above', async () => {
    const res = await cli(['audit', '--fail-total-above', '50', '--format', 'json']);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('mldebt: gate failed: total 55.0 > 50\n');
    const report = JSON.parse(res.stdout) as Report;
    expect(report.gate).toEqual({
      passed: false,
      reasons: ['total 55.0 > 50'],
      thresholds: { failAbove: null, failTotalAbove: 50, failOnIncrease: false },
    });
  });

  it('reads settings.thresholds, and flags override them', async () => {
    writeInventory(
      measured.replace('settings:\n', 'settings:\n  thresholds: { fail_above: 10 }\n'),
    );
    const fromSettings = await cli(['audit']);
    expect(fromSettings.status).toBe(1);
    expect(fromSettings.stderr).toContain('SERV-002 score 36.0 > 10');
    expect((await cli(['audit', '--fail-above', '40'])).status).toBe(0);
  });

  it('fails when an item’s glob selects nothing, naming it; not for a `!` glob that excludes nothing', async () => {
    writeInventory(inventory);
    // TYPO-005 scores 4, under every threshold below: its glob, not its score, fails the gate.
    const typo = await cli(['audit', '--fail-above', '40']);
    expect(typo.status).toBe(1);
    expect(typo.stderr).toContain(
      'mldebt: gate failed: TYPO-005: glob "src/featurs/**" selects no file: its score is not ' +
        'measured (fix the glob, or resolve the item if its code is gone)\n',
    );
    expect((await cli(['audit', '--fail-total-above', '100'])).status).toBe(1);
    // Without a gate it stays a warning; --exit-zero keeps the run advisory.
    expect((await cli(['audit'])).status).toBe(0);
    expect((await cli(['audit', '--fail-above', '40', '--exit-zero'])).status).toBe(0);
    writeInventory(
      measured.replace('paths: ["src/serving/**"', 'paths: ["src/serving/**", "!src/servign/**"'),
    );
    const negated = await cli(['audit', '--fail-above', '40']);
    expect(negated.stdout).toContain('"!src/servign/**" excludes nothing');
    expect(negated.status).toBe(0);
  });

  it('--exit-zero reports the failure but exits 0', async () => {
    const res = await cli(['audit', '--fail-above', '30', '--exit-zero']);
    expect(res.status).toBe(0);
    expect(res.stderr).toContain(
      'mldebt: gate failed (advisory: --exit-zero): SERV-002 score 36.0 > 30',
    );
  });

  it('rejects a bad threshold and --fail-on-increase without a baseline (exit 2)', async () => {
    const bad = await cli(['audit', '--fail-above', 'lots']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('mldebt: --fail-above: expected a number >= 0, got "lots"\n');
    const ratchet = await cli(['audit', '--fail-on-increase']);
    expect(ratchet.status).toBe(2);
    expect(ratchet.stderr).toBe(
      'mldebt: --fail-on-increase needs --baseline <report.json> to compare with\n',
    );
  });
});

describe('baseline ratchet', () => {
  const baselineFile = () => join(base, 'baseline.json');

  beforeEach(() => writeInventory(measured));

  beforeAll(async () => {
    writeInventory(measured);
    const res = await cli(['audit', '--format', 'json', '--output', baselineFile()]);
    expect(res.status).toBe(0);
  });

  it('passes when nothing changed, and shows "=" deltas', async () => {
    const res = await cli([
      'audit',
      '--baseline',
      baselineFile(),
      '--fail-on-increase',
      '--format',
      'json',
    ]);
    expect(res.status).toBe(0);
    const report = JSON.parse(res.stdout) as Report;
    expect(report.baseline?.totalDelta).toBe(0);
    expect(report.baseline?.items.every((d) => d.status === 'unchanged')).toBe(true);
  });

  it('fails when an item and the total got worse', async () => {
    writeInventory(
      measured.replace(
        '    risk: 3\n    cost_of_delay: 2\n    paths: [src/features',
        '    risk: 4\n    cost_of_delay: 2\n    paths: [src/features',
      ),
    );
    const res = await cli([
      'audit',
      '--baseline',
      baselineFile(),
      '--fail-on-increase',
      '--format',
      'markdown',
    ]);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('mldebt: gate failed: FEAT-001 score rose 12.0 → 16.0');
    expect(res.stderr).toContain('mldebt: gate failed: total rose 55.0 → 59.0');
    expect(res.stdout).toContain('▲ 4.0');
    // Every format shows the change: the table's Δ column, SARIF's baselineState, CSV, GitHub.
    const table = (await cli(['audit', '--baseline', baselineFile()])).stdout;
    expect(table).toMatch(/│ FEAT-001 .*│ ▲ 4\.0 +│/);
    expect(table).toContain('total 55.0 → 59.0 (▲ 4.0)');
    const sarif = JSON.parse(
      (await cli(['audit', '--baseline', baselineFile(), '--format', 'sarif'])).stdout,
    );
    const states = Object.fromEntries(
      sarif.runs[0].results
        // The items' own results; findings' results carry no baseline state.
        .filter((r: { ruleId: string }) => !/^mldebt\/(config|practice)-/.test(r.ruleId))
        .map((r: { properties: { id: string }; baselineState: string }) => [
          r.properties.id,
          r.baselineState,
        ]),
    );
    expect(states).toMatchObject({ 'FEAT-001': 'updated', 'SERV-002': 'unchanged' });
    expect((await cli(['audit', '--baseline', baselineFile(), '--format', 'csv'])).stdout).toMatch(
      /FEAT-001,.*,4\.0,changed,\d*,[^,\r]*,[^,\r]*,[^,\r]*,[^,\r]*\r\n/,
    );
    expect(
      (await cli(['audit', '--baseline', baselineFile(), '--format', 'github'])).stdout,
    ).toContain('(since baseline: ▲ 4.0)');
  });

  it('passes when debt improved, showing the decrease', async () => {
    writeInventory(
      measured.replace('    risk: 4\n    frequency: 1\n', '    risk: 2\n    frequency: 1\n'),
    );
    const res = await cli([
      'audit',
      '--baseline',
      baselineFile(),
      '--fail-on-increase',
      '--format',
      'csv',
    ]);
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(
      /SERV-002,.*,-18\.0,changed,\d*,[^,\r]*,[^,\r]*,[^,\r]*,[^,\r]*\r\n/,
    );
  });

  it('fails on a new item above the threshold; shows resolved and renamed items', async () => {
    const changed = measured
      .replace('id: MON-003', 'id: MON-033') // same title: a rename, compared with MON-003
      .replace('  - id: MODEL-004', '  - id: MODEL-004\n    status: resolved')
      .concat(
        '  - id: NEW-007\n    title: A new hot spot\n    category: model\n    risk: 5\n    cost_of_delay: 5\n    paths: ["src/serving/**"]\n',
      );
    writeInventory(changed);
    const res = await cli([
      'audit',
      '--baseline',
      baselineFile(),
      '--fail-on-increase',
      '--fail-above',
      '40',
      '--format',
      'json',
    ]);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('NEW-007 is new with score 50.0 > 40');
    const report = JSON.parse(res.stdout) as Report;
    const status = Object.fromEntries(report.baseline!.items.map((d) => [d.id, d.status]));
    expect(status).toMatchObject({
      'NEW-007': 'new',
      'MON-033': 'renamed',
      'MODEL-004': 'resolved',
    });
    expect(report.baseline!.items.find((d) => d.id === 'MON-033')?.previousId).toBe('MON-003');
    const md = (await cli(['audit', '--baseline', baselineFile(), '--format', 'markdown'])).stdout;
    expect(md).toContain('renamed from MON-003');
    expect(md).toContain('MODEL-004');
  });

  it('names a corrupt baseline with line and column (exit 2)', async () => {
    const bad = join(base, 'bad.json');
    writeFileSync(bad, '{\n  "schemaVersion": 1,\n  "totals": {,\n}\n');
    const res = await cli(['audit', '--baseline', bad]);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(
      new RegExp(`^mldebt: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:14: `),
    );
    expect(res.stdout).toBe('');
  });
});

describe('formats and export', () => {
  it('writes DEBT.md with export, markdownlint-clean and byte-identical across runs', async () => {
    const out = join(repo, 'DEBT.md');
    const res = await cli(['export']);
    expect(res.status).toBe(0);
    expect(res.stderr).toMatch(/^mldebt: wrote DEBT\.md \(markdown, 5 items, total 59\.0\)\n/);
    const first = readFileSync(out, 'utf8');
    expect(first).toContain('# Technical debt: e2e');
    const result = lint({ strings: { 'DEBT.md': first } });
    expect(result['DEBT.md']).toEqual([]);
    await cli(['export']);
    expect(readFileSync(out, 'utf8')).toBe(first);
    rmSync(out);
  });

  it('emits SARIF 2.1.0 valid against the official schema, located on hot files', async () => {
    const res = await cli(['audit', '--format', 'sarif', '--fail-above', '30']);
    expect(res.status).toBe(1);
    const sarif = JSON.parse(res.stdout);
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
    const [result] = sarif.runs[0].results;
    expect(result.level).toBe('error');
    expect(result.ruleId).toBe('mldebt/infrastructure');
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('src/serving/app.py');
  });

  it('emits CSV rows and GitHub annotations', async () => {
    const csv = (await cli(['audit', '--format', 'csv'])).stdout.split('\r\n');
    expect(csv[0]).toMatch(/^rank,id,title,category,owner/);
    expect(csv[1]).toMatch(/^1,SERV-002,Serving has no batch guard,infrastructure,ana,/);
    const gh = await cli(['audit', '--format', 'github', '--fail-above', '30']);
    expect(gh.stdout).toMatch(
      /^::error file=src\/serving\/app\.py,line=1,title=SERV-002 score 36\.0::/m,
    );
    // Below --fail-above: no item annotation; its practice hint is a notice of its own.
    expect(gh.stdout).not.toContain('title=FEAT-001 score');
    expect(gh.stdout).toContain(
      '::notice file=src/features/transform_ops.py,title=FEAT-001 no-validation::',
    );
    const all = await cli(['audit', '--format', 'github']);
    expect(all.stdout).toMatch(
      /^::warning file=src\/features\/transform_ops\.py,line=1,title=FEAT-001 score 12\.0::/m,
    );
  });

  it('--output writes atomically; a failing run leaves the previous file untouched', async () => {
    const out = join(base, 'report.md');
    writeFileSync(out, 'previous report\n');
    const failing = await cli([
      'audit',
      '--format',
      'markdown',
      '--output',
      out,
      '--coverage',
      join(base, 'missing.lcov'),
    ]);
    expect(failing.status).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('previous report\n');
    const ok = await cli(['audit', '--format', 'markdown', '--output', out]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('# Technical debt: e2e');
    expect(existsSync(join(base, 'missing.lcov'))).toBe(false);
  });
});
