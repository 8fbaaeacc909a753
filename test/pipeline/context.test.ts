/**
 * Resolving a run before anything is measured: which items are ranked, the window, where
 * coverage reports are looked for, and the file list listed once for every collector.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/pipeline/context.js';
import { inventoryOf, itemYaml, makeRepo, tempDir, testEnv } from '../helpers/audit-repo.js';

const temp = tempDir('context');
afterAll(temp.remove);
const ana = { name: 'Ana', email: 'ana@example.com' };
const repo = makeRepo(
  temp.dir,
  'repo',
  [
    { date: '2026-01-01T00:00:00Z', author: ana, message: 'Initial', files: { 'a.py': '1\n' } },
    { date: '2026-06-30T12:00:00Z', author: ana, message: 'fix: a', files: { 'a.py': '2\n' } },
  ],
  inventoryOf(
    [
      itemYaml('DATA-001', ['a.py']),
      itemYaml('DATA-002', ['a.py'], '    status: resolved\n'),
      itemYaml('DATA-003', ['b/**', 'a.py']),
      itemYaml('DATA-004', []),
    ],
    'settings:\n  coverage: [cov/lcov.info]\n',
  ),
);

describe('resolveContext', () => {
  it('ranks open items, lists the others, groups items by their globs', async () => {
    const context = await resolveContext({ cwd: repo, env: testEnv(repo) });
    expect(context.ranked.map((r) => r.item.id)).toEqual(['DATA-001', 'DATA-003', 'DATA-004']);
    expect(context.notRanked).toEqual([
      {
        id: 'DATA-002',
        title: 'DATA-002 title',
        category: 'data',
        owner: null,
        ownerSource: null,
        status: 'resolved',
      },
    ]);
    // DATA-004 has no globs: no group. The other two have different globs: two groups.
    expect(context.globIndex.groupOfItem).toEqual([0, 1, -1]);
    expect(context.items[1]!.pathLocations.map((l) => l.line)).toEqual([24, 24]);
  });

  it('anchors the window at HEAD and reads coverage reports relative to the repository', async () => {
    const context = await resolveContext({ cwd: repo, env: testEnv(repo), since: '30d' });
    expect(context.head).toMatch(/^[0-9a-f]{40}$/);
    expect(context.window).toEqual({
      sinceMs: Date.parse('2026-05-31T12:00:00Z'),
      untilMs: Date.parse('2026-06-30T12:00:00Z'),
      days: 30,
    });
    expect(context.windowSetting).toBe('30d');
    expect(context.coverage).toEqual({ reports: ['cov/lcov.info'], cwd: context.root });
    // --coverage replaces settings.coverage, relative to the current directory instead.
    const flagged = await resolveContext({
      cwd: join(repo, 'sub'),
      repo,
      env: testEnv(repo),
      coverage: ['x.info'],
    });
    expect(flagged.coverage).toEqual({ reports: ['x.info'], cwd: join(repo, 'sub') });
  });

  it('lists the repository files once, for every collector that asks', async () => {
    const context = await resolveContext({ cwd: repo, env: testEnv(repo) });
    expect(context.filesListed()).toBe(false);
    const [files, again, groups] = await Promise.all([
      context.files(),
      context.files(),
      context.groupFiles(),
    ]);
    expect(files).toBe(again);
    expect(files).toEqual(['a.py']);
    expect(groups).toEqual([['a.py'], ['a.py']]);
    expect(context.filesListed()).toBe(true);
  });

  it("walks the history once for every collector that asks, with each file's last change", async () => {
    const context = await resolveContext({ cwd: repo, env: testEnv(repo) });
    const [first, again] = await Promise.all([context.history(), context.history()]);
    expect(first).not.toBeNull();
    expect(first).toBe(again);
    expect([...first!.history.lastChangeByPath]).toEqual([
      ['a.py', Date.parse('2026-06-30T12:00:00Z') / 1000],
    ]);
  });

  it('says why git cannot be measured in a plain directory, and lists its files from disk', async () => {
    const plain = join(temp.dir, 'plain');
    mkdirSync(join(plain, 'b'), { recursive: true });
    writeFileSync(join(plain, 'b', 'c.py'), 'x\n');
    writeFileSync(join(plain, 'debt.yaml'), inventoryOf([itemYaml('DATA-001', ['b/**'])]));
    const context = await resolveContext({ cwd: plain, env: testEnv(plain) });
    expect(context.repo.git).toBe(false);
    expect(context.head).toBeNull();
    expect(context.window).toBeNull();
    expect(context.gitNotMeasured).toBe('not a git repository');
    expect(context.warnings.map((w) => w.code)).toEqual(['not-git']);
    expect(await context.files()).toEqual(['b/c.py', 'debt.yaml']);
    expect(await context.history()).toBeNull();
  });
});
