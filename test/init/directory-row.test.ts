/**
 * An item init makes from a directory row of scan covers that row's files and no more: the
 * audit of the inventory it writes gives the item the very figures the row showed, however
 * hot the directory's subdirectories are (they are rows, and items, of their own).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommitSpec } from '../../scripts/lib/repo-builder.js';
import { audit, init } from '../../src/index.js';
import { makeRepo, tempDir, testEnv } from '../helpers/audit-repo.js';

const temp = tempDir('init-directory-row');
afterAll(temp.remove);

const ana = { name: 'Ana', email: 'ana@example.com' };
const bo = { name: 'Bo', email: 'bo@example.com' };
const at = (day: number) => new Date(Date.UTC(2026, 2, 1, 12) + day * 86_400_000).toISOString();

/** `pkg/` has two hot files of its own; `pkg/sub/` is hotter, and more often changed. */
const history: CommitSpec[] = [
  {
    date: at(0),
    author: ana,
    message: 'Initial import',
    files: {
      'pkg/a.py': 'a = 0\n',
      'pkg/b.py': 'b = 0\n',
      'pkg/sub/c.py': 'c = 0\n',
      'pkg/sub/d.py': 'd = 0\n',
      'README.md': 'readme\n',
    },
  },
  { date: at(1), author: ana, message: 'Fix a', files: { 'pkg/a.py': 'a = 1\n' } },
  { date: at(2), author: bo, message: 'Fix b', files: { 'pkg/b.py': 'b = 1\n' } },
  { date: at(3), author: bo, message: 'Fix c', files: { 'pkg/sub/c.py': 'c = 1\n' } },
  { date: at(4), author: ana, message: 'Fix d', files: { 'pkg/sub/d.py': 'd = 1\n' } },
  {
    date: at(5),
    author: bo,
    message: 'Fix c and d',
    files: { 'pkg/sub/c.py': 'c = 2\n', 'pkg/sub/d.py': 'd = 2\n' },
  },
  { date: at(6), author: ana, message: 'Tidy c', files: { 'pkg/sub/c.py': 'c = 3\n' } },
];

describe('init from a directory row', () => {
  it('writes a glob of the directory’s own files, whose audit counts what the row counted', async () => {
    const repo = makeRepo(temp.dir, 'repo', history);
    const env = testEnv(repo);
    const planned = await init({ cwd: repo, env });
    const rows = planned.scan.report.rows.filter((row) => row.kind === 'directory');
    expect(rows.map((row) => [row.path, row.commits, row.fixCommits])).toEqual([
      ['pkg/sub/', 5, 3],
      ['pkg/', 3, 2],
    ]);
    const fromRows = planned.suggestions.filter((s) => s.row?.kind === 'directory');
    expect(fromRows.map((s) => s.paths)).toEqual([['pkg/sub/*'], ['pkg/*']]);

    writeFileSync(join(repo, 'debt.yaml'), planned.content!);
    const { report } = await audit({ cwd: repo, env });
    for (const suggestion of fromRows) {
      const item = report.items.find((i) => i.id === suggestion.id)!;
      const row = suggestion.row!;
      // `pkg/**` would give pkg/'s item pkg/sub/'s commits as well: 7 commits, 5 fixes.
      expect(item.signals.git).toMatchObject({
        commits: row.commits,
        fixCommits: row.fixCommits,
        authors: row.authors,
        sharedFixCommits: 0,
      });
    }
  });
});
