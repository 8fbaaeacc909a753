/**
 * Items without a declared owner take the CODEOWNERS owner of their hottest file: the pure
 * rule, the audit on a real repository (every format says where the owner came from), and
 * `--owner` selecting by those owners before anything is ranked.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { trend } from '../../src/commands/trend.js';
import { renderReport } from '../../src/report/registry.js';
import { ownerLabel } from '../../src/report/format.js';
import { parseCodeowners } from '../../src/signals/owners/codeowners.js';
import { codeownersMatchOf, effectiveOwner } from '../../src/signals/owners/item-owner.js';
import {
  auditError,
  auditIn,
  inventoryOf,
  itemYaml,
  makeRepo,
  tempDir,
} from '../helpers/audit-repo.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { countingGit } from '../helpers/git-calls.js';

const CODEOWNERS = [
  '# default owners',
  '*                   @platform',
  '/src/train/         @ml-team @ana',
  '/src/train/data.py  @data-team',
  '/src/serve/',
  '/legacy/            @ghost',
  '',
].join('\n');

describe('codeownersMatchOf', () => {
  const codeowners = { file: '.github/CODEOWNERS', rules: parseCodeowners(CODEOWNERS) };
  const hot = (path: string, commits = 1) => ({ path, commits, fixCommits: 0 });

  it('takes the rule of the hottest file, the last matching rule winning', () => {
    const match = codeownersMatchOf(
      codeowners,
      [hot('src/train/data.py', 3), hot('src/train/loop.py', 1)],
      ['src/train/data.py', 'src/train/loop.py'],
    );
    expect(match).toEqual({
      file: '.github/CODEOWNERS',
      line: 4,
      pattern: '/src/train/data.py',
      path: 'src/train/data.py',
      owners: ['@data-team'],
    });
    expect(effectiveOwner(undefined, match)).toEqual({
      owner: '@data-team',
      ownerSource: 'codeowners',
    });
  });

  it('falls back to the first file at HEAD in path order when nothing changed', () => {
    const match = codeownersMatchOf(codeowners, [], ['src/train/z.py', 'docs/a.md']);
    expect(match?.path).toBe('docs/a.md');
    expect(match?.owners).toEqual(['@platform']);
  });

  it('keeps the first owner of a directory rule and the others in the match', () => {
    const match = codeownersMatchOf(codeowners, [hot('src/train/loop.py')], []);
    expect(match?.owners).toEqual(['@ml-team', '@ana']);
    expect(effectiveOwner(undefined, match).owner).toBe('@ml-team');
  });

  it('leaves unowned a file whose last rule has no owners, and an item without files', () => {
    const serve = codeownersMatchOf(codeowners, [], ['src/serve/app.py']);
    expect(serve).toMatchObject({ pattern: '/src/serve/', owners: [] });
    expect(effectiveOwner(undefined, serve)).toEqual({ owner: null, ownerSource: null });
    expect(codeownersMatchOf(codeowners, [], [])).toBeNull();
    const none = { file: 'CODEOWNERS', rules: parseCodeowners('/only/here/ @x\n') };
    expect(codeownersMatchOf(none, [], ['elsewhere.py'])).toBeNull();
  });

  it('never overrides a declared owner, and labels an owner taken from CODEOWNERS', () => {
    const match = codeownersMatchOf(codeowners, [], ['src/train/data.py']);
    expect(effectiveOwner('ana', match)).toEqual({ owner: 'ana', ownerSource: 'inventory' });
    expect(ownerLabel({ owner: '@data-team', ownerSource: 'codeowners' })).toBe(
      '@data-team (CODEOWNERS)',
    );
    expect(ownerLabel({ owner: 'ana', ownerSource: 'inventory' })).toBe('ana');
    expect(ownerLabel({ owner: null, ownerSource: null })).toBe('unowned');
  });
});

describe('owners from CODEOWNERS in an audit', () => {
  const temp = tempDir('owners');
  afterAll(temp.remove);
  const ana = { name: 'Ana', email: 'ana@example.com' };
  const touch = (date: string, message: string, files: Record<string, string>) => ({
    date,
    author: ana,
    message,
    files,
  });
  const repo = makeRepo(
    temp.dir,
    'repo',
    [
      // Before the 180-day window: every file exists, docs never change again.
      touch('2025-06-01T00:00:00Z', 'Initial', {
        '.github/CODEOWNERS': CODEOWNERS,
        'src/train/data.py': '0\n',
        'src/train/loop.py': '0\n',
        'src/serve/app.py': '0\n',
        'docs/readme.md': '# docs\n',
      }),
      touch('2026-05-01T00:00:00Z', 'fix: data types', { 'src/train/data.py': '1\n' }),
      touch('2026-05-10T00:00:00Z', 'fix: nulls', { 'src/train/data.py': '2\n' }),
      touch('2026-06-01T00:00:00Z', 'tune loop', { 'src/train/loop.py': '1\n' }),
      touch('2026-06-30T00:00:00Z', 'fix: serve', { 'src/serve/app.py': '1\n' }),
    ],
    inventoryOf([
      itemYaml('TRAIN-001', ['src/train/**']),
      itemYaml('TRAIN-002', ['src/train/loop.py'], '    owner: ana\n'),
      itemYaml('SERVE-003', ['src/serve/**']),
      itemYaml('DOCS-004', ['docs/**']),
      itemYaml('NONE-005', []),
      itemYaml('ACC-006', ['src/train/loop.py'], '    status: accepted\n'),
      '  - id: MODEL-007\n    title: Model\n    category: model\n    owner: bob\n' +
        '    risk: 2\n    cost_of_delay: 2\n    paths: ["src/serve/app.py"]\n',
    ]),
  );

  it('gives each item without an owner the first owner of its hottest file, saying so', async () => {
    const report = await auditIn(repo);
    const owners = Object.fromEntries(
      [...report.items, ...report.notRanked].map((i) => [i.id, [i.owner, i.ownerSource]]),
    );
    expect(owners).toEqual({
      'TRAIN-001': ['@data-team', 'codeowners'], // data.py: 2 commits, loop.py: 1
      'TRAIN-002': ['ana', 'inventory'],
      'SERVE-003': [null, null], // its rule names no owner
      'DOCS-004': ['@platform', 'codeowners'], // unchanged in the window: its first file
      'NONE-005': [null, null],
      'ACC-006': ['@ml-team', 'codeowners'], // not ranked: its first file at HEAD
      'MODEL-007': ['bob', 'inventory'],
    });
    const train = report.items.find((i) => i.id === 'TRAIN-001')!;
    expect(train.signals.codeowners).toEqual({
      file: '.github/CODEOWNERS',
      line: 4,
      pattern: '/src/train/data.py',
      path: 'src/train/data.py',
      owners: ['@data-team'],
    });
    const serve = report.items.find((i) => i.id === 'SERVE-003')!;
    expect(serve.signals.codeowners).toMatchObject({ pattern: '/src/serve/', owners: [] });
    expect(report.items.find((i) => i.id === 'NONE-005')!.signals.codeowners).toBeNull();

    const options = { color: false };
    const table = await renderReport(report, 'table', options);
    expect(table).toContain('@data-team (CODEOWNERS)');
    const markdown = await renderReport(report, 'markdown', options);
    expect(markdown).toContain(
      '- Owner: \\@data-team (CODEOWNERS: .github/CODEOWNERS:4 /src/train/data.py owns src/train/data.py)',
    );
    expect(await renderReport(report, 'html', options)).toContain(
      'data-owner="@data-team (CODEOWNERS)"',
    );
    const csv = await renderReport(report, 'csv', options);
    expect(csv).toMatch(/TRAIN-001,[^\r]*,@data-team,[^\r]*,codeowners,[^,\r]*\r\n/);
    const json = JSON.parse(await renderReport(report, 'json', options)) as typeof report;
    expect(json.items.find((i) => i.id === 'DOCS-004')).toMatchObject({
      owner: '@platform',
      ownerSource: 'codeowners',
    });
  });

  it('explains where the owner came from', async () => {
    const result = await runInProcess(['explain', 'TRAIN-001'], { cwd: repo });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      'owner @data-team (CODEOWNERS: .github/CODEOWNERS:4 /src/train/data.py owns src/train/data.py)',
    );
  });

  it('selects by the owner the report shows, with a first pass only when CODEOWNERS names it', async () => {
    const select = async (owner: string) => {
      const git = countingGit(temp.dir, `owner-${owner.replace(/\W/g, '')}`, repo);
      const report = await auditIn(repo, { owner, env: git.env });
      expect(report.selection).toEqual({ category: null, owner });
      return {
        ids: [...report.items, ...report.notRanked].map((i) => i.id).sort(),
        passes: git.passes(),
      };
    };
    expect(await select('@data-team')).toEqual({ ids: ['TRAIN-001'], passes: 2 });
    expect(await select('@ML-TEAM')).toEqual({ ids: ['ACC-006'], passes: 2 });
    expect(await select('@platform')).toEqual({ ids: ['DOCS-004'], passes: 2 });
    expect(await select('unowned')).toEqual({ ids: ['NONE-005', 'SERVE-003'], passes: 2 });
    // A name only the inventory declares: items without one cannot take it, one pass.
    expect(await select('ana')).toEqual({ ids: ['TRAIN-002'], passes: 1 });
  });

  it("selects a trend's every point by today's owners, walking the history once more", async () => {
    const git = countingGit(temp.dir, 'owner-trend', repo);
    const { reports } = await trend({ cwd: repo, env: git.env, owner: '@data-team', months: 3 });
    expect(reports.map((r) => r.items.map((i) => i.id))).toEqual(reports.map(() => ['TRAIN-001']));
    expect(git.passes()).toBe(2);
  });

  it('refuses a typo, and a name CODEOWNERS gives that owns none of the items', async () => {
    expect(await auditError(repo, { owner: '@dta-team' })).toMatch(
      /--owner: no item of debt\.yaml has owner "@dta-team" \(did you mean "@data-team"\?\)/,
    );
    expect(await auditError(repo, { owner: '@ghost' })).toBe(
      '--owner: no item of debt.yaml has owner "@ghost" (an item without a declared ' +
        'owner takes the CODEOWNERS owner of its hottest file)',
    );
    expect(await auditError(repo, { owner: '@data-team', category: 'model' })).toMatch(
      /^--owner: no item of category "model" of debt\.yaml has owner "@data-team"/,
    );
  });

  it('reads CODEOWNERS from the root when .github/ has none, and nothing without one', async () => {
    const plain = makeRepo(
      temp.dir,
      'plain',
      [touch('2026-06-01T00:00:00Z', 'Initial', { 'src/a.py': '1\n' })],
      inventoryOf([itemYaml('DATA-001', ['src/**'])]),
    );
    expect((await auditIn(plain)).items[0]).toMatchObject({ owner: null, ownerSource: null });
    mkdirSync(join(plain, 'docs'), { recursive: true });
    writeFileSync(join(plain, 'docs', 'CODEOWNERS'), 'src/ @docs-owned\n');
    writeFileSync(join(plain, 'CODEOWNERS'), 'src/ @root-owned\n');
    expect((await auditIn(plain)).items[0]).toMatchObject({
      owner: '@root-owned',
      ownerSource: 'codeowners',
    });
  });
});
