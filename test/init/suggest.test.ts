/**
 * From scan rows to suggested items, pure: the category guessed from the path, risk and
 * frequency from the evidence, ids that collide with none, owners from CODEOWNERS.
 */
import { describe, expect, it } from 'vitest';
import {
  escapeGlob,
  guessCategory,
  suggestItems,
  suggestRisk,
} from '../../src/commands/init/suggest.js';
import { resolveSettings } from '../../src/inventory/settings.js';
import type { ScanRow } from '../../src/model/scan.js';
import { parseCodeowners } from '../../src/signals/owners/codeowners.js';

const settings = resolveSettings({});
const window = { since: '2026-01-01', until: '2026-06-29', days: 180 };

function row(path: string, extra: Partial<ScanRow> = {}): ScanRow {
  const directory = path.endsWith('/');
  return {
    rank: 1,
    kind: directory ? 'directory' : 'file',
    path,
    files: directory ? [`${path}a.py`, `${path}b.py`] : [path],
    commits: 10,
    fixCommits: 6,
    authors: 2,
    churn: 100,
    lastChange: '2026-06-01',
    coverage: null,
    configFindings: null,
    practiceFindings: null,
    undeclared: true,
    items: [],
    hotspot: true,
    score: 6,
    hottestFile: directory ? `${path}a.py` : path,
    ...extra,
  };
}

describe('guessCategory', () => {
  it.each([
    ['src/data/', 'data'],
    ['src/features/x.py', 'data'],
    ['ingest/load.py', 'data'],
    ['train/loop.py', 'model'],
    ['src/models/', 'model'],
    ['serving/app.py', 'model'],
    ['monitoring/drift.py', 'monitoring'],
    ['configs/prod.yaml', 'configuration'],
    ['params.yaml', 'configuration'],
    ['infra/main.tf', 'infrastructure'],
    ['docker/', 'infrastructure'],
    ['Dockerfile', 'infrastructure'],
    ['.github/workflows/ci.yml', 'infrastructure'],
    ['tests/test_x.py', 'testing'],
    ['src/test_helpers_test.go', 'testing'],
    ['pipelines/daily.py', 'pipeline'],
    ['notebooks/eda.py', 'reproducibility'],
    ['src/common/', 'pipeline'],
  ])('%s → %s', (path, category) => {
    expect(guessCategory(path)).toBe(category);
  });
});

describe('suggestItems', () => {
  const codeowners = {
    file: '.github/CODEOWNERS',
    rules: parseCodeowners('* @org/all\n/src/common/ @dara @ana\n'),
  };

  it('numbers ids after the existing ones, per category prefix, never colliding', () => {
    const items = suggestItems([row('src/features/'), row('src/common/'), row('src/ingest/x.py')], {
      window,
      settings,
      existingIds: ['DATA-001', 'DATA-007', 'PIPE-002'],
      codeowners,
      limit: 10,
    });
    expect(items.map((i) => i.id)).toEqual(['DATA-008', 'PIPE-003', 'DATA-009']);
    expect(items.map((i) => i.paths)).toEqual([
      ['src/features/*'],
      ['src/common/*'],
      ['src/ingest/x.py'],
    ]);
  });

  it('takes the owner of the hottest file from the last matching CODEOWNERS rule', () => {
    const [common, other] = suggestItems([row('src/common/'), row('lib/x.py')], {
      window,
      settings,
      existingIds: [],
      codeowners,
      limit: 10,
    });
    expect(common).toMatchObject({ owner: '@dara', ownerSource: '.github/CODEOWNERS:2' });
    expect(other).toMatchObject({ owner: '@org/all', ownerSource: '.github/CODEOWNERS:1' });
    const [none] = suggestItems([row('lib/x.py')], {
      window,
      settings,
      existingIds: [],
      codeowners: null,
      limit: 10,
    });
    expect(none).toMatchObject({ owner: null, ownerSource: null });
  });

  it('maps the fix rate to frequency with the scoring levels, and keeps only the first `limit` undeclared hotspots', () => {
    const items = suggestItems(
      [
        row('a.py', { fixCommits: 12 }), // 2 per 30 days: level 5
        row('b.py', { undeclared: false, items: ['X-1'] }),
        row('c.py', { fixCommits: 0, hotspot: false }),
        row('d.py', { fixCommits: 2 }), // 0.33 per 30 days: level 2
        row('e.py'),
      ],
      { window, settings, existingIds: [], codeowners: null, limit: 2 },
    );
    expect(items.map((i) => [i.paths[0], i.frequency, i.costOfDelay])).toEqual([
      ['a.py', 5, 3],
      ['d.py', 2, 3],
    ]);
  });

  it('raises risk for low coverage, untested code and each kind of config finding', () => {
    const coverage = (covered: number, coverable: number, untestedFiles = 0) => ({
      covered,
      coverable,
      percent: coverable === 0 ? null : (100 * covered) / coverable,
      untestedFiles,
      measuredFiles: coverable === 0 ? 0 : 1,
    });
    expect(suggestRisk(row('a.py'), 60)).toBe(2);
    expect(suggestRisk(row('a.py', { coverage: coverage(9, 10) }), 60)).toBe(2);
    expect(suggestRisk(row('a.py', { coverage: coverage(5, 10) }), 60)).toBe(3);
    expect(suggestRisk(row('a.py', { coverage: coverage(0, 0, 1) }), 60)).toBe(3);
    const findings = [
      { kind: 'secret' as const, file: 'a.yaml', line: null, key: null, detail: 'token (line 2)' },
      { kind: 'drift' as const, file: 'a.yaml', line: null, key: null, detail: 'missing x' },
      { kind: 'stale' as const, file: 'a.yaml', line: null, key: null, detail: '400 days' },
    ];
    expect(suggestRisk(row('a.yaml', { configFindings: findings }), 60)).toBe(5);
  });

  it('names a practice kind’s files one by one, and past 20 the files directly in their directories', () => {
    const magic = (file: string): ScanRow =>
      row(file, {
        hotspot: false,
        fixCommits: 0,
        practiceFindings: [{ kind: 'magic-number', file, line: 3, count: 1, detail: 'lr = 0.1' }],
      });
    const files = [
      'top.py',
      ...Array.from({ length: 20 }, (_, i) => `train/m_${i}.py`),
      'train/deep/x.py',
    ];
    const suggest = (rows: ScanRow[]) =>
      suggestItems(rows, { window, settings, existingIds: [], codeowners: null, limit: 10 }).find(
        (item) => item.row === null,
      )!;
    expect(suggest(files.slice(0, 20).map(magic)).paths).toEqual(files.slice(0, 20).sort());
    // The directories' own files: `train/**` would select train/deep/ a second time.
    expect(suggest(files.map(magic)).paths).toEqual(['top.py', 'train/*', 'train/deep/*']);
  });

  it('escapes glob syntax in paths so an item selects exactly that file', () => {
    expect(escapeGlob('src/[id]/page{1}.py')).toBe('src/\\[id\\]/page\\{1\\}.py');
  });
});
