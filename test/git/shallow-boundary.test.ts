/**
 * The commit a shallow clone stops at has no parent in the clone: git shows it adding every
 * file it holds. mldebt counts it as a commit that changed nothing, so a shallow clone's
 * figures are the full history's where the history is there, and staleness is judged only
 * where the clone's history reaches. Real clones (`git clone --depth`) of a repository with
 * fixed dates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { git, type CommitSpec } from '../../scripts/lib/repo-builder.js';
import { audit, scan } from '../../src/index.js';
import type { Report } from '../../src/model/index.js';
import { inventoryOf, itemYaml, makeRepo, tempDir, testEnv } from '../helpers/audit-repo.js';

const temp = tempDir('shallow-boundary');
afterAll(temp.remove);

const ana = { name: 'Ana', email: 'ana@example.com' };
const bo = { name: 'Bo', email: 'bo@example.com' };

/**
 * HEAD on 2026-04-01: a 180-day window from 2025-10-03, and with `stale_after: 90d` the
 * stale cut on 2026-01-01. conf/app.yaml was last changed in the first commit.
 */
const history: CommitSpec[] = [
  {
    date: '2025-01-10T12:00:00Z',
    author: ana,
    message: 'Initial import',
    files: {
      'src/a.py': 'a = 0\nb = 1\nc = 2\n',
      'src/b.py': 'b = 0\n',
      'conf/app.yaml': 'lr: 0.1\nepochs: 3\n',
      'conf/other.py': 'x = 0\n',
    },
  },
  { date: '2025-12-01T12:00:00Z', author: bo, message: 'Tune b', files: { 'src/b.py': 'b = 1\n' } },
  { date: '2026-02-01T12:00:00Z', author: bo, message: 'Fix b', files: { 'src/b.py': 'b = 2\n' } },
  {
    date: '2026-03-01T12:00:00Z',
    author: ana,
    message: 'Refactor a',
    files: { 'src/a.py': 'a = 1\nb = 1\nc = 2\n', 'conf/other.py': 'x = 1\n' },
  },
  {
    date: '2026-04-01T12:00:00Z',
    author: bo,
    message: 'Fix a',
    files: { 'src/a.py': 'a = 2\nb = 1\nc = 2\n' },
  },
];

const inventory = inventoryOf(
  [
    itemYaml('A-001', ['src/a.py']),
    itemYaml('B-002', ['src/b.py']),
    itemYaml('CONF-003', ['conf/**']),
  ],
  'settings:\n  stale_after: 90d\n',
);

let repo: string;
beforeAll(() => {
  repo = makeRepo(temp.dir, 'repo', history, inventory);
});

const clones = new Map<number, string>();
/** A clone of the last `depth` commits (made once per depth). */
function clone(depth: number): string {
  let dir = clones.get(depth);
  if (dir === undefined) {
    dir = join(temp.dir, `depth-${depth}`);
    git(temp.dir, ['clone', '-q', '--depth', String(depth), `file://${repo}`, dir]);
    clones.set(depth, dir);
  }
  return dir;
}

async function auditOf(cwd: string): Promise<Report> {
  const { report } = await audit({ cwd, config: join(repo, 'debt.yaml'), env: testEnv(cwd) });
  return report;
}

const item = (report: Report, id: string) => report.items.find((i) => i.id === id)!;

describe('a shallow clone', () => {
  it('counts the commit it stops at as changing nothing, not as adding every file', async () => {
    const full = await auditOf(repo);
    // Four commits: history stops at "Tune b" (2025-12-01), inside the window.
    const shallow = await auditOf(clone(4));
    // src/a.py changed twice in the clone after the boundary, as in the full history; the
    // boundary commit, shown by git as adding src/a.py whole, adds nothing.
    expect(item(shallow, 'A-001').signals.git).toMatchObject({
      commits: 2,
      fixCommits: 1,
      authors: 2,
      churn: 4,
      lastChange: '2026-04-01',
    });
    expect(item(shallow, 'A-001').signals.git).toEqual(item(full, 'A-001').signals.git);
    // "Tune b" did change src/b.py, but the clone cannot say how: undercounted, as warned.
    expect(item(full, 'B-002').signals.git).toMatchObject({ commits: 2, churn: 4 });
    expect(item(shallow, 'B-002').signals.git).toMatchObject({ commits: 1, churn: 2 });
    const warning = shallow.warnings.find((w) => w.code === 'shallow-history')!;
    expect(warning.message).toContain('git history stops at 2025-12-01');
    expect(warning.message).toContain('the commit it stops at counts as changing no file');
    expect(warning.message).not.toContain('not judged stale');
  });

  it('calls a config file stale only where its history reaches, and says since when', async () => {
    const stale = (report: Report) =>
      (item(report, 'CONF-003').signals.config ?? []).filter((f) => f.kind === 'stale');
    // Full history: conf/app.yaml unchanged since 2025-01-10, before the stale cut.
    expect(stale(await auditOf(repo)).map((f) => [f.file, f.detail])).toEqual([
      ['conf/app.yaml', expect.stringMatching(/^unchanged since before 2025-10-03,/)],
    ]);
    // History stops on 2025-12-01, before the stale cut: still stale, unchanged since before
    // then (not "since 2025-12-01", the day git shows the boundary adding it).
    expect(stale(await auditOf(clone(4))).map((f) => [f.file, f.detail])).toEqual([
      ['conf/app.yaml', expect.stringMatching(/^unchanged since before 2025-12-01,/)],
    ]);
    // History stops on 2026-03-01, after the cut: whether it is stale is not in the clone.
    const late = await auditOf(clone(2));
    expect(stale(late)).toEqual([]);
    expect(late.warnings.find((w) => w.code === 'shallow-history')!.message).toContain(
      'Config files unchanged since 2026-03-01 are not judged stale',
    );
  });

  it('scans files untouched since the boundary as changed before it, not at it', async () => {
    const dir = clone(3);
    const { report } = await scan({ cwd: dir, config: join(repo, 'debt.yaml'), env: testEnv(dir) });
    // History stops at "Fix b" (2026-02-01): before it means before that day.
    expect(report.historyFrom).toBe('2026-02-01');
    const row = (path: string) => report.rows.find((r) => r.path === path)!;
    expect(row('conf/app.yaml')).toMatchObject({ commits: 0, lastChange: null });
    expect(row('src/b.py')).toMatchObject({ commits: 0, fixCommits: 0, churn: 0 });
    expect(row('src/a.py')).toMatchObject({ commits: 2, fixCommits: 1 });
  });
});
