/**
 * The per-file history aggregator on its own, fed commits by hand (newest first, as git
 * streams them): renames, failure fixes, bots, the window's edges, directories counting a
 * commit once, and files no longer tracked left out.
 */
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/inventory/settings.js';
import { historyRules } from '../../src/signals/git/commit-rules.js';
import { directoryOf, FileHistoryAggregator } from '../../src/signals/git/file-history.js';
import type { LogCommit } from '../../src/signals/git/log-stream.js';
import { DAY, logCommit as commit, UNTIL as until } from '../helpers/log-commits.js';

const settings = historyRules(resolveSettings({}));

function aggregate(tracked: string[], commits: LogCommit[]) {
  const aggregator = new FileHistoryAggregator({
    fixPattern: settings.fixPattern,
    fixExclude: settings.fixExclude,
    isBot: (name) => name.endsWith('[bot]'),
    sinceSeconds: until - 180 * DAY,
    untilSeconds: until,
    tracked: new Set(tracked),
  });
  for (const c of commits) aggregator.add(c);
  return aggregator.result();
}

describe('FileHistoryAggregator', () => {
  it('follows renames back to the current name, and keeps older commits for lastChange only', () => {
    const { files } = aggregate(
      ['src/new.py'],
      [
        commit(10, 'fix: after the move', [{ path: 'src/new.py', churn: 2 }]),
        commit(20, 'Move', [{ path: 'src/new.py', oldPath: 'src/old.py', churn: 0 }]),
        commit(30, 'fix: before the move', [{ path: 'src/old.py', churn: 3 }]),
        commit(400, 'fix: long ago', [{ path: 'src/old.py', churn: 1 }]),
      ],
    );
    expect([...files.keys()]).toEqual(['src/new.py']);
    const file = files.get('src/new.py')!;
    expect(file).toMatchObject({ commits: 3, fixCommits: 2, churn: 5 });
    expect(file.lastChange).toBe(until - 10 * DAY);
  });

  it('counts failure fixes only: excluded subjects and bots are commits, not fixes or authors', () => {
    const { files } = aggregate(
      ['a.py'],
      [
        commit(1, 'Fix typo in docstring', [{ path: 'a.py', churn: 1 }]),
        commit(2, 'fix(deps): bump numpy', [{ path: 'a.py', churn: 1 }], {
          name: 'dependabot[bot]',
          email: 'bot@example.com',
        }),
        commit(3, 'hotfix: null ids', [{ path: 'a.py', churn: 1 }], { email: 'bo@example.com' }),
      ],
    );
    const file = files.get('a.py')!;
    expect(file.commits).toBe(3);
    expect(file.fixCommits).toBe(1);
    expect(file.authors).toBe(2); // ana and bo: the bot is no author
  });

  it('counts a commit once per directory however many of its files it touches', () => {
    const { files, directories } = aggregate(
      ['src/common/a.py', 'src/common/b.py', 'top.py'],
      [
        commit(5, 'fix: both helpers', [
          { path: 'src/common/a.py', churn: 2 },
          { path: 'src/common/b.py', churn: 3 },
          { path: 'top.py', churn: 1 },
        ]),
      ],
    );
    expect(files.get('src/common/a.py')?.fixCommits).toBe(1);
    expect(directories.get('src/common')).toMatchObject({ commits: 1, fixCommits: 1, churn: 5 });
    // The root is no directory row.
    expect([...directories.keys()]).toEqual(['src/common']);
  });

  it('leaves out files not tracked any more, and commits after the window end', () => {
    const { files } = aggregate(
      ['kept.py'],
      [
        commit(-5, 'fix: after the window end', [{ path: 'kept.py', churn: 9 }]),
        commit(5, 'fix: a deleted file', [{ path: 'gone.py', churn: 1 }]),
        commit(6, 'feat: kept', [{ path: 'kept.py', churn: 1 }]),
      ],
    );
    expect([...files.keys()]).toEqual(['kept.py']);
    expect(files.get('kept.py')).toMatchObject({ commits: 1, fixCommits: 0, churn: 1 });
  });

  it('names the directory of a path', () => {
    expect(directoryOf('src/common/a.py')).toBe('src/common');
    expect(directoryOf('setup.py')).toBe('');
  });
});
