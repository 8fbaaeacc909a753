/**
 * `mldebt trend` on a repository whose every figure is computed by hand: a 90-day window,
 * fix commits entering and leaving it, an item created in the middle, one resolved in the
 * middle, a due date passing. Each past point must equal `audit --until <day>` of the
 * inventory as it stood then, the last point today's audit, and one git log must serve all.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint } from 'markdownlint/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommitSpec } from '../../scripts/lib/repo-builder.js';
import { trend } from '../../src/commands/trend.js';
import { renderTrend } from '../../src/report/trend/index.js';
import { auditIn, makeRepo, tempDir, testEnv } from '../helpers/audit-repo.js';
import { countingGit } from '../helpers/git-calls.js';
import { runInProcess } from '../helpers/run-in-process.js';

const temp = tempDir('trend');
afterAll(temp.remove);
const ana = { name: 'Ana', email: 'ana@example.com' };
const commit = (date: string, message: string, paths: string[]): CommitSpec => ({
  date: `${date}T10:00:00Z`,
  author: ana,
  message,
  files: Object.fromEntries(paths.map((p) => [p, `${message}\n`])),
});

// Every item: risk 2, cost of delay 2, no declared frequency; frequency levels per 30 days
// 0.25 / 0.5 / 1 / 2 reach 2 / 3 / 4 / 5. Over 90 days: 1 fix → 0.33 (2), 2 → 0.67 (3),
// 3 → 1.0 (4).
const INVENTORY = `version: 1
project: trendy
settings:
  window: 90d
items:
  - id: A-001
    title: fixes come and go
    category: data
    risk: 2
    cost_of_delay: 2
    paths: [a.py]
  - id: B-001
    title: created in May
    category: model
    risk: 2
    cost_of_delay: 2
    created: 2026-05-01
    paths: [b.py]
  - id: C-001
    title: resolved in April
    category: model
    status: resolved
    resolved: 2026-04-20
    risk: 2
    cost_of_delay: 2
    paths: [c.py]
  - id: D-001
    title: due in May
    category: pipeline
    risk: 2
    cost_of_delay: 2
    due: 2026-05-15
    paths: [d.py]
`;

let repo: string;
beforeAll(() => {
  repo = makeRepo(
    temp.dir,
    'repo',
    [
      commit('2025-12-01', 'Initial import', ['a.py', 'b.py', 'c.py', 'd.py', 'README.md']),
      commit('2026-01-10', 'fix: a lost rows', ['a.py']),
      commit('2026-02-10', 'fix: a dtype', ['a.py']),
      commit('2026-03-10', 'fix: a again', ['a.py']),
      commit('2026-06-01', 'fix: a once more', ['a.py']),
      commit('2026-06-15', 'Update the readme', ['README.md']),
    ],
    INVENTORY,
  );
});

const DAYS = ['2026-03-31', '2026-04-30', '2026-05-31', '2026-06-15'];

describe('trend', () => {
  it('scores each point by hand: fixes entering and leaving, created, resolved, due', async () => {
    const { trend: t } = await trend({ cwd: repo, env: testEnv(repo), months: 3 });
    expect(t.points.map((p) => p.date)).toEqual(DAYS);
    // A: 3 fixes (Jan, Feb, Mar) → F4 → 16; Feb, Mar → F3 → 12; Mar → 8; June → 8.
    // B exists from May 1; C is open until its resolved day (April 20); D is past due after
    // May 15 (cost of delay 2 → 3: 2 × 1 × 3 = 6).
    expect(t.points.map((p) => p.items)).toEqual([
      { 'A-001': 16, 'C-001': 4, 'D-001': 4 },
      { 'A-001': 12, 'D-001': 4 },
      { 'A-001': 8, 'B-001': 4, 'D-001': 6 },
      { 'A-001': 8, 'B-001': 4, 'D-001': 6 },
    ]);
    expect(t.points.map((p) => p.total)).toEqual([24, 16, 18, 18]);
    expect(t.points.map((p) => p.byCategory)).toEqual([
      { data: 16, model: 4, pipeline: 4 },
      { data: 12, pipeline: 4 },
      { data: 8, model: 4, pipeline: 6 },
      { data: 8, model: 4, pipeline: 6 },
    ]);
    expect(t.items.map((i) => [i.id, i.scores])).toEqual([
      ['A-001', [16, 12, 8, 8]],
      ['D-001', [4, 4, 6, 6]],
      ['B-001', [null, null, 4, 4]],
      ['C-001', [4, null, null, null]],
    ]);
    expect(t.fixesByCategory).toEqual({
      data: { '2026-01': 1, '2026-02': 1, '2026-03': 1, '2026-06': 1 },
    });
    expect(t.notes.map((n) => n.code)).toContain('trend-working-tree');
  });

  it('is audit --until at each past point (as the inventory stood), and today the audit itself', async () => {
    const { reports } = await trend({ cwd: repo, env: testEnv(repo), months: 3 });
    for (const [i, day] of DAYS.slice(0, -1).entries()) {
      const audit = await auditIn(repo, { until: day, asOf: day });
      expect(reports[i]!.items).toEqual(audit.items);
      expect(reports[i]!.totals).toEqual(audit.totals);
      expect(reports[i]!.window).toEqual(audit.window);
    }
    expect(reports[DAYS.length - 1]).toEqual(await auditIn(repo));
  });

  it('walks the history and lists the files once for every point', async () => {
    const git = countingGit(temp.dir, 'trend', repo);
    const env = git.env;
    const { trend: t } = await trend({ cwd: repo, env, months: 6 });
    expect(t.points).toHaveLength(7);
    expect(git.passes()).toBe(1);
    // What describes the repository now is read once for all points, not once per point.
    expect(git.calls('ls-tree')).toBe(1);
    expect(git.calls('ls-files')).toBe(2);
    expect(git.calls('--show-toplevel')).toBe(1);
  });

  it('writes every format; markdown passes markdownlint and JSON keeps its names', async () => {
    const { trend: t } = await trend({ cwd: repo, env: testEnv(repo), months: 3 });
    const json = JSON.parse(await renderTrend(t, 'json', { color: false }));
    expect(json.points[0]).toMatchObject({ date: '2026-03-31', total: 24, items: { 'A-001': 16 } });
    const markdown = await renderTrend(t, 'markdown', { color: false });
    const results = await lint({ strings: { doc: markdown } });
    expect(results.doc ?? []).toEqual([]);
    expect(markdown).toContain('| **Total** | all | **24.0** | **16.0** | **18.0** | **18.0** |');
    const csv = await renderTrend(t, 'csv', { color: false });
    expect(csv.split('\r\n')[0]).toBe('date,kind,category,id,title,score');
    expect(csv).toContain('2026-04-30,total,,,,16.0\r\n');
    expect(csv).toContain('2026-05-31,item,model,B-001,created in May,4.0\r\n');
    expect(csv).not.toContain('2026-04-30,item,model,B-001');
    const table = await renderTrend(t, 'table', { color: false });
    expect(table).toMatch(/B-001 +│ model +│ +— │ +— │ +4\.0 │ +4\.0 │/);
    const page = await renderTrend(t, 'html', { color: false });
    expect(page).toContain('Total debt score at each point');
    expect(page).toContain('Debt score by category at each point');
    expect(page).not.toMatch(/\s(src|href)="(?!#)/);
    expect(await renderTrend(t, 'html', { color: false })).toBe(page);
  });
});

describe('mldebt trend (CLI)', () => {
  it('prints the JSON trend', async () => {
    const res = await runInProcess(['trend', '--months', '3', '--format', 'json'], { cwd: repo });
    expect(res.status, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout).points.map((p: { total: number }) => p.total)).toEqual([
      24, 16, 18, 18,
    ]);
  });

  it.each([
    [['--months', '0'], '--months: expected a whole number of months from 1 to 120, got "0"'],
    [['--since', '2026-01-01'], 'trend compares windows of one length'],
    [['--until', 'HEAD~1'], '--until HEAD~1: trend needs a day (YYYY-MM-DD), not a revision'],
    [['--until', '2026-13-01'], '--until: "2026-13-01" is not a real date'],
  ])('refuses %j in one line (exit 2)', async (args, message) => {
    const res = await runInProcess(['trend', ...args], { cwd: repo });
    expect(res.status).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain(message);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('explain over time', () => {
  it("shows the item's score at each point and why it changed", async () => {
    const { explain } = await import('../../src/commands/explain.js');
    const { renderExplain } = await import('../../src/report/explain.js');
    const a = await explain('A-001', { cwd: repo, env: testEnv(repo) });
    // Six month ends before June, then the end day. No fix in December's window: F1 → 4;
    // January's holds one (F2 → 8), February's two (F3 → 12), March's three (F4 → 16).
    expect(a.history.points!.map((p) => [p.date, p.item?.score ?? null])).toEqual([
      ['2025-12-31', 4],
      ['2026-01-31', 8],
      ['2026-02-28', 12],
      ['2026-03-31', 16],
      ['2026-04-30', 12],
      ['2026-05-31', 8],
      ['2026-06-15', 8],
    ]);
    const text = renderExplain(a.report, a.item!, a.history);
    expect(text).toMatch(
      /2026-03-31 +16\.0 +R 2 × F 4 × C 2 × M 1 · 3 events\n +↳ fix commit [0-9a-f]{7} \(2026-01-10\) left the window\n +↳ frequency 4 → 3\n +2026-04-30 +12\.0/,
    );
    expect(text).toMatch(
      /↳ fix commit [0-9a-f]{7} \(2026-06-01\) entered the window\n +↳ fix commit [0-9a-f]{7} \(2026-03-10\) left the window\n +2026-06-15/,
    );
    const d = await explain('D-001', { cwd: repo, env: testEnv(repo) });
    expect(renderExplain(d.report, d.item!, d.history)).toMatch(
      /2026-04-30 +4\.0[^\n]*\n +↳ due date 2026-05-15 passed\n +↳ cost of delay 2 → 3\n +2026-05-31 +6\.0/,
    );
  });
});

describe('explain without history', () => {
  it('explains the audit alone and says why there is no score over time', async () => {
    const { explain } = await import('../../src/commands/explain.js');
    const { renderExplain } = await import('../../src/report/explain.js');
    const plain = join(temp.dir, 'plain');
    mkdirSync(plain, { recursive: true });
    writeFileSync(join(plain, 'a.py'), 'print(1)\n');
    writeFileSync(join(plain, 'debt.yaml'), INVENTORY);
    const a = await explain('A-001', { cwd: plain, repo: plain, env: testEnv(plain) });
    expect(a.history.unavailable).toBe('trend needs git history: not a git repository');
    expect(renderExplain(a.report, a.item!, a.history)).toContain(
      'Score over time: not available (trend needs git history: not a git repository)',
    );
  });
});
