/**
 * End to end over a real repository built with fixed dates and identities: fix commits,
 * a rename, a side branch merged with a merge commit, a binary file, a .mailmap, commits on
 * both edges of the window. The CLI runs in-process (`run(argv, io)`, as the binary does);
 * counts are asserted exactly and cross-checked against plain `git log`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRepo, git } from '../../scripts/lib/repo-builder.js';
import type { Report } from '../../src/model/index.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { commits, inventory } from '../helpers/scenario.js';

let base: string;
let repo: string;

function audit(args: string[], cwd = repo) {
  return runInProcess(['audit', ...args], { cwd });
}

async function json(args: string[] = [], cwd = repo): Promise<Report> {
  const res = await audit(['--format', 'json', ...args], cwd);
  expect(res.status, res.stderr).toBe(0);
  return JSON.parse(res.stdout) as Report;
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'mldebt-e2e-'));
  repo = join(base, 'repo');
  buildRepo(repo, commits);
  // The inventory is not committed: it must not count as history.
  writeFileSync(join(repo, 'debt.yaml'), inventory);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('audit over real git history', () => {
  it('counts commits, fixes, authors, churn per item exactly', async () => {
    const report = await json();
    expect(report.window).toEqual({ since: '2026-01-01', until: '2026-06-30', days: 180 });
    const byId = Object.fromEntries(report.items.map((i) => [i.id, i]));

    // FEAT-001 names only the new path; the rename is followed back to the boundary fix.
    const feat = byId['FEAT-001']!.signals.git!;
    expect(feat.commits).toBe(3);
    expect(feat.fixCommits).toBe(2);
    expect(feat.fixes.map((f) => f.subject)).toEqual(['Fix feature nulls', 'fix: boundary case']);
    expect(feat.authors).toBe(2); // ana.old is ana through .mailmap
    expect(feat.churn).toBe(1 + 1 + 2);
    expect(feat.lastChange).toBe('2026-06-30');
    expect(feat.fixesByMonth).toEqual({ '2026-01': 1, '2026-06': 1 });

    const serving = byId['SERV-002']!;
    expect(serving.signals.git).toMatchObject({
      commits: 2,
      fixCommits: 2,
      authors: 1,
      churn: 1 + 1,
    });
    expect(serving.frequency).toMatchObject({
      declared: 1,
      events: 3,
      ratePer30Days: 0.5,
      observed: 3,
      effective: 3,
    });
    expect(serving.incidents.map((i) => i.inWindow)).toEqual([true, false]);

    // Side-branch commits count; the merge commit does not.
    expect(byId['MON-003']!.signals.git).toMatchObject({ commits: 2, fixCommits: 1, authors: 1 });
    expect(byId['MON-003']!.overdue).toBe(true);
    expect(byId['MODEL-004']!.signals.git).toMatchObject({ commits: 1, fixCommits: 0, churn: 0 });
    // A glob that selects nothing is not measured, never zeros.
    expect(byId['TYPO-005']!.signals.git).toBeNull();
    expect(byId['TYPO-005']!.signals.gitNotMeasured).toBe('no file');
    expect(byId['TYPO-005']!.signals.deadGlobs).toEqual(['src/featurs/**']);
    // The last commit fixes both the features and serving: one fix shared by two items.
    expect(feat.sharedFixCommits).toBe(1);
    expect(serving.signals.git!.sharedFixCommits).toBe(1);
  });

  it('agrees with plain git log on the same window', async () => {
    const count = (args: string[]) =>
      git(repo, ['log', '--no-merges', '--format=%H', '--since=2026-01-01T12:00:00Z', ...args])
        .split('\n')
        .filter(Boolean).length;
    const report = await json();
    const byId = Object.fromEntries(report.items.map((i) => [i.id, i]));
    expect(byId['SERV-002']!.signals.git!.commits).toBe(count(['--', 'src/serving']));
    expect(byId['MON-003']!.signals.git!.commits).toBe(count(['--', 'src/monitoring']));
    expect(byId['FEAT-001']!.signals.git!.commits).toBe(
      count(['--follow', '--', 'src/features/transform_ops.py']),
    );
    expect(byId['SERV-002']!.signals.git!.fixCommits).toBe(
      count(['-i', '-E', '--grep=^(hot)?fix', '--', 'src/serving']),
    );
  });

  it('scores and ranks as SPEC §3 says, with totals by category', async () => {
    const report = await json();
    expect(report.items.map((i) => [i.rank, i.id, i.score])).toEqual([
      [1, 'SERV-002', 36], // R4 × F3 (3 events / 6 months = 0.5) × C3
      [2, 'FEAT-001', 12], // R3 × F2 (2 fixes = 0.33/30d) × C2
      [3, 'MON-003', 4], // R2 × F1 × C2 (1 + overdue); ties TYPO-005 on C and R, wins on id
      [4, 'TYPO-005', 4],
      [5, 'MODEL-004', 3], // R1 × F1 × C2 (2600/month = 600/week) × 1.5 compliance
    ]);
    expect(report.totals).toEqual({
      score: 59,
      items: 5,
      byCategory: { data: 12, infrastructure: 36, model: 3, monitoring: 4, pipeline: 4 },
      costOfDelayPerWeek: 600,
    });
    expect(report.notRanked).toEqual([
      {
        id: 'ACC-006',
        title: 'Accepted debt',
        category: 'testing',
        owner: null,
        ownerSource: null,
        status: 'accepted',
      },
    ]);
  });

  it('warns about a glob matching nothing, with a close match, never as zeros alone', async () => {
    const report = await json();
    expect(report.warnings).toEqual([
      {
        code: 'glob-no-match',
        itemId: 'TYPO-005',
        location: { file: 'debt.yaml', line: 44, column: 13 },
        message:
          'TYPO-005: glob "src/featurs/**" matches no tracked file at HEAD and no path changed in the window (did you mean "src/features/**"?)',
      },
      // Its only glob is dead: the item as a whole measures nothing.
      {
        code: 'dead-item',
        itemId: 'TYPO-005',
        location: { file: 'debt.yaml', line: 44, column: 12 },
        message:
          'TYPO-005: its glob matches no file at HEAD and no path changed in the window, so the item gathers no evidence at all: fix its paths, or resolve it if the code is gone',
      },
    ]);
    const table = await audit([]);
    expect(table.stdout).toMatch(/TYPO-005 .*git not measured \(no file\)/);
    expect(table.stdout).toContain('warning: TYPO-005: glob "src/featurs/**"');
    const strict = await audit(['--strict']);
    expect(strict.status).toBe(2);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toContain('--strict: 1 signal could not be fully measured');
  });

  it('renders the table with totals, evidence and warnings, without color when piped', async () => {
    const res = await audit(['--top', '2']);
    expect(res.status).toBe(0);
    expect(res.stdout).not.toContain('\u001b[');
    const lines = res.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^mldebt · e2e · window 2026-01-01 → 2026-06-30 \(180d\) · HEAD [0-9a-f]{10}$/,
    );
    expect(lines[1]).toBe(
      '5 items ranked · total 59.0 (data 12.0 · infrastructure 36.0 · model 3.0 · monitoring 4.0 · pipeline 4.0) · cost of delay 600/week',
    );
    expect(res.stdout).toMatch(
      /│ 1 │ SERV-002 │ Serving has no batch guard .*│ 36\.0 .*│ 2 fixes\/180d \(1 shared\) · 2 commits · 1 author · 1 incident/,
    );
    expect(res.stdout).not.toContain('MON-003');
    expect(res.stdout).toContain('… 3 more (--top 2)');
    expect(res.stdout).toContain('not ranked: ACC-006 (accepted)');
  });

  it('is byte-identical across runs on the same commit', async () => {
    const a = await audit(['--format', 'json']);
    const b = await audit(['--format', 'json']);
    expect(a.stdout).toBe(b.stdout);
    expect((await audit([])).stdout).toBe((await audit([])).stdout);
  });

  it('--no-line-churn leaves churn unmeasured (null) and everything else unchanged', async () => {
    const full = await json();
    const fast = await json(['--no-line-churn']);
    for (const [i, item] of fast.items.entries()) {
      expect(item.signals.git?.churn ?? null).toBeNull();
      expect({ ...item.signals.git, churn: 0 }).toEqual({
        ...full.items[i]!.signals.git,
        churn: 0,
      });
      expect(item.score).toBe(full.items[i]!.score);
    }
    expect(fast.settings.lineChurn).toBe(false);
  });

  it('--since, --until (date or revision), --category and --owner', async () => {
    const short = await json(['--since', '30d']);
    expect(short.window).toEqual({ since: '2026-05-31', until: '2026-06-30', days: 30 });
    expect(short.items.find((i) => i.id === 'SERV-002')!.signals.git!.commits).toBe(1);

    const byDate = await json(['--since', '2026-03-01', '--until', '2026-03-31']);
    expect(byDate.window).toEqual({ since: '2026-03-01', until: '2026-03-31', days: 31 });
    expect(byDate.items.find((i) => i.id === 'MON-003')!.signals.git!.commits).toBe(2);
    expect(byDate.items.find((i) => i.id === 'MON-003')!.overdue).toBe(false);

    const hotfix = git(repo, ['log', '--format=%H', '-1', '--grep=hotfix']).trim();
    const byRev = await json(['--until', hotfix]);
    expect(byRev.repository.head).toBe(hotfix);
    expect(byRev.window?.until).toBe('2026-03-10');

    const infra = await json(['--category', 'infrastructure']);
    expect(infra.items.map((i) => i.id)).toEqual(['SERV-002']);
    expect(infra.totals.score).toBe(36);
    expect((await json(['--owner', 'ana'])).items.map((i) => i.id)).toEqual(['SERV-002']);
    expect((await json(['--owner', 'unowned'])).items).toHaveLength(4);

    const bad = await audit(['--until', 'no-such-rev']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(
      'mldebt: --until: "no-such-rev" is neither a date YYYY-MM-DD nor a single commit in this repository\n',
    );
  });

  it('--repo on a subdirectory means the top level', async () => {
    const report = await json(['--repo', join(repo, 'src', 'serving')], base);
    expect(report.items).toHaveLength(5);
    expect(report.inventory).toBe('debt.yaml');
  });

  it('explain shows every number and where it came from', async () => {
    const res = await runInProcess(['explain', 'feat-001'], { cwd: repo });
    expect(res.status).toBe(0);
    const hashes = git(repo, ['log', '--format=%H %s', '-i', '--grep=fix', '--', 'src/features'])
      .split('\n')
      .filter((l) => l.includes('Fix feature nulls'))
      .map((l) => l.slice(0, 10));
    expect(res.stdout).toContain('score 12.0 = R 3 × F 2 × C 2 × M 1');
    expect(res.stdout).toContain(
      'observed 2 fix commits (1 shared with other items) + 0 incidents in 180d = 0.33/30d -> level 2',
    );
    expect(res.stdout).toContain(`${hashes[0]} 2026-06-30 Fix feature nulls`);
    expect(res.stdout).toContain(
      '3 commits · 2 fix commits (1 shared with other items) · 2 authors · churn 4 lines · last change 2026-06-30',
    );
    expect(res.stdout).toContain('src/features/transform_ops.py (3 commits, 2 fixes)');
    const missing = await runInProcess(['explain', 'NOPE-1'], { cwd: repo });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(
      /^mldebt: no item "NOPE-1" in debt\.yaml; ids: FEAT-001, SERV-002/,
    );
  });
});

describe('history that could not be fully measured', () => {
  it('warns loudly on a shallow clone whose history stops inside the window', async () => {
    const clone = join(base, 'shallow');
    git(base, ['clone', '-q', '--depth', '3', `file://${repo}`, clone]);
    writeFileSync(join(clone, 'debt.yaml'), inventory);
    const res = await runInProcess(['audit', '--format', 'json'], { cwd: clone });
    expect(res.status).toBe(0);
    const report = JSON.parse(res.stdout) as Report;
    expect(report.repository.shallow).toBe(true);
    const warning = report.warnings.find((w) => w.code === 'shallow-history');
    expect(warning?.message).toMatch(
      /^shallow clone: git history stops at 2026-0\d-\d\d, inside the window that starts 2026-01-01/,
    );
    expect(warning?.message).toContain('fetch-depth: 0');
    expect(warning?.message).toContain(
      'git fetch --shallow-since=2026-01-01 && git fetch --deepen=1',
    );
    expect(res.stderr).toContain('mldebt: warning: shallow clone');
    const strict = await runInProcess(['audit', '--strict'], { cwd: clone });
    expect(strict.status).toBe(2);
    expect(strict.stderr).toContain('shallow clone');
  });

  it('audits a plain directory without git signals, saying so', async () => {
    const plain = join(base, 'plain');
    mkdirSync(plain);
    writeFileSync(join(plain, 'debt.yaml'), inventory);
    const res = await runInProcess(['audit', '--format', 'json'], { cwd: plain });
    expect(res.status).toBe(0);
    const report = JSON.parse(res.stdout) as Report;
    expect(report.window).toBeNull();
    expect(report.items.every((i) => i.signals.git === null && i.frequency.events === null)).toBe(
      true,
    );
    expect(report.warnings.map((w) => w.code)).toEqual(['not-git']);
    expect((await runInProcess(['audit', '--strict'], { cwd: plain })).status).toBe(2);
  });

  it('refuses a bare repository', async () => {
    const bare = join(base, 'bare.git');
    git(base, ['clone', '-q', '--bare', repo, bare]);
    const res = await runInProcess(['audit', '--repo', bare, '--config', join(repo, 'debt.yaml')], {
      cwd: base,
    });
    expect(res.status).toBe(2);
    expect(res.stderr).toBe(
      `mldebt: ${bare} is a bare git repository: point --repo at a checkout with a working tree\n`,
    );
  });

  it('handles an empty repository: no window, nothing overdue', async () => {
    const empty = join(base, 'empty');
    mkdirSync(empty);
    git(empty, ['init', '-q']);
    writeFileSync(join(empty, 'debt.yaml'), inventory);
    const report = JSON.parse(
      (await runInProcess(['audit', '--format', 'json'], { cwd: empty })).stdout,
    ) as Report;
    expect(report.window).toBeNull();
    expect(report.repository.head).toBeNull();
    expect(report.items.some((i) => i.overdue)).toBe(false);
    // Without a commit, neither staleness nor unversioned config files can be measured.
    expect(report.notes.map((n) => n.code)).toEqual([
      'empty-repository',
      'config-history-not-measured',
    ]);
  });

  it('never writes to the repository (no index lock, status unchanged)', async () => {
    const before = git(repo, ['status', '--porcelain']);
    await audit([]);
    expect(git(repo, ['status', '--porcelain'])).toBe(before);
  });
});
