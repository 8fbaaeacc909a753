/**
 * The hotspot ranking, pure: the score formula, coverage and config findings as weights,
 * grouping of undeclared hotspot directories, and the order of ties.
 */
import { describe, expect, it } from 'vitest';
import type { ConfigFinding } from '../../src/model/index.js';
import {
  coverageOfFiles,
  hotspotScore,
  rankHotspots,
  uncoveredShare,
  type FileCoverageFact,
  type HotspotGit,
  type HotspotInput,
} from '../../src/scoring/hotspot.js';

const git = (fixCommits: number, commits = fixCommits): HotspotGit => ({
  commits,
  fixCommits,
  authors: 1,
  churn: 10,
  lastChange: '2026-06-01',
});

function input(
  files: Record<string, HotspotGit>,
  extra: Partial<HotspotInput> = {},
  directories: Record<string, HotspotGit> = {},
): HotspotInput {
  return {
    files: Object.keys(files),
    git: {
      files: new Map(Object.entries(files)),
      directories: new Map(Object.entries(directories)),
    },
    coverage: null,
    declaredBy: new Map(),
    ...extra,
  };
}

describe('hotspot score', () => {
  it('is fixes × (1 + uncovered share) × (1 + 0.5 × config finding kinds)', () => {
    expect(hotspotScore(4, 0, 0)).toBe(4);
    expect(hotspotScore(4, 0.5, 0)).toBe(6);
    expect(hotspotScore(4, 1, 2)).toBe(16);
    expect(hotspotScore(0, 1, 4)).toBe(0);
  });

  it('weighs untested code fully, measured code by its uncovered lines, unmeasured not at all', () => {
    const facts = new Map<string, FileCoverageFact>([
      ['a.py', { kind: 'measured', covered: 1, coverable: 4 }],
      ['b.py', { kind: 'untested' }],
    ]);
    expect(uncoveredShare(coverageOfFiles(facts, ['a.py']))).toBe(0.75);
    expect(uncoveredShare(coverageOfFiles(facts, ['b.py']))).toBe(1);
    expect(coverageOfFiles(facts, ['c.yaml'])).toBeNull();
    expect(uncoveredShare(null)).toBe(0);
  });

  it('ranks by score, then commits, then path', () => {
    const rows = rankHotspots(
      input({ 'b.py': git(2, 5), 'a.py': git(2, 5), 'c.py': git(2, 9), 'd.py': git(3) }),
    );
    expect(rows.map((r) => [r.rank, r.path])).toEqual([
      [1, 'd.py'],
      [2, 'c.py'],
      [3, 'a.py'],
      [4, 'b.py'],
    ]);
  });

  it('uses config findings when given (the slot the config collector fills)', () => {
    const findings = new Map<string, ConfigFinding[]>([
      [
        'conf/prod.yaml',
        [
          {
            kind: 'secret',
            file: 'conf/prod.yaml',
            line: null,
            key: null,
            detail: 'api_key (line 3)',
          },
          {
            kind: 'drift',
            file: 'conf/prod.yaml',
            line: null,
            key: null,
            detail: 'missing feature_store.uri',
          },
          {
            kind: 'drift',
            file: 'conf/prod.yaml',
            line: null,
            key: null,
            detail: 'missing drift.window_days',
          },
        ],
      ],
    ]);
    const files = { 'conf/prod.yaml': git(2), 'conf/dev.yaml': git(0, 3) };
    const without = rankHotspots(input(files));
    expect(without.every((r) => r.configFindings === null)).toBe(true);
    expect(without[0]).toMatchObject({ path: 'conf/prod.yaml', score: 2 });
    const rows = rankHotspots(input(files, { configFindings: findings }));
    // Two distinct kinds (secret, drift): 2 fixes × 1 × (1 + 0.5 × 2).
    expect(rows[0]).toMatchObject({ path: 'conf/prod.yaml', score: 4 });
    expect(rows[0]!.configFindings).toHaveLength(3);
    expect(rows[1]).toMatchObject({ path: 'conf/dev.yaml', configFindings: [] });
  });
});

describe('grouping', () => {
  it('groups a directory whose direct files are mostly undeclared hotspots into one row', () => {
    const rows = rankHotspots(
      input(
        {
          'src/common/a.py': git(3),
          'src/common/b.py': git(2),
          'src/common/__init__.py': git(0, 1),
          'src/other.py': git(1),
        },
        {},
        { 'src/common': git(4, 5), src: git(1) },
      ),
    );
    expect(rows.map((r) => r.path)).toEqual(['src/common/', 'src/other.py']);
    expect(rows[0]).toMatchObject({
      kind: 'directory',
      files: ['src/common/__init__.py', 'src/common/a.py', 'src/common/b.py'],
      fixCommits: 4,
      commits: 5,
      score: 4,
      undeclared: true,
      hotspot: true,
      hottestFile: 'src/common/a.py',
    });
  });

  it('keeps files apart when hotspots are half or less of the directory, or one is declared', () => {
    const half = rankHotspots(
      input({ 'd/a.py': git(1), 'd/b.py': git(1), 'd/c.py': git(0), 'd/e.py': git(0) }),
    );
    expect(half.every((r) => r.kind === 'file')).toBe(true);
    const declared = rankHotspots(
      input(
        { 'd/a.py': git(1), 'd/b.py': git(1), 'd/c.py': git(1) },
        { declaredBy: new Map([['d/c.py', ['DATA-001']]]) },
      ),
    );
    expect(declared.map((r) => [r.path, r.undeclared])).toEqual([
      ['d/a.py', true],
      ['d/b.py', true],
      ['d/c.py', false],
    ]);
    expect(declared[2]!.items).toEqual(['DATA-001']);
  });

  it('shows git figures as null, never 0, when history was not measured', () => {
    const rows = rankHotspots({
      files: ['a.py', 'b.py'],
      git: null,
      coverage: null,
      declaredBy: new Map(),
    });
    expect(rows[0]).toMatchObject({ commits: null, fixCommits: null, churn: null, hotspot: false });
  });
});
