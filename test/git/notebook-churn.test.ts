/**
 * Notebook-aware churn: a commit that only re-ran a notebook (new outputs, execution counts)
 * is churn 0; one that changed a cell's code counts that cell's lines, as git would count
 * them in a plain file; `settings.notebooks: exclude` leaves notebooks out of churn; the
 * commits count either way, cold and warm alike, in `audit` and in `scan`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import type { CommitSpec } from '../../scripts/lib/repo-builder.js';
import { audit, scan } from '../../src/index.js';
import { countChangedLines, notebookSourceLines } from '../../src/signals/git/notebook-sources.js';
import { inventoryOf, itemYaml, makeRepo, tempDir, testEnv } from '../helpers/audit-repo.js';

const temp = tempDir('notebooks');
afterAll(temp.remove);

const ana = { name: 'Ana', email: 'ana@example.com' };
const day = (n: number) => new Date(Date.UTC(2024, 0, 1, 12) + n * 86_400_000).toISOString();

/** A notebook (nbformat 4) with the given code cells, run `run` times (outputs, counts). */
function notebook(cells: string[][], run: number): string {
  return (
    JSON.stringify(
      {
        nbformat: 4,
        nbformat_minor: 5,
        metadata: { kernelspec: { name: 'python3' } },
        cells: [
          { cell_type: 'markdown', metadata: {}, source: ['# Training\n', 'Notes.'] },
          ...cells.map((source, i) => ({
            cell_type: 'code',
            execution_count: run * 10 + i,
            metadata: {},
            source: source.map((line, j) => (j < source.length - 1 ? `${line}\n` : line)),
            outputs: Array.from({ length: 40 }, (_, k) => ({
              output_type: 'stream',
              name: 'stdout',
              text: [`epoch ${k} loss ${(run * 0.137 + k) % 1}\n`],
            })),
          })),
        ],
      },
      null,
      1,
    ) + '\n'
  );
}

const cellsV1 = [['import torch', 'lr = 0.01', 'model = build()'], ['train(model, lr)']];
const cellsV2 = [['import torch', 'lr = 0.001', 'model = build()'], ['train(model, lr)']];

function history(): CommitSpec[] {
  return [
    {
      date: day(0),
      author: ana,
      message: 'Add the training notebook',
      files: { 'nb/train.ipynb': notebook(cellsV1, 1), 'nb/util.py': 'a = 1\n' },
    },
    // Re-ran: only outputs and execution counts changed.
    {
      date: day(1),
      author: ana,
      message: 'Re-run',
      files: { 'nb/train.ipynb': notebook(cellsV1, 2) },
    },
    // One line of code changed (and it was re-run).
    {
      date: day(2),
      author: ana,
      message: 'Lower the learning rate',
      files: { 'nb/train.ipynb': notebook(cellsV2, 3), 'nb/util.py': 'a = 2\n' },
    },
    {
      date: day(3),
      author: ana,
      message: 'Rename',
      files: {},
      renames: [['nb/train.ipynb', 'nb/fit.ipynb']],
    },
  ];
}

describe('notebook sources', () => {
  it('reads the cells of nbformat 4 and 3, and refuses what is not a notebook', () => {
    expect(notebookSourceLines(notebook([['x = 1', 'y = 2']], 1))).toEqual([
      '\u0000markdown',
      '# Training',
      'Notes.',
      '\u0000code',
      'x = 1',
      'y = 2',
    ]);
    const v3 = { nbformat: 3, worksheets: [{ cells: [{ cell_type: 'code', input: 'a\nb\n' }] }] };
    expect(notebookSourceLines(JSON.stringify(v3))).toEqual(['\u0000code', 'a', 'b']);
    expect(notebookSourceLines('not json')).toBeNull();
    expect(notebookSourceLines('{"nbformat": 4}')).toBeNull();
  });

  it('counts changed lines as git diff --numstat does', () => {
    const dir = join(temp.dir, 'diffs');
    mkdirSync(dir, { recursive: true });
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 30 });
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        writeFileSync(join(dir, 'a'), a.map((l) => `${l}\n`).join(''));
        writeFileSync(join(dir, 'b'), b.map((l) => `${l}\n`).join(''));
        // Exit 1 means "they differ": not a failure here.
        const out = spawnSync('git', ['diff', '--no-index', '--numstat', 'a', 'b'], {
          cwd: dir,
          encoding: 'utf8',
        }).stdout;
        const [added = '0', deleted = '0'] = out.trim().split('\t');
        expect(countChangedLines(a, b)).toBe(Number(added) + Number(deleted));
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});

describe('notebook churn in the history pass', () => {
  const repo = makeRepo(
    temp.dir,
    'repo',
    history(),
    inventoryOf([itemYaml('NB-001', ['nb/*.ipynb']), itemYaml('PY-001', ['nb/*.py'])]),
  );

  it("counts the cells' sources: a re-run is no churn, a changed line is two", async () => {
    const env = testEnv(repo);
    const { report } = await audit({ cwd: repo, env, since: '30d' });
    const nb = report.items.find((i) => i.id === 'NB-001')!.signals.git!;
    // Added: 1 + 2 (markdown) + 1 + 3 + 1 + 1 cell lines = 9; re-run 0; one line changed: 2.
    expect(nb.commits).toBe(4);
    expect(nb.churn).toBe(9 + 0 + 2);
    expect(report.items.find((i) => i.id === 'PY-001')!.signals.git!.churn).toBe(1 + 2);
    expect(report.notes.map((n) => n.code)).toContain('notebook-churn');
    // Warm: the cache holds git's counts; the sources are counted again.
    const warm = await audit({ cwd: repo, env, since: '30d' });
    expect(warm.report.items.find((i) => i.id === 'NB-001')!.signals.git!.churn).toBe(11);
  });

  it('leaves notebooks out of churn with notebooks: exclude, and counts their commits', async () => {
    writeFileSync(
      join(temp.dir, 'exclude.yaml'),
      inventoryOf(
        [itemYaml('NB-001', ['nb/*.ipynb']), itemYaml('MIX-002', ['nb/**'])],
        'settings:\n  notebooks: exclude\n',
      ),
    );
    const { report } = await audit({
      cwd: repo,
      env: testEnv(repo),
      since: '30d',
      config: join(temp.dir, 'exclude.yaml'),
    });
    const nb = report.items.find((i) => i.id === 'NB-001')!.signals.git!;
    // With a Python file beside the notebooks: that file's lines only.
    expect(report.items.find((i) => i.id === 'MIX-002')!.signals.git!.churn).toBe(1 + 2);
    expect(nb.commits).toBe(4);
    // Every file of the item is a notebook: its churn was not measured, never 0.
    expect(nb.churn).toBeNull();
    expect(report.notes.map((n) => n.code)).toContain('notebooks-excluded');
  });

  it("leaves a notebook's churn unmeasured in scan with notebooks: exclude", async () => {
    const { report } = await scan({
      cwd: repo,
      env: testEnv(repo),
      since: '30d',
      config: join(temp.dir, 'exclude.yaml'),
    });
    const row = (path: string) => report.rows.find((r) => r.path === path)!;
    expect(row('nb/fit.ipynb')).toMatchObject({ commits: 4, churn: null });
    expect(row('nb/util.py')).toMatchObject({ commits: 2, churn: 3 });
  });

  it('counts them the same when churn is read only within the items’ globs', async () => {
    // Six files besides: the notebook item's glob selects a seventh of the files at HEAD, so
    // line churn is read within it alone (two gits, both kept waiting for the notebooks).
    const others = Object.fromEntries(
      Array.from({ length: 6 }, (_, i) => [`lib/part${i}.py`, `x = ${i}\n`]),
    );
    const scoped = makeRepo(
      temp.dir,
      'scoped',
      [{ date: day(0), author: ana, message: 'Add the library', files: others }, ...history()],
      inventoryOf([itemYaml('NB-001', ['nb/*.ipynb'])]),
    );
    const debug: string[] = [];
    const run = async (extra: Record<string, string>) => {
      const { report } = await audit({
        cwd: scoped,
        env: testEnv(scoped, extra),
        since: '30d',
        cache: false,
        onDebug: (line) => debug.push(line),
      });
      return report.items.find((i) => i.id === 'NB-001')!.signals.git!;
    };
    expect((await run({})).churn).toBe(11);
    expect(debug.some((line) => line.includes('line churn only within'))).toBe(true);
    expect(await run({ MLDEBT_CHURN_SCOPE: 'all' })).toEqual(await run({}));
  });

  it("gives scan's per-file churn from the sources too", async () => {
    const { report } = await scan({
      cwd: repo,
      env: testEnv(repo),
      since: '30d',
      inventory: false,
    });
    const row = report.rows.find((r) => r.path === 'nb/fit.ipynb')!;
    expect(row.commits).toBe(4);
    expect(row.churn).toBe(11);
  });
});
