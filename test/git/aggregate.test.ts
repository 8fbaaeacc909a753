/**
 * The history aggregator on its own, fed commits by hand (newest first, as git streams them):
 * rename following, which commits are failure events, shared fixes, glob hits and groups.
 */
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/inventory/settings.js';
import { historyRules } from '../../src/signals/git/commit-rules.js';
import { HistoryAggregator, hottestFiles } from '../../src/signals/git/aggregate.js';
import type { LogCommit } from '../../src/signals/git/log-stream.js';
import { DAY, logCommit as commit, UNTIL as until } from '../helpers/log-commits.js';
import { ItemGlobIndex } from '../../src/util/item-globs.js';

const settings = historyRules(resolveSettings({}));

function aggregate(itemGlobs: string[][], commits: LogCommit[], windowDays = 180) {
  const index = new ItemGlobIndex(itemGlobs);
  const aggregator = new HistoryAggregator({
    index,
    fixPattern: settings.fixPattern,
    fixExclude: settings.fixExclude,
    isBot: (name) => name.endsWith('[bot]'),
    sinceSeconds: until - windowDays * DAY,
    untilSeconds: until,
  });
  for (const c of commits) aggregator.add(c);
  return { index, result: aggregator.result() };
}

describe('HistoryAggregator', () => {
  it('follows a rename back: commits to the old name count for a glob naming the new one', () => {
    const { index, result } = aggregate(
      [['src/new.py']],
      [
        commit(10, 'fix: after the move', [{ path: 'src/new.py', churn: 2 }]),
        commit(20, 'Move', [{ path: 'src/new.py', oldPath: 'src/old.py', churn: 0 }]),
        commit(30, 'fix: before the move', [{ path: 'src/old.py', churn: 3 }]),
        commit(400, 'fix: long ago', [{ path: 'src/old.py', churn: 1 }]),
      ],
    );
    const group = result.groups[index.groupOfItem[0]!]!;
    expect(group.commits).toBe(3);
    expect(group.fixCommits).toBe(2);
    expect(group.churn).toBe(5);
    // The commit outside the window only moves last change; it is no event.
    expect(group.lastChange).toBe(until - 10 * DAY);
    expect(hottestFiles(group.files)).toEqual([{ path: 'src/new.py', commits: 3, fixCommits: 2 }]);
  });

  it('leaves out typo and lint fixes and bots, counts bots as commits, not authors', () => {
    const { result } = aggregate(
      [['a.py']],
      [
        commit(1, 'DOC Fix typos', [{ path: 'a.py', churn: 1 }]),
        commit(2, 'fix(deps): bump x', [{ path: 'a.py', churn: 1 }], {
          name: 'dependabot[bot]',
          email: 'bot@example.com',
        }),
        commit(3, 'Fix crash', [{ path: 'a.py', churn: 1 }], { email: 'bo@example.com' }),
      ],
    );
    expect(result.groups[0]).toMatchObject({ commits: 3, fixCommits: 1, churn: 3 });
    expect([...result.groups[0]!.authors].sort()).toEqual(['ana@example.com', 'bo@example.com']);
  });

  it('counts a fix touching two items as shared, for each, and items with one glob set as one group', () => {
    const { index, result } = aggregate(
      [['a/**'], ['b/**'], ['a/**']],
      [
        commit(1, 'fix: both', [
          { path: 'a/x.py', churn: 1 },
          { path: 'b/y.py', churn: 1 },
        ]),
        commit(2, 'fix: a only', [{ path: 'a/x.py', churn: 1 }]),
      ],
    );
    expect(index.groups).toHaveLength(2);
    const a = result.groups[index.groupOfItem[0]!]!;
    const b = result.groups[index.groupOfItem[1]!]!;
    // Group a holds two items: even "a only" touches two ranked items.
    expect(a).toMatchObject({ fixCommits: 2, sharedFixCommits: 2 });
    expect(b).toMatchObject({ fixCommits: 1, sharedFixCommits: 1 });
  });

  it('counts globs as matched by paths in the window, not by paths seen only before it', () => {
    const { index, result } = aggregate(
      [['old/**'], ['new/**']],
      [
        commit(5, 'Tune', [{ path: 'new/a.py', churn: 1 }]),
        commit(300, 'Add old', [{ path: 'old/b.py', churn: 1 }]),
      ],
    );
    expect(index.deadGlobs()).toEqual([['old/**'], []]);
    expect(result.groups[index.groupOfItem[0]!]!.lastChange).toBe(until - 300 * DAY);
    expect(result.commitsInWindow).toBe(1);
  });

  it('records where history begins (the root commit reached)', () => {
    const { result } = aggregate(
      [['a.py']],
      [
        commit(1, 'Tune', [{ path: 'a.py', churn: 1 }]),
        commit(50, 'Initial', [{ path: 'a.py', churn: 1 }], { root: true }),
      ],
    );
    expect(result.rootTime).toBe(until - 50 * DAY);
  });

  it("records each file's newest change by its current name, at any age, none after the window end", () => {
    const { result } = aggregate(
      [['src/**']],
      [
        // After the window end: its rename names the file's current path, its date is no change.
        commit(-5, 'Move', [{ path: 'conf/app.yaml', oldPath: 'src/app.yaml', churn: 0 }]),
        commit(3, 'Tune', [{ path: 'src/model.py', churn: 1 }]),
        // Committer dates out of order: the newer date wins, not the first one streamed.
        commit(500, 'Old settings', [{ path: 'src/app.yaml', churn: 1 }]),
        commit(400, 'Older in the stream, newer in date', [{ path: 'src/app.yaml', churn: 1 }]),
        commit(900, 'Initial', [
          { path: 'src/app.yaml', churn: 1 },
          { path: 'x.txt', churn: 1 },
        ]),
      ],
    );
    expect([...result.lastChangeByPath.entries()].sort()).toEqual([
      ['conf/app.yaml', until - 400 * DAY],
      ['src/model.py', until - 3 * DAY],
      ['x.txt', until - 900 * DAY],
    ]);
    expect([...result.changedAfterEnd]).toEqual(['conf/app.yaml']);
  });
});
