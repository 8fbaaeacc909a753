/**
 * The history pass against real repositories whose history or configuration would once
 * have bent the figures: a commit dated 1970 in the middle of history, a window reaching
 * before 1973, user config that drops the root commit or changes the output encoding, file
 * names and subjects holding the byte 0x1E, a latin1 commit message.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git } from '../../scripts/lib/repo-builder.js';
import {
  auditError,
  auditIn,
  inventoryOf,
  itemYaml,
  makeRepo,
  tempDir,
} from '../helpers/audit-repo.js';

const temp = tempDir('history');
afterAll(temp.remove);
const ana = { name: 'Ana', email: 'ana@example.com' };

/** A plain `git commit` with full control of dates, for what fast-import cannot write. */
function commitAll(repo: string, message: string, date: string, extraEnv = {}): void {
  const env = {
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
    GIT_AUTHOR_NAME: 'Ana',
    GIT_AUTHOR_EMAIL: 'ana@example.com',
    GIT_COMMITTER_NAME: 'Ana',
    GIT_COMMITTER_EMAIL: 'ana@example.com',
    ...extraEnv,
  };
  git(repo, ['add', '-A'], { env });
  git(repo, ['commit', '-q', '--allow-empty', '-m', message], { env });
}

describe('dates git would misread', () => {
  // root 2026-01-01, then a commit whose clock said 1970, then two more in 2026.
  const repo = makeRepo(
    temp.dir,
    'skewed',
    [
      { date: '2026-01-01T00:00:00Z', author: ana, message: 'fix: root', files: { 'a.py': '1\n' } },
      {
        date: '1970-01-02T00:00:00Z',
        author: ana,
        message: 'fix: a commit from a machine whose clock was reset',
        files: { 'a.py': '2\n' },
      },
      { date: '2026-02-01T00:00:00Z', author: ana, message: 'fix: top', files: { 'a.py': '3\n' } },
      { date: '2026-03-01T00:00:00Z', author: ana, message: 'Tidy', files: { 'a.py': '4\n' } },
    ],
    inventoryOf([itemYaml('DATA-001', ['a.py'])]),
  );

  it('counts commits behind a commit dated 1970 (git stops a date-limited walk there)', async () => {
    const report = await auditIn(repo);
    expect(report.window).toMatchObject({ since: '2025-09-02', until: '2026-03-01' });
    // root, top and tidy are in the window; the 1970 commit is not.
    expect(report.items[0]!.signals.git).toMatchObject({ commits: 3, fixCommits: 2 });
  });

  it('reads a window reaching before 1973 as a window, not as an empty one', async () => {
    for (const since of ['1970-01-01', '100y', '1971-06-01']) {
      const report = await auditIn(repo, { since });
      const expected = since === '1971-06-01' ? 3 : 4;
      expect(report.items[0]!.signals.git!.commits, since).toBe(expected);
    }
  });

  it('refuses a --since duration beyond 1000 years with the rule settings.window follows', async () => {
    expect(await auditError(repo, { since: '300000y' })).toBe(
      '--since: expected a duration of at most 1000 years (365000d, 52000w, 12000m or 1000y), or a date YYYY-MM-DD, got "300000y"',
    );
    expect(await auditError(repo, { since: '9'.repeat(60) + 'd' })).toMatch(
      /^--since: expected a duration of at most 1000 years .*, got "9{37}\.\.\."$/,
    );
  });

  it('refuses a window shorter than a day instead of dividing by it', async () => {
    // HEAD is 2026-03-01T00:00:00Z, so a window starting that day spans zero hours.
    expect(await auditError(repo, { since: '2026-03-01' })).toBe(
      '--since: the window 2026-03-01 → 2026-03-01 spans 0 hours; it must span at least one day (frequency is measured per 30 days of it)',
    );
  });

  it('warns when the window holds only the commit it ends at (a HEAD dated 2100)', async () => {
    const future = makeRepo(temp.dir, 'future', [
      { date: '2025-06-01T00:00:00Z', author: ana, message: 'root', files: { 'a.py': '1\n' } },
      { date: '2026-01-15T00:00:00Z', author: ana, message: 'Add b', files: { 'b.py': '1\n' } },
      { date: '2026-02-01T00:00:00Z', author: ana, message: 'Tune', files: { 'a.py': '1.5\n' } },
      { date: '2026-03-01T00:00:00Z', author: ana, message: 'fix: x', files: { 'a.py': '2\n' } },
      { date: '2100-01-01T00:00:00Z', author: ana, message: 'Bump', files: { 'a.py': '3\n' } },
    ]);
    writeFileSync(join(future, 'debt.yaml'), inventoryOf([itemYaml('DATA-001', ['a.py'])]));
    const report = await auditIn(future);
    expect(report.items[0]!.signals.git).toMatchObject({ commits: 1, fixCommits: 0 });
    expect(report.warnings.map((w) => w.code)).toContain('sparse-window');
    expect(report.warnings.find((w) => w.code === 'sparse-window')!.message).toBe(
      'the window 2099-07-05 → 2100-01-01 holds 1 commit (merges aside), and history before it is older than its start: if a committer date is wrong (HEAD is dated 2100-01-01), pass --until <YYYY-MM-DD>; otherwise widen it with --since',
    );
    // The same history read as of a real date is complete and does not warn.
    const asOf = await auditIn(future, { until: '2026-03-01' });
    expect(asOf.warnings.map((w) => w.code)).not.toContain('sparse-window');
    expect(asOf.items[0]!.signals.git).toMatchObject({ commits: 2, fixCommits: 1 });
  });
});

describe('user and repository config that would change what git prints', () => {
  const repo = join(temp.dir, 'config');
  mkdirSync(repo);
  git(repo, ['init', '-q', '-b', 'main']);
  writeFileSync(join(repo, 'a.py'), '1\n');
  commitAll(repo, 'fix: root commit', '2026-01-01T00:00:00Z');
  // Four files in one commit, one of whose names holds the byte 0x1E, and a subject with it.
  mkdirSync(join(repo, 'src'));
  for (const name of ['w\x1eird.py', 'b.py', 'c.py', 'd.py'])
    writeFileSync(join(repo, 'src', name), 'x\n');
  commitAll(repo, 'fix: four files \x1e one subject', '2026-01-02T00:00:00Z');
  // A commit message written in latin1, declared as such in its encoding header.
  writeFileSync(join(repo, 'a.py'), '2\n');
  const latin1 = join(temp.dir, 'latin1-message');
  writeFileSync(latin1, Buffer.from('fix: caf\xe9 cr\xe8me\n', 'latin1'));
  git(repo, ['add', '-A']);
  git(repo, ['-c', 'i18n.commitEncoding=ISO-8859-1', 'commit', '-q', '-F', latin1], {
    env: { GIT_AUTHOR_DATE: '2026-01-03T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-03T00:00:00Z' },
  });
  writeFileSync(
    join(repo, 'debt.yaml'),
    inventoryOf([itemYaml('DATA-001', ['a.py']), itemYaml('SRC-002', ['src/**'])]),
  );

  it('reads every file of a commit whose file name and subject hold 0x1E', async () => {
    const report = await auditIn(repo);
    const src = report.items.find((i) => i.id === 'SRC-002')!.signals.git!;
    expect(src.matchedFiles).toBe(4);
    expect(src.fixes.map((f) => f.subject)).toEqual(['fix: four files \x1e one subject']);
  });

  it('keeps the root commit and UTF-8 subjects whatever the repository config says', async () => {
    for (const [key, value] of [
      ['log.showRoot', 'false'],
      ['i18n.logOutputEncoding', 'UTF-16'],
      ['i18n.logOutputEncoding', 'ISO-8859-1'],
      ['diff.renames', 'false'],
      ['log.showSignature', 'true'],
      ['core.quotePath', 'true'],
    ]) {
      git(repo, ['config', key!, value!]);
      const report = await auditIn(repo);
      const data = report.items.find((i) => i.id === 'DATA-001')!.signals.git!;
      expect(data.commits, `${key}=${value}`).toBe(2);
      expect(data.fixes.map((f) => f.subject)).toEqual(['fix: café crème', 'fix: root commit']);
      git(repo, ['config', '--unset', key!]);
    }
  });
});

describe('repositories git cannot read', () => {
  it("reports a damaged repository (a missing object) with git's reason, exit 2", async () => {
    const repo = join(temp.dir, 'damaged');
    mkdirSync(repo);
    git(repo, ['init', '-q', '-b', 'main']);
    writeFileSync(join(repo, 'a.py'), 'old\n');
    commitAll(repo, 'first', '2026-01-01T00:00:00Z');
    const blob = git(repo, ['rev-parse', 'HEAD:a.py']).trim();
    writeFileSync(join(repo, 'a.py'), 'new\n');
    commitAll(repo, 'fix: second', '2026-01-02T00:00:00Z');
    writeFileSync(join(repo, 'debt.yaml'), inventoryOf([itemYaml('DATA-001', ['a.py'])]));
    // Losing the old blob: the second commit's diff can no longer be computed.
    execFileSync('rm', ['-f', join(repo, '.git', 'objects', blob.slice(0, 2), blob.slice(2))]);
    const message = await auditError(repo);
    expect(message).toMatch(
      /^git cannot read .*damaged: the repository is damaged \(fatal: .*\); repair it \(git fsck, then git fetch --refetch\) or audit a fresh clone$/,
    );
    expect(message.split('\n')).toHaveLength(1);
  });

  // Only root can hand a directory to another user (CI runs as root).
  it.runIf(process.getuid?.() === 0)(
    'says what to do when git refuses a repository owned by another user',
    async () => {
      const repo = makeRepo(
        temp.dir,
        'foreign',
        [{ date: '2026-01-01T00:00:00Z', author: ana, message: 'root', files: { 'a.py': '1\n' } }],
        inventoryOf([itemYaml('DATA-001', ['a.py'])]),
      );
      execFileSync('chown', ['-R', '65534:65534', repo]);
      expect(await auditError(repo)).toBe(
        `git refuses to read ${repo}: it is owned by another user (git's safe.directory check, common in CI containers); if you trust it: git config --global --add safe.directory ${repo}`,
      );
    },
  );

  it('audits a plain directory without git installed, and refuses a repository', async () => {
    const plain = join(temp.dir, 'plain');
    mkdirSync(plain);
    writeFileSync(join(plain, 'debt.yaml'), inventoryOf([itemYaml('DATA-001', ['a.py'])]));
    const noGit = { PATH: '/nonexistent', HOME: plain };
    const report = await auditIn(plain, { env: noGit });
    expect(report.repository.git).toBe(false);
    expect(report.items[0]!.signals.git).toBeNull();
    expect(report.items[0]!.signals.gitNotMeasured).toBe('not a git repository');

    const repo = makeRepo(
      temp.dir,
      'needs-git',
      [{ date: '2026-01-01T00:00:00Z', author: ana, message: 'root', files: { 'a.py': '1\n' } }],
      inventoryOf([itemYaml('DATA-001', ['a.py'])]),
    );
    expect(await auditError(repo, { env: noGit })).toBe(
      `git is not installed (or not on PATH), and ${repo} is a git repository: install git to measure its history`,
    );
  });
});
