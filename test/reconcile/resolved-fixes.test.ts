/**
 * The resolved items' fix counter on its own, fed commits by hand (newest first, as git
 * streams them): the day boundary, renames, bots and excluded "fixes", and first/last by
 * committer time when dates run out of order.
 */
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/inventory/settings.js';
import { historyRules } from '../../src/signals/git/commit-rules.js';
import type { LogCommit } from '../../src/signals/git/log-stream.js';
import { ResolvedFixAggregator } from '../../src/signals/git/resolved-fixes.js';
import { isoDay } from '../../src/util/dates.js';
import { DAY, logCommit as commit, UNTIL } from '../helpers/log-commits.js';

const settings = historyRules(resolveSettings({}));
/** The resolved day: 50 days before the window end. */
const RESOLVED = isoDay((UNTIL - 50 * DAY) * 1000);

function count(paths: string[], commits: LogCommit[]) {
  const aggregator = new ResolvedFixAggregator({
    items: [{ id: 'RES-1', paths, resolved: RESOLVED }],
    fixPattern: settings.fixPattern,
    fixExclude: settings.fixExclude,
    isBot: (name) => name.endsWith('[bot]'),
    sinceSeconds: UNTIL - 180 * DAY,
    untilSeconds: UNTIL,
  });
  for (const c of commits) aggregator.add(c);
  return aggregator.result()[0]!;
}

describe('ResolvedFixAggregator', () => {
  it('counts failure fixes after the resolved day, through renames, and no others', () => {
    const newer = commit(5, 'fix: after the move', [{ path: 'ci/new.yml', churn: 1 }]);
    const older = commit(30, 'fix: before the move', [{ path: 'ci/old.yml', churn: 1 }]);
    const found = count(
      ['ci/new.yml'],
      [
        commit(1, 'fix: a typo in the docs', [{ path: 'ci/new.yml', churn: 1 }]),
        commit(2, 'fix(deps): bump', [{ path: 'ci/new.yml', churn: 1 }], { name: 'renovate[bot]' }),
        newer,
        commit(10, 'Move', [{ path: 'ci/new.yml', oldPath: 'ci/old.yml', churn: 0 }]),
        older,
        commit(49.9, 'fix: on the resolved day', [{ path: 'ci/old.yml', churn: 1 }]),
        commit(60, 'fix: before it was resolved', [{ path: 'ci/old.yml', churn: 1 }]),
        commit(20, 'fix: elsewhere', [{ path: 'src/a.py', churn: 1 }]),
      ],
    );
    expect(found.count).toBe(2);
    expect(found.first?.commit).toBe(older.hash.slice(0, 10));
    expect(found.last?.commit).toBe(newer.hash.slice(0, 10));
  });

  it('names the oldest and newest by committer time, whatever order they stream in', () => {
    const a = commit(3, 'fix: one', [{ path: 'ci/a.yml', churn: 1 }]);
    const b = commit(40, 'fix: two', [{ path: 'ci/a.yml', churn: 1 }]);
    const c = commit(20, 'fix: three', [{ path: 'ci/a.yml', churn: 1 }]);
    const found = count(['ci/**'], [b, a, c]);
    expect(found).toMatchObject({
      count: 3,
      first: { subject: 'fix: two' },
      last: { subject: 'fix: one' },
    });
  });
});
