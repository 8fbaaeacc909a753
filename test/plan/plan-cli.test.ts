// `mldebt plan` in-process on a real repository with fixed dates, where every figure is
// computed by hand: evidence from git lifts an item into stage 1, the capacity comes from
// settings.capacity or --capacity, and bad or missing capacity is one line and exit 2.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommitSpec } from '../../scripts/lib/repo-builder.js';
import type { Plan } from '../../src/model/index.js';
import { makeRepo, tempDir } from '../helpers/audit-repo.js';
import { runInProcess } from '../helpers/run-in-process.js';

const ana = { name: 'Ana', email: 'ana@example.com' };
const files = ['hot', 'big', 'quick', 'mid', 'small'].map((name) => `src/${name}.py`);

// HEAD 2026-06-30T12:00Z: the default 180-day window starts 2026-01-01T12:00Z. Six fix
// commits on src/hot.py in it: 6 per 180 days = 1.0 per 30 days, observed frequency 4.
const commits: CommitSpec[] = [
  {
    date: '2025-12-01T10:00:00Z',
    author: ana,
    message: 'Initial import',
    files: Object.fromEntries(files.map((f) => [f, 'x = 0\n'])),
  },
  ...['01', '02', '03', '04', '05', '06'].map((month, i) => ({
    date: `2026-${month}-15T10:00:00Z`,
    author: ana,
    message: `fix: hot path breaks again (${i + 1})`,
    files: { 'src/hot.py': `x = ${i + 1}\n` },
  })),
  {
    date: '2026-06-30T12:00:00Z',
    author: ana,
    message: 'Tidy the quick module',
    files: { 'src/quick.py': 'x = 1\n' },
  },
];

const item = (id: string, path: string | null, fields: string) =>
  `  - id: ${id}\n    title: ${id} title\n    category: data\n` +
  (path === null ? '' : `    paths: [${path}]\n`) +
  fields;

// Scores: HOT 4 × 4 × 3 = 48 (stage 1: R 4, F 4 from the fixes); BIG 2 × 2 × 2 = 8, WSJF 0.8;
// QUICK 3 × 2 × 2 = 12, WSJF 12; MID 3 × 1 × 3 = 9, WSJF 3; SMALL 2 × 1 × 2 (1000 a week is
// level 2) = 4, WSJF 8; NOEST 2 × 1 × 2 = 4, no effort. Total 85.
const items =
  item(
    'HOT-001',
    'src/hot.py',
    '    risk: 4\n    frequency: 1\n    cost_of_delay: 3\n    effort: 3d\n',
  ) +
  item(
    'BIG-002',
    'src/big.py',
    '    risk: 2\n    frequency: 2\n    cost_of_delay: 2\n    effort: 2w\n',
  ) +
  item(
    'QUICK-003',
    'src/quick.py',
    '    risk: 3\n    frequency: 2\n    cost_of_delay: 2\n    effort: 1d\n',
  ) +
  item('MID-004', 'src/mid.py', '    risk: 3\n    cost_of_delay: 3\n    effort: 24h\n') +
  item(
    'SMALL-005',
    'src/small.py',
    '    risk: 2\n    cost_of_delay: { amount: 1000, per: week }\n    effort: 4h\n',
  ) +
  item('NOEST-006', null, '    risk: 2\n    cost_of_delay: 2\n');

// 3 engineers × 1w (5 working days) × 0.4 = 6 days.
const withCapacity =
  'version: 1\nproject: planning\nsettings:\n  capacity: { engineers: 3, sprint: 1w, share: 0.4 }\n' +
  `items:\n${items}`;

let tmp: ReturnType<typeof tempDir>;
let repo: string;
let bare: string;

beforeAll(() => {
  tmp = tempDir('plan-cli');
  repo = makeRepo(tmp.dir, 'repo', commits, withCapacity);
  bare = makeRepo(
    tmp.dir,
    'no-capacity',
    commits,
    `version: 1\nproject: planning\nitems:\n${items}`,
  );
});

afterAll(() => tmp.remove());

const plan = (args: string[], cwd = repo) => runInProcess(['plan', ...args], { cwd });

describe('mldebt plan on a real repository', () => {
  it('plans from settings.capacity: stage 1 first, then by WSJF, with what is left out and why', async () => {
    const { status, stdout, stderr } = await plan(['--format', 'json']);
    expect(status).toBe(0);
    const result = JSON.parse(stdout) as Plan;
    expect(result.capacity).toBe(6);
    expect(result.capacitySource).toEqual({
      kind: 'setting',
      engineers: 3,
      sprint: '1w',
      sprintDays: 5,
      share: 0.4,
    });
    expect(result.planned).toEqual([
      expect.objectContaining({
        id: 'HOT-001',
        stage: 1,
        effort: 3,
        cumulative: 3,
        score: 48,
        wsjf: 16,
      }),
      expect.objectContaining({
        id: 'QUICK-003',
        stage: 2,
        effort: 1,
        cumulative: 4,
        score: 12,
        wsjf: 12,
      }),
      expect.objectContaining({
        id: 'SMALL-005',
        stage: 2,
        effort: 0.5,
        cumulative: 4.5,
        score: 4,
        wsjf: 8,
      }),
    ]);
    expect(result.doesNotFit.map((u) => [u.id, u.effort, u.reason, u.left])).toEqual([
      ['MID-004', 3, 'does-not-fit', 1.5],
      ['BIG-002', 10, 'larger-than-capacity', 1.5],
    ]);
    expect(result.needsEstimate).toEqual(['NOEST-006']);
    expect([result.used, result.left]).toEqual([4.5, 1.5]);
    // 48 + 12 + 4 = 64 of 85.
    expect([result.plannedScore, result.totalScore, result.scoreShare]).toEqual([64, 85, 0.75]);
    expect(result.costOfDelayPerWeek).toBe(1000);
    expect(result.window).toEqual({ since: '2026-01-01', until: '2026-06-30', days: 180 });
    // Warnings go to stderr for JSON, as for audit.
    expect(stderr).toBe(
      'mldebt: warning: NOEST-006: no paths, so no repository evidence (git, coverage, config) is gathered for it\n',
    );
  });

  it('lets --capacity override the setting', async () => {
    const { status, stdout } = await plan(['--capacity', '3.5', '--format', 'json']);
    expect(status).toBe(0);
    const result = JSON.parse(stdout) as Plan;
    expect(result.capacitySource).toEqual({ kind: 'flag' });
    // HOT (3); QUICK (1) > 0.5 left; SMALL (0.5) fits; MID does not; BIG (10) > 3.5: split.
    expect(result.planned.map((p) => [p.id, p.cumulative])).toEqual([
      ['HOT-001', 3],
      ['SMALL-005', 3.5],
    ]);
    expect(result.doesNotFit.map((u) => [u.id, u.reason])).toEqual([
      ['QUICK-003', 'does-not-fit'],
      ['MID-004', 'does-not-fit'],
      ['BIG-002', 'larger-than-capacity'],
    ]);
  });

  it('prints the table with the capacity arithmetic and its warnings in the footer', async () => {
    const { status, stdout, stderr } = await plan([]);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(
      /^mldebt plan · planning · window 2026-01-01 → 2026-06-30 \(180d\) · HEAD [0-9a-f]{10}$/,
    );
    expect(lines[1]).toBe(
      'capacity 6d (settings.capacity: 3 engineers × 1w (5 working days) × share 0.4) · used 4.5d · left 1.5d',
    );
    expect(lines[2]).toBe(
      'addresses 75% of the total score (64.0 of 85.0) · stops 1,000 per week of cost of delay',
    );
    expect(stdout).toMatch(/│ 1 │ 1 +│ HOT-001 +│ HOT-001 title +│ 3d +│ 3d +│ 48\.0 +│ 16\.0 │/);
    expect(stdout).toContain('  MID-004 · stage 2 · 3d · score 9.0 · does not fit (1.5d left)\n');
    expect(stdout).toContain(
      '  BIG-002 · stage 2 · 10d · score 8.0 · larger than the whole capacity (6d): split it\n',
    );
    expect(stdout).toContain(
      'needs an estimate (no effort):\n  NOEST-006 · stage 2 · score 4.0 · NOEST-006 title\n',
    );
    expect(stdout).toContain('warning: NOEST-006: no paths');
  });

  it('writes --output atomically and says so', async () => {
    const out = join(tmp.dir, 'plan.md');
    const { status, stdout, stderr } = await plan(['--format', 'markdown', '--output', out]);
    expect(status).toBe(0);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe(`mldebt: wrote ${out}`);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Sprint plan: planning\n/);
  });

  it('applies the audit options (--until, --owner) to the items it plans', async () => {
    const { stdout } = await plan([
      '--format',
      'json',
      '--owner',
      'unowned',
      '--until',
      '2026-03-31',
    ]);
    const result = JSON.parse(stdout) as Plan;
    // Three fixes by 2026-03-31 in the window 2025-10-02 … 2026-03-31 (180 days): 0.5 per 30
    // days, observed frequency 3, so HOT-001 (4 × 3 × 3 = 36) drops to stage 2.
    expect(result.window?.until).toBe('2026-03-31');
    expect(result.planned[0]).toMatchObject({ id: 'HOT-001', stage: 2, score: 36 });
  });
});

describe('mldebt plan: capacity mistakes', () => {
  it('names the setting and the flag when there is neither (exit 2, nothing on stdout)', async () => {
    const { status, stdout, stderr } = await plan([], bare);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'mldebt: no capacity to plan with: set settings.capacity in debt.yaml ' +
        '(e.g. capacity: { engineers: 5, sprint: 2w, share: 0.2 }) or pass --capacity <days>\n',
    );
  });

  it.each(['0', '-3', 'abc', '', 'Infinity', '1e400'])(
    'refuses --capacity "%s" in one line',
    async (value) => {
      const { status, stdout, stderr } = await plan(['--capacity', value], bare);
      expect(status).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toContain('--capacity: expected a number of days greater than 0');
    },
  );
});
