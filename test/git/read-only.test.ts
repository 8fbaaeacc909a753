/**
 * The repository under audit is read-only to mldebt: a revision the user types cannot reach
 * git as an option (`--until=--output=README.md` once overwrote the README), and a partial
 * clone is measured from what is local, never by fetching what is not.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git } from '../../scripts/lib/repo-builder.js';
import { run } from '../../src/cli/run.js';
import { captureIo } from '../cli/capture-io.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { treeDigest } from '../helpers/tree-digest.js';
import {
  auditError,
  auditIn,
  inventoryOf,
  itemYaml,
  makeRepo,
  tempDir,
  testEnv,
} from '../helpers/audit-repo.js';

const temp = tempDir('readonly');
afterAll(temp.remove);
const ana = { name: 'Ana', email: 'ana@example.com' };
const lines = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => `${tag} ${i}`).join('\n') + '\n';

const repo = makeRepo(
  temp.dir,
  'origin',
  [
    {
      date: '2026-01-01T00:00:00Z',
      author: ana,
      message: 'Initial',
      files: { 'README.md': '# model\n', 'src/a.py': lines(20, 'a'), 'src/b.py': lines(5, 'b') },
    },
    {
      date: '2026-02-01T00:00:00Z',
      author: ana,
      message: 'fix: a',
      files: { 'src/a.py': lines(21, 'a') },
    },
    {
      date: '2026-03-01T00:00:00Z',
      author: ana,
      message: 'Move b unchanged',
      renames: [['src/b.py', 'lib/b.py']],
    },
    {
      date: '2026-04-01T00:00:00Z',
      author: ana,
      message: 'fix: b',
      files: { 'lib/b.py': lines(6, 'b') },
    },
  ],
  inventoryOf([itemYaml('SRC-001', ['src/a.py']), itemYaml('LIB-002', ['lib/b.py'])]),
);
// debt.yaml stays untracked: keep it out of the status check below.
git(repo, ['config', 'uploadpack.allowFilter', 'true']);

describe('a revision the user typed', () => {
  it('never reaches git as an option: --until=--output=README.md writes nothing', async () => {
    const before = treeDigest(repo);
    const res = await runInProcess(['audit', '--until=--output=README.md'], { cwd: repo });
    expect(res.status).toBe(2);
    expect(res.stderr).toBe(
      'mldebt: --until: "--output=README.md" is neither a date YYYY-MM-DD nor a single commit in this repository\n',
    );
    expect(readFileSync(join(repo, 'README.md'), 'utf8')).toBe('# model\n');
    expect(treeDigest(repo)).toBe(before);
  });

  it('must name exactly one commit: not a tree, a blob, a range or an option', async () => {
    expect(await auditError(repo, { until: 'HEAD^{tree}' })).toBe(
      '--until: "HEAD^{tree}" names a tree, not a commit',
    );
    expect(await auditError(repo, { until: 'HEAD:README.md' })).toBe(
      '--until: "HEAD:README.md" names a blob, not a commit',
    );
    for (const until of ['HEAD~3..HEAD', '--all', '-1', 'no-such-branch']) {
      expect(await auditError(repo, { until })).toBe(
        `--until: "${until}" is neither a date YYYY-MM-DD nor a single commit in this repository`,
      );
    }
    const tag = await auditIn(repo, { until: 'HEAD~2' });
    expect(tag.window?.until).toBe('2026-02-01');
  });
});

describe('every command', () => {
  it('leaves the working tree and .git byte-identical, in a full and in a partial clone', async () => {
    const partial = join(temp.dir, 'partial-every');
    git(temp.dir, ['clone', '-q', '--filter=blob:none', `file://${repo}`, partial]);
    for (const dir of [repo, partial]) {
      const out = join(temp.dir, dir === repo ? 'out-full' : 'out-partial');
      const config = ['-c', join(repo, 'debt.yaml')];
      const before = treeDigest(dir);
      for (const args of [
        ['audit', ...config],
        ['audit', ...config, '--format', 'json', '-o', `${out}.json`, '--until', 'HEAD~1'],
        ['export', ...config, '--format', 'sarif', '-o', `${out}.sarif`, '--no-line-churn'],
        ['explain', 'SRC-001', ...config],
        ['validate', ...config],
      ]) {
        const cap = captureIo(dir, { env: testEnv(dir, { NO_COLOR: '1' }) });
        const status = await run(args, cap.io);
        expect(status, `${args.join(' ')}: ${cap.stderr()}`).toBe(0);
        expect(treeDigest(dir), args.join(' ')).toBe(before);
      }
    }
  });
});

describe('a partial clone', () => {
  it('is measured from local objects only: no fetch, no lock, churn not measured, said loudly', async () => {
    const clone = join(temp.dir, 'partial');
    git(temp.dir, ['clone', '-q', '--filter=blob:none', `file://${repo}`, clone]);
    git(clone, ['config', 'uploadpack.allowFilter', 'true']);
    writeFileSync(join(clone, 'debt.yaml'), readFileSync(join(repo, 'debt.yaml')));
    const before = treeDigest(join(clone, '.git'));

    const report = await auditIn(clone);
    expect(treeDigest(join(clone, '.git'))).toBe(before);
    expect(report.settings.lineChurn).toBe(false);
    expect(report.warnings.map((w) => w.code)).toContain('partial-clone');
    // Said loudly, with both ways out: full contents, or churn left out on purpose.
    expect(report.warnings.find((w) => w.code === 'partial-clone')?.message).toMatch(
      /git fetch --refetch origin; or, to go without churn on purpose, pass --no-line-churn$/,
    );
    const byId = Object.fromEntries(report.items.map((i) => [i.id, i.signals.git]));
    expect(byId['SRC-001']).toMatchObject({ commits: 2, fixCommits: 1, churn: null });
    // The unchanged move is followed without file contents: LIB-002 sees b's whole history.
    expect(byId['LIB-002']).toMatchObject({ commits: 3, fixCommits: 1, churn: null });
    expect(await auditError(clone, { strict: true })).toMatch(
      /^--strict: 1 signal could not be fully measured:\n {2}partial clone: /,
    );
  });

  it('whose history lacks even trees is exit 2 with the reason and the fix, still without fetching', async () => {
    const clone = join(temp.dir, 'treeless');
    git(temp.dir, ['clone', '-q', '--filter=tree:0', `file://${repo}`, clone]);
    writeFileSync(join(clone, 'debt.yaml'), readFileSync(join(repo, 'debt.yaml')));
    const before = treeDigest(join(clone, '.git'));
    expect(await auditError(clone)).toMatch(
      /^git cannot read .*treeless: an object is missing locally and mldebt never fetches \(fatal: .*\); fetch the missing objects \(git fetch --refetch\), or audit with --no-line-churn$/,
    );
    expect(treeDigest(join(clone, '.git'))).toBe(before);
  });
});
