import { describe, expect, it } from 'vitest';
import { inventorySchema, type InventoryItem } from '../../src/inventory/schema.js';
import { resolveSettings } from '../../src/inventory/settings.js';
import type {
  ConfigFinding,
  ConfigFindingKind,
  CoverageSignal,
  GitSignal,
} from '../../src/model/index.js';
import {
  effortInDays,
  levelFor,
  moneyPerWeek,
  rankItems,
  scoreItem,
  type ItemEvidence,
  type ScoringWindow,
} from '../../src/scoring/score.js';
import { computeTotals } from '../../src/scoring/totals.js';

const settings = resolveSettings({});
const DAY = 86_400_000;
const until = Date.parse('2026-11-21T12:00:00Z');
const window: ScoringWindow = { sinceMs: until - 180 * DAY, untilMs: until, days: 180 };
const none: ItemEvidence = {
  git: null,
  gitNotMeasured: 'no paths',
  deadGlobs: [],
  codeowners: null,
  practices: null,
  coverage: null,
  config: null,
};

/** An item as the loader would return it (defaults applied by the schema itself). */
function finding(kind: ConfigFindingKind, file: string): ConfigFinding {
  return { kind, file, line: null, key: null, detail: `${kind} finding` };
}

function item(fields: Record<string, unknown>): InventoryItem {
  const inv = inventorySchema.parse({
    version: 1,
    project: 'p',
    items: [{ id: 'DATA-001', title: 't', category: 'data', risk: 3, cost_of_delay: 2, ...fields }],
  });
  return inv.items[0]!;
}

function git(fixCommits: number, extra: Partial<GitSignal> = {}): GitSignal {
  return {
    commits: fixCommits * 2,
    fixCommits,
    sharedFixCommits: 0,
    authors: 1,
    churn: 10,
    lastChange: '2026-11-01',
    fixesByMonth: {},
    matchedFiles: 1,
    hotFiles: [],
    fixes: [],
    ...extra,
  };
}

/**
 * A coverage signal; by default one measured file when anything is coverable, and every
 * unmeasured file of a language the reports cover (untested).
 */
function coverage(
  covered: number,
  coverable: number,
  unmeasured: string[] = [],
  files: { measured?: number; untested?: string[] } = {},
): CoverageSignal {
  return {
    covered,
    coverable,
    percent: coverable === 0 ? null : Math.round((covered / coverable) * 1000) / 10,
    unmeasuredFiles: unmeasured,
    measuredFiles: files.measured ?? (coverable > 0 ? 1 : 0),
    untestedFiles: files.untested ?? unmeasured,
    sources: [],
  };
}

describe('scoreItem', () => {
  it('is exactly R × F × C of the declared values with no evidence and no tags', () => {
    for (const [risk, frequency, cod] of [
      [1, 1, 1],
      [4, 2, 3],
      [5, 5, 5],
      [2, 3, 4],
    ] as const) {
      const s = scoreItem(item({ risk, frequency, cost_of_delay: cod }), none, window, settings);
      expect(s.score).toBe(risk * frequency * cod);
      expect(s.multiplier).toBe(1);
    }
  });

  it('defaults frequency to 1 with nothing declared and nothing observed', () => {
    const s = scoreItem(item({ risk: 4, cost_of_delay: 3 }), none, null, settings);
    expect(s.frequency.effective).toBe(1);
    expect(s.frequency.observed).toBeNull();
    expect(s.frequency.events).toBeNull();
    expect(s.score).toBe(12);
  });

  it('raises frequency from fix commits and in-window incidents (events per 30 days)', () => {
    // 6 fixes + 1 incident in 180 days = 7 / 6 = 1.17 per 30 days -> level 4 (>= 1)
    const s = scoreItem(
      item({
        frequency: 2,
        paths: ['src/**'],
        incidents: [
          { date: '2026-08-14', ref: 'INC-1' },
          { date: '2025-01-01', ref: 'INC-0' },
        ],
      }),
      { ...none, git: git(6) },
      window,
      settings,
    );
    expect(s.frequency.events).toBe(7);
    expect(s.frequency.ratePer30Days).toBe(1.17);
    expect(s.frequency.observed).toBe(4);
    expect(s.frequency.effective).toBe(4);
    expect(s.incidents.map((i) => i.inWindow)).toEqual([true, false]);
  });

  it('never lowers a declared frequency', () => {
    const s = scoreItem(
      item({ frequency: 5, paths: ['a'] }),
      { ...none, git: git(0) },
      window,
      settings,
    );
    expect(s.frequency.observed).toBe(1);
    expect(s.frequency.effective).toBe(5);
  });

  it('maps rates to levels at the documented thresholds', () => {
    expect(
      [0, 0.24, 0.25, 0.49, 0.5, 0.99, 1, 1.99, 2, 9].map((r) =>
        levelFor(r, settings.frequencyLevels),
      ),
    ).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('raises risk by coverage and config findings, clamped to 5', () => {
    const low = scoreItem(
      item({ risk: 3, paths: ['a'] }),
      { ...none, coverage: coverage(23, 100) },
      window,
      settings,
    );
    expect(low.risk.effective).toBe(4);
    expect(low.risk.reasons).toEqual(['+1 coverage 23% < 60%']);
    const zero = scoreItem(
      item({ risk: 3, paths: ['a'] }),
      { ...none, coverage: coverage(0, 50) },
      window,
      settings,
    );
    expect(zero.risk.effective).toBe(5);
    const missing = scoreItem(
      item({ risk: 2, paths: ['a'] }),
      { ...none, coverage: coverage(0, 0, ['a/x.py']) },
      window,
      settings,
    );
    expect(missing.risk.effective).toBe(4);
    const good = scoreItem(
      item({ risk: 3, paths: ['a'] }),
      { ...none, coverage: coverage(60, 100) },
      window,
      settings,
    );
    expect(good.risk.effective).toBe(3);
    const config = scoreItem(
      item({ risk: 4, paths: ['a'] }),
      {
        ...none,
        coverage: coverage(1, 100),
        config: [
          finding('secret', 'c/prod.yaml'),
          finding('secret', 'c/dev.yaml'),
          finding('drift', 'c/prod.yaml'),
        ],
      },
      window,
      settings,
    );
    // +1 coverage, +1 drift, +1 secret (one per kind) = 7 -> clamped to 5
    expect(config.risk.effective).toBe(5);
    expect(config.risk.reasons).toContain('clamped to 5');
    expect(config.risk.reasons.filter((r) => r.startsWith('+1 config'))).toHaveLength(2);
  });

  it('raises risk once per kind of config finding, and not for a file that fails to parse', () => {
    const risk = (config: ConfigFinding[]) =>
      scoreItem(item({ risk: 1, paths: ['a'] }), { ...none, config }, window, settings).risk;
    expect(risk([finding('unparsable', 'c/a.toml')])).toEqual({
      declared: 1,
      effective: 1,
      reasons: [],
    });
    expect(
      risk([
        finding('unparsable', 'c/a.toml'),
        finding('stale', 'c/b.yaml'),
        finding('unversioned', 'c/local.yaml'),
        finding('unversioned', 'c/local2.yaml'),
      ]),
    ).toEqual({
      declared: 1,
      effective: 3,
      reasons: ['+1 config finding: stale', '+1 config finding: unversioned'],
    });
  });

  it('raises risk for untested files, not for files of a language no report covers', () => {
    const score = (signal: CoverageSignal) =>
      scoreItem(item({ risk: 2, paths: ['a'] }), { ...none, coverage: signal }, window, settings)
        .risk;
    // A Go package next to a Python-only report: not measured, not raised.
    expect(score(coverage(0, 0, ['svc/main.go'], { untested: [] }))).toEqual({
      declared: 2,
      effective: 2,
      reasons: [],
    });
    // A Python module the coverage.py run never imported: untested.
    expect(
      score(coverage(0, 0, ['pkg/new.py', 'svc/main.go'], { untested: ['pkg/new.py'] })),
    ).toEqual({ declared: 2, effective: 4, reasons: ['+2 no coverage data for any of its files'] });
    // Measured files with nothing coverable (an empty __init__.py) beside an untested module.
    expect(score(coverage(0, 0, ['pkg/new.py'], { measured: 1 }))).toEqual({
      declared: 2,
      effective: 4,
      reasons: ['+2 no coverable line measured, 1 untested file'],
    });
    // Only measured files, nothing coverable: coverage says nothing.
    expect(score(coverage(0, 0, [], { measured: 1 })).effective).toBe(2);
    // A percentage is judged as a percentage, whatever other files are not measured.
    expect(score(coverage(30, 100, ['svc/main.go'], { untested: [] })).reasons).toEqual([
      '+1 coverage 30% < 60%',
    ]);
  });

  it('converts money to a level per week and adds one when overdue', () => {
    expect(moneyPerWeek({ amount: 100, per: 'day' })).toBe(700);
    expect(moneyPerWeek({ amount: 5200, per: 'year' })).toBe(100);
    expect(moneyPerWeek({ amount: 13000, per: 'month' })).toBe(3000);
    const money = scoreItem(
      item({ cost_of_delay: { amount: 2500, per: 'week' } }),
      none,
      window,
      settings,
    );
    expect(money.costOfDelay.effective).toBe(3);
    expect(money.costOfDelay.money).toEqual({ amount: 2500, per: 'week', perWeek: 2500 });
    const overdue = scoreItem(
      item({ cost_of_delay: 5, due: '2026-11-20' }),
      none,
      window,
      settings,
    );
    expect(overdue.overdue).toBe(true);
    expect(overdue.costOfDelay.effective).toBe(5);
    const dueToday = scoreItem(
      item({ cost_of_delay: 2, due: '2026-11-21' }),
      none,
      window,
      settings,
    );
    expect(dueToday.overdue).toBe(false);
    const noWindow = scoreItem(item({ cost_of_delay: 2, due: '2000-01-01' }), none, null, settings);
    expect(noWindow.overdue).toBe(false);
  });

  it('multiplies by known tags only and computes WSJF from effort', () => {
    const s = scoreItem(
      item({
        risk: 2,
        frequency: 2,
        cost_of_delay: 2,
        tags: ['compliance', 'customer-facing', 'shiny'],
        effort: '2w',
      }),
      none,
      window,
      settings,
    );
    expect(s.multiplier).toBe(1.875);
    expect(s.multipliers).toEqual({ compliance: 1.5, 'customer-facing': 1.25 });
    expect(s.score).toBe(15);
    expect(s.effortDays).toBe(10);
    expect(s.wsjf).toBe(1.5);
    expect([effortInDays('4h'), effortInDays('3d'), effortInDays('1.5w'), effortInDays(2)]).toEqual(
      [0.5, 3, 7.5, 2],
    );
  });
});

describe('rankItems and totals', () => {
  it('orders by score, then cost of delay, then risk, then id, deterministically', () => {
    const a = scoreItem(
      item({ id: 'B-2', risk: 2, frequency: 3, cost_of_delay: 2 }),
      none,
      window,
      settings,
    ); // 12, C2 R2
    const b = scoreItem(
      item({ id: 'A-1', risk: 3, frequency: 2, cost_of_delay: 2 }),
      none,
      window,
      settings,
    ); // 12, C2 R3
    const c = scoreItem(
      item({ id: 'C-3', risk: 2, frequency: 2, cost_of_delay: 3 }),
      none,
      window,
      settings,
    ); // 12, C3
    const d = scoreItem(
      item({ id: 'A-0', risk: 2, frequency: 3, cost_of_delay: 2 }),
      none,
      window,
      settings,
    ); // same as a
    const e = scoreItem(
      item({ id: 'Z-9', risk: 5, frequency: 5, cost_of_delay: 1 }),
      none,
      window,
      settings,
    ); // 25
    const ranked = rankItems([a, b, c, d, e]);
    expect(ranked.map((i) => `${i.rank}:${i.id}`)).toEqual([
      '1:Z-9',
      '2:C-3',
      '3:A-1',
      '4:A-0',
      '5:B-2',
    ]);
    expect(rankItems([e, d, c, b, a]).map((i) => i.id)).toEqual(ranked.map((i) => i.id));
    const totals = computeTotals(ranked);
    expect(totals.score).toBe(73);
    expect(totals.items).toBe(5);
    expect(totals.byCategory).toEqual({ data: 73 });
    expect(totals.costOfDelayPerWeek).toBeNull();
  });
});
