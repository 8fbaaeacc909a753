/**
 * Reconciliation in `audit`, on a real repository with fixed dates (HEAD 2026-06-30T12:00Z,
 * the default 180-day window from 2026-01-01T12:00Z): resolved items still being fixed, dead
 * items, and the undeclared hotspots `scan` would list, all from the one history pass.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git, type CommitSpec } from '../../scripts/lib/repo-builder.js';
import { renderReport } from '../../src/index.js';
import { countingGit } from '../helpers/git-calls.js';
import type { Report } from '../../src/model/index.js';
import { scan } from '../../src/commands/scan.js';
import {
  auditIn,
  inventoryOf,
  itemYaml,
  makeRepo,
  tempDir,
  testEnv,
} from '../helpers/audit-repo.js';

const temp = tempDir('reconcile');
afterAll(temp.remove);
const ana = { name: 'Ana', email: 'ana@example.com' };

const commit = (date: string, message: string, paths: string[], id?: string): CommitSpec => ({
  date: `${date}T10:00:00Z`,
  author: ana,
  message,
  ...(id ? { id } : {}),
  files: Object.fromEntries(paths.map((p) => [p, `${message}\n`])),
});

const FILES = [
  'src/a/core.py',
  'src/b/io.py',
  'ci/build.yml',
  'ops/deploy.sh',
  'lib/x.py',
  'lib/y.py',
  'lib/z.py',
  'tools/t.py',
  'tools/u.py',
  'docs/guide.py',
  'scripts/run.py',
  'README.md',
];

const commits: CommitSpec[] = [
  commit('2025-06-01', 'Initial import', FILES),
  // RES-3 was resolved on 2025-10-01: one fix after it but before the window, one inside.
  commit('2025-12-01', 'fix: deploy script lost its env', ['ops/deploy.sh']),
  commit('2026-02-01', 'fix: ci cache key', ['ci/build.yml']),
  // RES-1 resolved 2026-02-15: the next three fixes to ci/ come after it (one is not a fix).
  commit('2026-02-15', 'fix: ci cache on the resolved day itself', ['ci/build.yml']),
  commit('2026-02-20', 'fix: ci cache evicted', ['ci/build.yml'], 'ci-first'),
  commit('2026-03-01', 'fix: io timeout', ['src/b/io.py']),
  commit('2026-03-03', 'fix: deploy retries', ['ops/deploy.sh']),
  commit('2026-03-15', 'Tidy the ci file', ['ci/build.yml']),
  commit('2026-04-10', 'fix: ci runner image', ['ci/build.yml'], 'ci-last'),
  // A covered hotspot, hotter than any undeclared one: never listed.
  commit('2026-04-11', 'fix: core 1', ['src/a/core.py']),
  commit('2026-04-12', 'fix: core 2', ['src/a/core.py']),
  commit('2026-04-13', 'fix: core 3', ['src/a/core.py']),
  commit('2026-04-14', 'fix: core 4', ['src/a/core.py']),
  // Undeclared: scripts/run.py 3 fixes; lib/ (2 of 3 files hot) 2 fix commits; docs/guide.py
  // 1 fix in 2 commits; tools/t.py 1 fix in 1 commit (the fourth: left out).
  commit('2026-05-01', 'fix: run 1', ['scripts/run.py']),
  commit('2026-05-02', 'fix: run 2', ['scripts/run.py']),
  commit('2026-05-03', 'fix: run 3', ['scripts/run.py']),
  commit('2026-05-05', 'fix: lib retry', ['lib/x.py', 'lib/y.py']),
  commit('2026-05-06', 'fix: lib y', ['lib/y.py']),
  commit('2026-05-07', 'fix: tools t', ['tools/t.py']),
  commit('2026-05-08', 'fix: guide example', ['docs/guide.py']),
  commit('2026-05-09', 'Expand the guide', ['docs/guide.py']),
  commit('2026-06-30', 'Release notes', ['README.md']),
].map((c) => (c.date.startsWith('2026-06-30') ? { ...c, date: '2026-06-30T12:00:00Z' } : c));

const inventory = inventoryOf([
  itemYaml('OPEN-1', ['src/a/**']),
  itemYaml('RES-1', ['ci/**'], '    status: resolved\n    resolved: 2026-02-15\n'),
  itemYaml('RES-2', ['src/b/**'], '    status: resolved\n    resolved: 2026-05-01\n'),
  itemYaml('RES-3', ['ops/**'], '    status: resolved\n    resolved: 2025-10-01\n'),
  itemYaml('RES-4', ['README.md'], '    status: resolved\n'),
  itemYaml('DEAD-1', ['src/gone/**', 'src/typo.py']),
  itemYaml('HALF-1', ['src/a/core.py', 'src/nothere/**']),
  itemYaml('ACC-1', ['tools/u.py'], '    status: accepted\n'),
]);
/** The 1-based line of the inventory holding exactly `text`. */
const lineOf = (text: string) => inventory.split('\n').indexOf(text) + 1;
const repo = makeRepo(temp.dir, 'repo', commits, inventory);
const hash = (rev: string, subject: string) =>
  git(repo, ['log', '--format=%h', '--abbrev=7', `--grep=^${subject}$`, rev]).trim();

let cached: Report | undefined;
async function report(): Promise<Report> {
  cached ??= await auditIn(repo);
  return cached;
}

describe('resolved-still-failing', () => {
  it('counts the fix commits after the resolved day, naming the oldest and newest', async () => {
    const found = (await report()).reconciliation.filter((f) => f.itemId === 'RES-1');
    const first = hash('HEAD', 'fix: ci cache evicted');
    const last = hash('HEAD', 'fix: ci runner image');
    expect(found).toEqual([
      {
        code: 'resolved-still-failing',
        itemId: 'RES-1',
        resolved: '2026-02-15',
        countedFrom: '2026-02-16',
        fixCommits: 2,
        first: {
          commit: expect.stringMatching(`^${first}`),
          date: '2026-02-20',
          subject: 'fix: ci cache evicted',
        },
        last: {
          commit: expect.stringMatching(`^${last}`),
          date: '2026-04-10',
          subject: 'fix: ci runner image',
        },
        message: `RES-1 was resolved on 2026-02-15 but its paths received 2 fix commits since (${first} … ${last}): reopen it if the debt is back`,
      },
    ]);
    const warning = (await report()).warnings.find((w) => w.itemId === 'RES-1');
    // Located on the item's `resolved:` value.
    expect(warning).toEqual({
      code: 'resolved-still-failing',
      itemId: 'RES-1',
      message: found[0]!.message,
      location: { file: 'debt.yaml', line: lineOf('    resolved: 2026-02-15'), column: 15 },
    });
  });

  it('says nothing of an item fixed only before its resolved day, or without a resolved date', async () => {
    const ids = (await report()).reconciliation.map((f) => f.itemId);
    expect(ids).not.toContain('RES-2');
    expect(ids).not.toContain('RES-4');
  });

  it('counts only the window when the item was resolved before it, and says so', async () => {
    const found = (await report()).reconciliation.find((f) => f.itemId === 'RES-3');
    const only = hash('HEAD', 'fix: deploy retries');
    expect(found).toMatchObject({ countedFrom: '2026-01-01', fixCommits: 1 });
    expect(found!.message).toBe(
      `RES-3 was resolved on 2025-10-01 but its paths received 1 fix commit since the window start 2026-01-01 (${only}; fixes before it are not counted): reopen it if the debt is back`,
    );
  });

  it('leaves resolved items unranked and their fixes out of every score', async () => {
    const r = await report();
    expect(r.items.map((i) => i.id).sort()).toEqual(['DEAD-1', 'HALF-1', 'OPEN-1']);
    expect(r.notRanked.map((i) => i.id)).toEqual(['ACC-1', 'RES-1', 'RES-2', 'RES-3', 'RES-4']);
    expect(r.totals.items).toBe(3);
  });
});

describe('dead-item', () => {
  it('flags an item whose every glob matches nothing, not one with a dead glob among live ones', async () => {
    const r = await report();
    const dead = r.reconciliation.filter((f) => f.code === 'dead-item');
    expect(dead).toEqual([
      {
        code: 'dead-item',
        itemId: 'DEAD-1',
        globs: ['src/gone/**', 'src/typo.py'],
        message:
          'DEAD-1: none of its 2 globs matches a file at HEAD or a path changed in the window, so the item gathers no evidence at all: fix its paths, or resolve it if the code is gone',
      },
    ]);
    // Each dead glob keeps its own warning; HALF-1's dead glob gets only that.
    const globWarnings = r.warnings.filter((w) => w.code === 'glob-no-match').map((w) => w.itemId);
    expect(globWarnings).toEqual(['DEAD-1', 'DEAD-1', 'HALF-1']);
    expect(r.warnings.filter((w) => w.code === 'dead-item').map((w) => w.location)).toEqual([
      { file: 'debt.yaml', line: lineOf('    paths: ["src/gone/**","src/typo.py"]'), column: 12 },
    ]);
  });
});

describe('undeclared-hotspot', () => {
  it('lists the top 3 of scan’s undeclared hotspots in its order, never a covered file', async () => {
    const hotspots = (await report()).reconciliation.filter((f) => f.code === 'undeclared-hotspot');
    expect(
      hotspots.map(
        (h) => h.code === 'undeclared-hotspot' && [h.rank, h.kind, h.path, h.fixCommits, h.commits],
      ),
    ).toEqual([
      [1, 'file', 'scripts/run.py', 3, 3],
      [2, 'directory', 'lib/', 2, 2],
      [3, 'file', 'docs/guide.py', 1, 2],
    ]);
    expect(hotspots[1]!.message).toBe(
      "lib/ (3 files) received 2 fix commits in the window and no item's paths cover it: run `mldebt init --append` to add it to the inventory",
    );
    // The same order as scan's own undeclared rows.
    const { report: scanned } = await scan({ cwd: repo, env: testEnv(repo) });
    const undeclared = scanned.rows.filter((r) => r.hotspot && r.undeclared).map((r) => r.path);
    expect(undeclared.slice(0, 3)).toEqual(['scripts/run.py', 'lib/', 'docs/guide.py']);
    expect(undeclared).toContain('tools/t.py');
  });
});

describe('one history pass', () => {
  it('runs git log once for the whole audit, reconciliation included', async () => {
    const git = countingGit(temp.dir, 'audit', repo);
    const r = await auditIn(repo, { env: git.env });
    expect(r.reconciliation.length).toBe(6);
    expect(git.passes()).toBe(1);
  });
});

describe('every format', () => {
  it('shows the findings as warnings, and as a Reconciliation section in markdown and HTML', async () => {
    const r = await report();
    const render = (format: Parameters<typeof renderReport>[1]) =>
      renderReport(r, format, { color: false });
    const json = JSON.parse(await render('json')) as Report;
    expect(json.reconciliation.map((f) => f.code)).toEqual([
      'resolved-still-failing',
      'resolved-still-failing',
      'dead-item',
      'undeclared-hotspot',
      'undeclared-hotspot',
      'undeclared-hotspot',
    ]);
    const codes = ['resolved-still-failing', 'dead-item', 'undeclared-hotspot'];
    for (const format of ['table', 'markdown', 'sarif', 'github', 'html'] as const) {
      const out = await render(format);
      for (const code of codes) {
        const message = r.warnings.find((w) => w.code === code)!.message;
        const shown = format === 'html' ? message.replace(/'/g, '&#39;') : message;
        expect(out, `${format} ${code}`).toContain(
          format === 'markdown' ? code : shown.slice(0, 30),
        );
      }
    }
    const md = await render('markdown');
    expect(md).toContain('## Reconciliation');
    expect(md).toContain(
      '| Dead item | DEAD-1 | src/gone/\\*\\*, src/typo.py match nothing at HEAD or in the window | fix its paths, or resolve it if the code is gone |',
    );
    expect(md).toContain(
      '| Undeclared hotspot | `lib/` | 2 fix commits in the window over 3 files | run `mldebt init --append` to add it |',
    );
    const html = await render('html');
    expect(html).toContain('<h2 id="reconciliation-title">Reconciliation</h2>');
    expect(html.indexOf('id="reconciliation"')).toBeGreaterThan(html.indexOf('id="warnings"'));
  });
});

describe('without git history', () => {
  it('finds nothing to reconcile, and says nothing of dead items or hotspots', async () => {
    const plain = join(temp.dir, 'plain');
    mkdirSync(join(plain, 'lib'), { recursive: true });
    writeFileSync(join(plain, 'lib', 'x.py'), 'x = 1\n');
    writeFileSync(
      join(plain, 'debt.yaml'),
      inventoryOf([
        itemYaml('DEAD-1', ['src/gone/**']),
        itemYaml('RES-1', ['lib/**'], '    status: resolved\n    resolved: 2026-02-15\n'),
      ]),
    );
    const r = await auditIn(plain);
    expect(r.repository.git).toBe(false);
    expect(r.reconciliation).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toEqual(['not-git']);
  });
});
