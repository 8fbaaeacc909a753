/**
 * What an item's figures rest on: its globs (negation, globs that select nothing), which fix
 * commits count as failures (typo and lint fixes, bots, fixes shared with other items), and
 * the filters, repository and baseline a run is about. In-process audits of real repositories.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommitSpec } from '../../scripts/lib/repo-builder.js';
import { renderExplain } from '../../src/report/explain.js';
import { renderCsv } from '../../src/report/renderers/csv.js';
import { renderJson } from '../../src/report/renderers/json.js';
import { renderTable } from '../../src/report/renderers/table.js';
import {
  auditError,
  auditIn,
  inventoryOf,
  itemYaml,
  makeRepo,
  tempDir,
} from '../helpers/audit-repo.js';

const temp = tempDir('items');
afterAll(temp.remove);
const ana = { name: 'Ana', email: 'ana@example.com' };
const bo = { name: 'Bo', email: 'bo@example.com' };
const dependabot = {
  name: 'dependabot[bot]',
  email: '49699333+dependabot[bot]@users.noreply.github.com',
};

const commits: CommitSpec[] = [
  {
    date: '2026-01-01T00:00:00Z',
    author: ana,
    message: 'Initial',
    files: {
      'src/lora/layer.py': '1\n',
      'src/lora/bnb.py': '1\n',
      'src/serving/app.py': '1\n',
      'requirements.txt': 'torch\n',
    },
  },
  {
    date: '2026-02-01T00:00:00Z',
    author: bo,
    message: 'fix: bnb overflow',
    files: { 'src/lora/bnb.py': '2\n' },
  },
  {
    date: '2026-02-02T00:00:00Z',
    author: bo,
    message: 'DOC Fix typos',
    files: { 'src/lora/layer.py': '2\n' },
  },
  {
    date: '2026-02-03T00:00:00Z',
    author: bo,
    message: 'Fix mypy lint issue',
    files: { 'src/lora/layer.py': '3\n' },
  },
  {
    date: '2026-02-04T00:00:00Z',
    author: dependabot,
    message: 'fix(deps): bump torch from 2.1 to 2.2',
    files: { 'requirements.txt': 'torch==2.2\n', 'src/lora/layer.py': '4\n' },
  },
  {
    date: '2026-02-05T00:00:00Z',
    author: ana,
    message: 'fix: crash when the adapter is missing',
    files: { 'src/lora/layer.py': '5\n', 'src/serving/app.py': '2\n' },
  },
  {
    date: '2026-03-01T00:00:00Z',
    author: ana,
    message: 'Tune',
    files: { 'src/serving/app.py': '3\n' },
  },
];

const repo = makeRepo(
  temp.dir,
  'repo',
  commits,
  inventoryOf([
    itemYaml('LORA-001', ['src/lora/**', '!src/lora/bnb.py']),
    itemYaml('SERV-002', ['src/serving/**'], '    owner: Ana\n'),
    itemYaml('TYPO-003', ['src/lroa/**']),
    itemYaml('HALF-004', ['src/serving/**', 'src/srving/**']),
  ]),
);

const byId = async (options = {}) =>
  Object.fromEntries((await auditIn(repo, options)).items.map((i) => [i.id, i]));

describe('globs', () => {
  it('subtracts a "!" glob from the item\'s other globs', async () => {
    const lora = (await byId())['LORA-001']!.signals.git!;
    // bnb.py's own fix is excluded; the item is layer.py only, not the whole repository.
    expect(lora.matchedFiles).toBe(1);
    expect(lora.hotFiles.map((f) => f.path)).toEqual(['src/lora/layer.py']);
    expect(lora.commits).toBe(5);
  });

  it('refuses an item of "!" globs only', async () => {
    writeFileSync(
      join(repo, 'only-negative.yaml'),
      inventoryOf([itemYaml('NEG-001', ['!src/lora/bnb.py'])]),
    );
    expect(await auditError(repo, { config: 'only-negative.yaml' })).toMatch(
      /^only-negative\.yaml:\d+:\d+: error: items\[0\]\.paths: only "!" globs, which exclude from nothing/,
    );
  });

  it('reads a glob that selects nothing as not measured in every format, never as zeros', async () => {
    const report = await auditIn(repo);
    const typo = report.items.find((i) => i.id === 'TYPO-003')!;
    expect(typo.signals.git).toBeNull();
    expect(typo.signals.gitNotMeasured).toBe('no file');
    expect(typo.frequency.observed).toBeNull();
    const json = JSON.parse(renderJson(report, { color: false })) as typeof report;
    expect(json.items.find((i) => i.id === 'TYPO-003')!.signals.git).toBeNull();
    const csvRow = renderCsv(report, { color: false })
      .split('\r\n')
      .find((row) => row.includes('TYPO-003'))!;
    // fix_commits, commits, authors, churn: empty cells, not 0,0,0,0.
    expect(csvRow).toMatch(/,,,,,/);
    expect(csvRow).not.toMatch(/,0,0,0,0,/);
    expect(renderExplain(report, typo)).toContain('  git: not measured (no file)\n');
    expect(renderTable(report, { color: false })).toMatch(
      /TYPO-003 .*git not measured \(no file\)/,
    );
    expect(report.warnings.filter((w) => w.itemId === 'TYPO-003').map((w) => w.message)).toEqual([
      'TYPO-003: glob "src/lroa/**" matches no tracked file at HEAD and no path changed in the window (did you mean "src/lora/**"?)',
      'TYPO-003: its glob matches no file at HEAD and no path changed in the window, so the item gathers no evidence at all: fix its paths, or resolve it if the code is gone',
    ]);
  });

  it('marks a row whose figures rest on some of its globs only', async () => {
    const report = await auditIn(repo);
    const half = report.items.find((i) => i.id === 'HALF-004')!;
    expect(half.signals.git).toMatchObject({ commits: 3 });
    expect(half.signals.deadGlobs).toEqual(['src/srving/**']);
    expect(renderTable(report, { color: false })).toMatch(
      /HALF-004 .*matches nothing: src\/srving\/\*\*/,
    );
    expect(renderCsv(report, { color: false })).toMatch(
      /HALF-004,.*,src\/srving\/\*\*,none,[^,\r]*,[^,\r]*\r\n/,
    );
  });
});

describe('failure events', () => {
  it('leaves out typo, lint and bot "fixes", counts bots as commits only, and shows shared fixes', async () => {
    const items = await byId();
    const lora = items['LORA-001']!;
    // layer.py: typo fix, lint fix, dependabot bump, the real crash fix -> 1 failure event.
    expect(lora.signals.git).toMatchObject({
      commits: 5,
      fixCommits: 1,
      sharedFixCommits: 1,
      authors: 2, // ana and bo; the bot is no author
    });
    expect(lora.signals.git!.fixes.map((f) => f.subject)).toEqual([
      'fix: crash when the adapter is missing',
    ]);
    expect(items['SERV-002']!.signals.git).toMatchObject({ fixCommits: 1, sharedFixCommits: 1 });
    expect(lora.frequency.reasons[0]).toBe(
      'observed 1 fix commit (1 shared with other items) + 0 incidents in 180d = 0.17/30d -> level 1',
    );
  });

  it('switches both rules off with fix_exclude: false and bots: []', async () => {
    writeFileSync(
      join(repo, 'rules-off.yaml'),
      inventoryOf(
        [itemYaml('LORA-001', ['src/lora/**', '!src/lora/bnb.py'])],
        'settings:\n  fix_exclude: false\n  bots: []\n',
      ),
    );
    const lora = (await auditIn(repo, { config: 'rules-off.yaml' })).items[0]!.signals.git!;
    expect(lora).toMatchObject({ commits: 5, fixCommits: 4, authors: 3, sharedFixCommits: 0 });
  });
});

describe('what a run is about', () => {
  it('matches --category and --owner case-insensitively, and refuses a value no item has', async () => {
    expect((await auditIn(repo, { category: 'DATA' })).items).toHaveLength(4);
    expect((await auditIn(repo, { owner: 'ana' })).items.map((i) => i.id)).toEqual(['SERV-002']);
    expect(await auditError(repo, { category: 'dta', failAbove: 1, strict: true })).toBe(
      '--category: no item of debt.yaml has category "dta" (did you mean "data"?); categories there: data',
    );
    expect(await auditError(repo, { owner: 'bob' })).toBe(
      '--owner: no item of debt.yaml has owner "bob"; owners there: Ana, unowned',
    );
  });

  it('audits the repository holding --config when the current directory is in none', async () => {
    const outside = join(temp.dir, 'elsewhere');
    mkdirSync(outside);
    const report = await auditIn(outside, { config: join(repo, 'debt.yaml') });
    expect(report.repository.git).toBe(true);
    expect(report.window).not.toBeNull();
    expect(report.items.find((i) => i.id === 'SERV-002')!.signals.git).toMatchObject({
      commits: 3,
    });
  });

  it('refuses a baseline of another project, and warns (or refuses, with the ratchet) on other settings', async () => {
    const current = await auditIn(repo);
    const write = (name: string, patch: object) => {
      writeFileSync(join(repo, name), JSON.stringify({ ...current, ...patch }));
      return name;
    };
    expect(await auditError(repo, { baseline: write('other.json', { project: 'search' }) })).toBe(
      'other.json: baseline is a report of project "search", this inventory is "honest": scores of another project are not comparable',
    );
    const shorter = write('shorter.json', {
      settings: { ...current.settings, window: '90d', fixExclude: null },
    });
    const warned = await auditIn(repo, { baseline: shorter });
    expect(warned.warnings.find((w) => w.code === 'baseline-incomparable')!.message).toBe(
      'shorter.json was computed with other scoring settings (window 90d, now 180d; fix_exclude differs): its scores are not comparable with these',
    );
    expect(await auditError(repo, { baseline: shorter, failOnIncrease: true })).toMatch(
      /^shorter\.json was computed with other scoring settings .*; re-create the baseline with the same settings, or drop --fail-on-increase$/,
    );
    // The same settings: compared silently, as before.
    const same = await auditIn(repo, { baseline: write('same.json', {}), failOnIncrease: true });
    // Nothing rose; the ratchet fails only on the two items whose glob selects nothing.
    const dead = (id: string, glob: string) =>
      `${id}: glob "${glob}" selects no file: its score is not measured ` +
      `(fix the glob, or resolve the item if its code is gone)`;
    expect(same.gate.reasons).toEqual([
      dead('HALF-004', 'src/srving/**'),
      dead('TYPO-003', 'src/lroa/**'),
    ]);
    expect(same.warnings.map((w) => w.code)).not.toContain('baseline-incomparable');
    // A baseline of some items only totals something else: not comparable either.
    const partial = write('partial.json', { selection: { category: 'data', owner: null } });
    expect(
      (await auditIn(repo, { baseline: partial })).warnings.find(
        (w) => w.code === 'baseline-incomparable',
      )!.message,
    ).toBe(
      'partial.json was computed with other scoring settings (selection --category data, now every item): its scores are not comparable with these',
    );
    expect(await auditError(repo, { baseline: partial, failOnIncrease: true })).toMatch(
      /^partial\.json was computed with other scoring settings \(selection --category data, now every item\)/,
    );
  });
});

describe('names that are also JavaScript object members', () => {
  it('scores tags and categories named constructor, toString or __proto__ as plain names', async () => {
    writeFileSync(
      join(repo, 'proto.yaml'),
      inventoryOf(
        [
          itemYaml(
            'PROTO-001',
            ['src/**'],
            '    tags: [constructor, toString, __proto__, compliance]\n',
          ).replace('category: data', 'category: constructor'),
        ],
        'settings:\n  categories: [constructor]\n',
      ),
    );
    const report = await auditIn(repo, { config: 'proto.yaml' });
    const item = report.items[0]!;
    expect(Number.isFinite(item.score)).toBe(true);
    expect(item.multiplier).toBe(1.5);
    expect(item.multipliers).toEqual({ compliance: 1.5 });
    expect(report.totals.byCategory).toEqual({ constructor: item.score });
    const json = JSON.parse(renderJson(report, { color: false })) as typeof report;
    expect(json.items[0]!.score).toBe(item.score);
    expect(json.totals.score).toBe(item.score);
  });
});
