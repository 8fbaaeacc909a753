import { describe, expect, it } from 'vitest';
import { evaluateGate, type GateThresholds } from '../../src/gate/gate.js';
import type { BaselineComparison, ScoredItem, Totals } from '../../src/model/index.js';
import { makeItem } from '../helpers/sample-report.js';

function item(rank: number, id: string, score: number): ScoredItem {
  return makeItem({ rank, id, title: `${id} title`, category: 'data', score });
}

/** DATA-001 60.0, MODEL-002 18.0, PIPE-004 30.0 (rank 2), total 108.0. */
const items = [item(1, 'DATA-001', 60), item(3, 'MODEL-002', 18), item(2, 'PIPE-004', 30)];
const totals: Totals = {
  score: 108,
  items: 3,
  byCategory: { data: 108 },
  costOfDelayPerWeek: null,
};

const none: GateThresholds = { failAbove: null, failTotalAbove: null, failOnIncrease: false };

function comparison(overrides: Partial<BaselineComparison> = {}): BaselineComparison {
  return {
    file: 'previous.json',
    previousTotal: 108,
    totalDelta: 0,
    items: [
      { id: 'DATA-001', status: 'unchanged', previous: 60, current: 60, delta: 0 },
      { id: 'PIPE-004', status: 'unchanged', previous: 30, current: 30, delta: 0 },
      { id: 'MODEL-002', status: 'unchanged', previous: 18, current: 18, delta: 0 },
    ],
    ...overrides,
  };
}

describe('evaluateGate', () => {
  it('passes without thresholds', () => {
    expect(evaluateGate(items, totals, none, null)).toEqual({
      passed: true,
      reasons: [],
      thresholds: none,
    });
  });

  it('fails items strictly above fail_above, in rank order', () => {
    const result = evaluateGate(items, totals, { ...none, failAbove: 25 }, null);
    expect(result.passed).toBe(false);
    expect(result.reasons).toEqual(['DATA-001 score 60.0 > 25', 'PIPE-004 score 30.0 > 25']);
  });

  it('passes a score equal to fail_above', () => {
    expect(evaluateGate(items, totals, { ...none, failAbove: 60 }, null).passed).toBe(true);
    expect(evaluateGate(items, totals, { ...none, failAbove: 59.9 }, null).reasons).toEqual([
      'DATA-001 score 60.0 > 59.9',
    ]);
  });

  it('fails a total strictly above fail_total_above', () => {
    expect(evaluateGate(items, totals, { ...none, failTotalAbove: 108 }, null).passed).toBe(true);
    const result = evaluateGate(items, totals, { ...none, failTotalAbove: 100 }, null);
    expect(result).toMatchObject({ passed: false, reasons: ['total 108.0 > 100'] });
  });

  it('lists item reasons before the total', () => {
    const thresholds = { ...none, failAbove: 50, failTotalAbove: 100 };
    expect(evaluateGate(items, totals, thresholds, null).reasons).toEqual([
      'DATA-001 score 60.0 > 50',
      'total 108.0 > 100',
    ]);
  });

  it('fails any gate on an item whose glob selects nothing, in rank order; never without a gate', () => {
    const dead = (globs: string[]): ScoredItem => {
      const it = item(2, 'PIPE-004', 30);
      return { ...it, signals: { ...it.signals, deadGlobs: globs } };
    };
    const typo = [items[0]!, items[1]!, dead(['src/pipline/**', '!tests/**', 'jobs/*.py'])];
    const reason =
      'PIPE-004: globs "src/pipline/**", "jobs/*.py" select no file: its score is not ' +
      'measured (fix the glob, or resolve the item if its code is gone)';
    expect(evaluateGate(typo, totals, { ...none, failAbove: 59.9 }, null).reasons).toEqual([
      'DATA-001 score 60.0 > 59.9',
      reason,
    ]);
    expect(evaluateGate(typo, totals, { ...none, failTotalAbove: 1000 }, null).reasons).toEqual([
      reason,
    ]);
    const ratchet = { ...none, failOnIncrease: true };
    expect(evaluateGate(typo, totals, ratchet, comparison()).reasons).toEqual([reason]);
    expect(evaluateGate(typo, totals, none, null).passed).toBe(true);
    expect(evaluateGate(typo, totals, ratchet, null).passed).toBe(true);
    // A `!` glob that excludes nothing can only raise a score: the warning says it.
    const negated = [items[0]!, dead(['!tests/**'])];
    expect(evaluateGate(negated, totals, { ...none, failAbove: 60 }, null).passed).toBe(true);
  });

  it('ignores a baseline unless fail_on_increase is set', () => {
    const rose = comparison({ previousTotal: 90, totalDelta: 18 });
    expect(evaluateGate(items, totals, none, rose).passed).toBe(true);
  });

  it('ignores fail_on_increase without a baseline', () => {
    expect(evaluateGate(items, totals, { ...none, failOnIncrease: true }, null).passed).toBe(true);
  });

  describe('with fail_on_increase and a baseline', () => {
    const ratchet = { ...none, failOnIncrease: true };

    it('passes when nothing grew', () => {
      expect(evaluateGate(items, totals, ratchet, comparison())).toMatchObject({
        passed: true,
        reasons: [],
      });
    });

    it('fails when the total rose', () => {
      const result = evaluateGate(
        items,
        totals,
        ratchet,
        comparison({ previousTotal: 100.5, totalDelta: 7.5 }),
      );
      expect(result.reasons).toEqual(['total rose 100.5 → 108.0']);
    });

    it('fails when an item’s score rose, even if the total fell', () => {
      const baseline = comparison({
        previousTotal: 120,
        totalDelta: -12,
        items: [
          { id: 'DATA-001', status: 'changed', previous: 80, current: 60, delta: -20 },
          { id: 'PIPE-004', status: 'unchanged', previous: 30, current: 30, delta: 0 },
          { id: 'MODEL-002', status: 'changed', previous: 12, current: 18, delta: 6 },
        ],
      });
      expect(evaluateGate(items, totals, ratchet, baseline).reasons).toEqual([
        'MODEL-002 score rose 12.0 → 18.0',
      ]);
    });

    it('passes an improved baseline: everything fell or stayed', () => {
      const baseline = comparison({
        previousTotal: 130,
        totalDelta: -22,
        items: [
          { id: 'DATA-001', status: 'changed', previous: 70, current: 60, delta: -10 },
          { id: 'PIPE-004', status: 'changed', previous: 42, current: 30, delta: -12 },
          { id: 'MODEL-002', status: 'unchanged', previous: 18, current: 18, delta: 0 },
        ],
      });
      expect(evaluateGate(items, totals, ratchet, baseline).passed).toBe(true);
    });

    it('fails a new item above fail_above with one reason, and passes one within it', () => {
      const baseline = comparison({
        items: [
          { id: 'DATA-001', status: 'unchanged', previous: 60, current: 60, delta: 0 },
          { id: 'PIPE-004', status: 'new', previous: null, current: 30, delta: null },
          { id: 'MODEL-002', status: 'new', previous: null, current: 18, delta: null },
        ],
      });
      const result = evaluateGate(items, totals, { ...ratchet, failAbove: 25 }, baseline);
      expect(result.reasons).toEqual([
        'DATA-001 score 60.0 > 25',
        'PIPE-004 is new with score 30.0 > 25',
      ]);
    });

    it('counts any new item as an increase when there is no fail_above', () => {
      const baseline = comparison({
        items: [
          { id: 'DATA-001', status: 'unchanged', previous: 60, current: 60, delta: 0 },
          { id: 'PIPE-004', status: 'unchanged', previous: 30, current: 30, delta: 0 },
          { id: 'MODEL-002', status: 'new', previous: null, current: 18, delta: null },
        ],
      });
      expect(evaluateGate(items, totals, ratchet, baseline).reasons).toEqual([
        'MODEL-002 is new with score 18.0',
      ]);
    });

    it('does not fail on resolved items', () => {
      const baseline = comparison({
        previousTotal: 150,
        totalDelta: -42,
        items: [
          ...comparison().items,
          { id: 'OLD-009', status: 'resolved', previous: 42, current: null, delta: null },
        ],
      });
      expect(evaluateGate(items, totals, ratchet, baseline).passed).toBe(true);
    });

    it('compares a renamed item with its previous score', () => {
      const renamed = (previous: number, delta: number): BaselineComparison =>
        comparison({
          items: [
            { id: 'DATA-001', status: 'unchanged', previous: 60, current: 60, delta: 0 },
            { id: 'PIPE-004', status: 'unchanged', previous: 30, current: 30, delta: 0 },
            {
              id: 'MODEL-002',
              status: 'renamed',
              previousId: 'MODEL-001',
              previous,
              current: 18,
              delta,
            },
          ],
        });
      // Not new: a rename of an item at or above its old score is no new debt.
      expect(evaluateGate(items, totals, ratchet, renamed(18, 0)).passed).toBe(true);
      expect(evaluateGate(items, totals, ratchet, renamed(15, 3)).reasons).toEqual([
        'MODEL-002 score rose 15.0 → 18.0 (renamed from MODEL-001)',
      ]);
    });

    it('orders every kind of reason: items by rank (threshold, then increase), then the total', () => {
      const baseline = comparison({
        previousTotal: 90,
        totalDelta: 18,
        items: [
          { id: 'DATA-001', status: 'changed', previous: 50, current: 60, delta: 10 },
          { id: 'PIPE-004', status: 'new', previous: null, current: 30, delta: null },
          { id: 'MODEL-002', status: 'changed', previous: 10, current: 18, delta: 8 },
        ],
      });
      const thresholds = { failAbove: 25, failTotalAbove: 100, failOnIncrease: true };
      expect(evaluateGate(items, totals, thresholds, baseline)).toEqual({
        passed: false,
        reasons: [
          'DATA-001 score 60.0 > 25',
          'DATA-001 score rose 50.0 → 60.0',
          'PIPE-004 is new with score 30.0 > 25',
          'MODEL-002 score rose 10.0 → 18.0',
          'total 108.0 > 100',
          'total rose 90.0 → 108.0',
        ],
        thresholds,
      });
    });
  });
});
