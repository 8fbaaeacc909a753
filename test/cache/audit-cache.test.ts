/**
 * The warm cache in the audit itself: a re-run reads the cached commits and walks none, the
 * next commit is the only one walked, and every report is byte-identical to the cold one; a
 * damaged cache file is a note on the side, never in the report; `--no-cache` writes nothing.
 */
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git } from '../../scripts/lib/repo-builder.js';
import { audit } from '../../src/index.js';
import { renderReport } from '../../src/report/registry.js';
import { makeRepo, tempDir } from '../helpers/audit-repo.js';
import { countingGit } from '../helpers/git-calls.js';
import { commits, inventory } from '../helpers/scenario.js';

const temp = tempDir('audit-cache');
afterAll(temp.remove);
const repo = makeRepo(temp.dir, 'repo', commits, inventory);

/** An audit with its JSON report, the git passes it made and the notices it gave. */
async function run(name: string, cacheHome: string, options: { cache?: boolean } = {}) {
  const git = countingGit(temp.dir, name, repo);
  const notices: string[] = [];
  const { report } = await audit({
    cwd: repo,
    env: { ...git.env, XDG_CACHE_HOME: cacheHome },
    onNotice: (line) => notices.push(line),
    ...options,
  });
  return {
    json: await renderReport(report, 'json', { color: false }),
    walks: git.passes(),
    notices,
  };
}

describe('the warm history cache in an audit', () => {
  it('walks nothing on a re-run, and reports byte for byte what the cold run did', async () => {
    const home = join(temp.dir, 'cache-warm');
    const cold = await run('cold', home);
    expect(cold.walks).toBe(1);
    const warm = await run('warm', home);
    expect(warm.walks).toBe(0);
    expect(warm.json).toBe(cold.json);
    // One history cache (and the Python scans of the practice checks beside it).
    expect(readdirSync(join(home, 'mldebt')).filter((f) => f.endsWith('.cache'))).toHaveLength(1);
  });

  it('walks only the next commit, and reports what a cold audit of it reports', async () => {
    const next = join(temp.dir, 'next');
    git(temp.dir, ['clone', '-q', repo, next]);
    writeFileSync(join(next, 'debt.yaml'), inventory);
    const walked: string[] = [];
    const nextHome = join(temp.dir, 'cache-next');
    const auditNext = async (cacheHome: string) =>
      renderReport(
        (
          await audit({
            cwd: next,
            env: {
              ...countingGit(temp.dir, `next-${walked.length}`, next).env,
              XDG_CACHE_HOME: cacheHome,
            },
            onDebug: (line) => walked.push(line),
          })
        ).report,
        'json',
        { color: false },
      );
    const first = await auditNext(nextHome);
    expect(walked.find((l) => l.startsWith('history:'))).toMatch(
      /; 0 of \d+ commits from the cache$/,
    );
    // One more commit on top, as a pull request adds it.
    writeFileSync(join(next, 'src', 'features', 'extra.py'), 'def b():\n    return 3\n');
    git(next, ['add', 'src/features/extra.py']);
    const when = '2026-07-02T09:00:00Z';
    git(next, ['commit', '-q', '-m', 'fix: add the missing feature'], {
      env: {
        GIT_AUTHOR_NAME: 'Bo',
        GIT_AUTHOR_EMAIL: 'bo@example.com',
        GIT_AUTHOR_DATE: when,
        GIT_COMMITTER_NAME: 'Bo',
        GIT_COMMITTER_EMAIL: 'bo@example.com',
        GIT_COMMITTER_DATE: when,
      },
    });
    walked.length = 0;
    const warmNext = await auditNext(nextHome);
    expect(walked.find((l) => l.startsWith('history:'))).toMatch(
      /^history: 1 commit in 1 shard \(1; \d+ cores?\); \d+ of \d+ commits from the cache$/,
    );
    expect(warmNext).toBe(await auditNext(join(temp.dir, 'cache-cold-next')));
    expect(first).not.toBe(warmNext);
  });

  it('lists with git only when the cache cannot say: every report as --no-cache gives it', async () => {
    const clone = join(temp.dir, 'listed');
    git(temp.dir, ['clone', '-q', repo, clone]);
    writeFileSync(join(clone, 'debt.yaml'), inventory);
    const cacheHome = join(temp.dir, 'cache-listed');
    let runs = 0;
    /** The JSON report with the cache and without, and the rev-lists of the cached run. */
    const auditBoth = async (since?: string) => {
      const counted = countingGit(temp.dir, `listed-${++runs}`, clone);
      const report = async (cache: boolean, env: NodeJS.ProcessEnv) =>
        renderReport(
          (await audit({ cwd: clone, env, cache, ...(since ? { since } : {}) })).report,
          'json',
          { color: false },
        );
      const warm = await report(true, { ...counted.env, XDG_CACHE_HOME: cacheHome });
      const cold = await report(false, { ...counted.env, XDG_CACHE_HOME: cacheHome });
      expect(warm).toBe(cold);
      // The cached run's listing; the --no-cache run lists once after it.
      return counted.calls('rev-list --no-merges') - 1;
    };
    const commitOnTop = (date: string, message: string) =>
      git(clone, ['commit', '-q', '--allow-empty', '-m', message], {
        env: { GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date },
      });
    expect(await auditBoth('2y')).toBe(1);
    // A shorter window, the next commits (one with a clock in the past): no listing.
    expect(await auditBoth('90d')).toBe(0);
    commitOnTop('2026-03-01T10:00:00Z', 'fix: a clock in the past');
    commitOnTop('2026-07-01T10:00:00Z', 'fix: next');
    expect(await auditBoth('2y')).toBe(0);
    // A merge on top, a longer window: listed again.
    git(clone, ['checkout', '-q', '-b', 'side', 'HEAD~3']);
    commitOnTop('2026-07-02T10:00:00Z', 'fix: side');
    git(clone, ['checkout', '-q', '-']);
    git(clone, ['merge', '-q', '--no-ff', '-m', 'Merge side', 'side'], {
      env: { GIT_COMMITTER_DATE: '2026-07-03T10:00:00Z', GIT_AUTHOR_DATE: '2026-07-03T10:00:00Z' },
    });
    expect(await auditBoth('2y')).toBe(1);
    expect(await auditBoth('5y')).toBe(1);
  });

  it('ignores a damaged cache file with a notice, never in the report, and rewrites it', async () => {
    const home = join(temp.dir, 'cache-damaged');
    const cold = await run('fill', home);
    const dir = join(home, 'mldebt');
    const [file] = readdirSync(dir).filter((f) => f.endsWith('.cache'));
    writeFileSync(join(dir, file!), 'not a cache\n');
    // Without the pass's kept result (history-snapshot.test.ts), which would stand in for it.
    for (const kept of readdirSync(dir).filter((f) => f.endsWith('.snapshot'))) {
      rmSync(join(dir, kept));
    }
    const damaged = await run('damaged', home);
    expect(damaged.walks).toBe(1);
    expect(damaged.json).toBe(cold.json);
    expect(damaged.notices).toEqual([expect.stringMatching(/cache/)]);
    expect(damaged.json).not.toMatch(/cache/i);
    expect((await run('repaired', home)).walks).toBe(0);
  });

  it('--no-cache neither reads nor writes it', async () => {
    const home = join(temp.dir, 'cache-off');
    const off = await run('off', home, { cache: false });
    expect(off.walks).toBe(1);
    expect(existsSync(join(home, 'mldebt'))).toBe(false);
  });
});
