// The pure planner on hand-computed cases: which items a sprint takes, in which order, and
// why the others are left out.
import { describe, expect, it } from 'vitest';
import { planSprint } from '../../src/scoring/plan.js';
import { reportOf, type ItemSpec } from './fixtures.js';

const flag = { kind: 'flag' } as const;

// Ranked by score. Stage 1 (R ≥ 4 and F ≥ 4): A, C. Stage 2 by WSJF: D 30, B 25, G 20,
// H 2.7, E 1.7. F has no effort. With 10 days: A (4, cum 4); C (8) > 6 left: does not fit;
// D (1, cum 5); B (2, cum 7); G (0.5, cum 7.5); H (3) > 2.5 left; E (12) > 10: split it.
const specs: ItemSpec[] = [
  { id: 'A-1', score: 60, r: 5, f: 4, effort: 4 },
  { id: 'B-2', score: 50, r: 4, f: 3, effort: 2 },
  { id: 'C-3', score: 40, r: 4, f: 5, effort: 8 },
  { id: 'D-4', score: 30, r: 2, f: 2, effort: 1 },
  { id: 'E-5', score: 20, r: 3, f: 1, effort: 12 },
  { id: 'F-6', score: 10, r: 5, f: 5, effort: null },
  { id: 'G-7', score: 10, r: 1, f: 1, effort: 0.5 },
  { id: 'H-8', score: 8, r: 1, f: 1, effort: 3 },
];
const TOTAL = 228; // 60 + 50 + 40 + 30 + 20 + 10 + 10 + 8

describe('planSprint', () => {
  const plan = planSprint(reportOf(specs, TOTAL), 10, flag);

  it('takes stage 1 in rank order before stage 2, even when stage 2 has a higher WSJF', () => {
    expect(
      plan.planned.map((p) => [p.id, p.stage, p.effort, p.cumulative, p.score, p.wsjf]),
    ).toEqual([
      ['A-1', 1, 4, 4, 60, 15],
      ['D-4', 2, 1, 5, 30, 30],
      ['B-2', 2, 2, 7, 50, 25],
      ['G-7', 2, 0.5, 7.5, 10, 20],
    ]);
    expect([plan.capacity, plan.used, plan.left]).toEqual([10, 7.5, 2.5]);
  });

  it('lists what does not fit in the order reached, a later smaller item still taken', () => {
    expect(plan.doesNotFit.map((u) => [u.id, u.stage, u.effort, u.reason, u.left])).toEqual([
      ['C-3', 1, 8, 'does-not-fit', 6],
      ['H-8', 2, 3, 'does-not-fit', 2.5],
      ['E-5', 2, 12, 'larger-than-capacity', 2.5],
    ]);
  });

  it('leaves items without effort out as needing an estimate, even a stage 1 one', () => {
    expect(plan.needsEstimate).toEqual(['F-6']);
    expect(plan.unestimated).toEqual([{ id: 'F-6', title: 'F-6 title', stage: 1, score: 10 }]);
  });

  it('gives the share of the total score the plan addresses', () => {
    // 60 + 30 + 50 + 10 = 150 of 228 = 0.657…
    expect(plan.plannedScore).toBe(150);
    expect(plan.totalScore).toBe(228);
    expect(plan.scoreShare).toBe(0.66);
  });

  it('orders equal WSJF by rank', () => {
    // X 12/3 = 4.0 and Y 8/2 = 4.0 tie; Z 6/1 = 6 goes first; X keeps its rank over Y.
    const tied = planSprint(
      reportOf(
        [
          { id: 'X-1', score: 12, r: 1, f: 1, effort: 3 },
          { id: 'Y-2', score: 8, r: 1, f: 1, effort: 2 },
          { id: 'Z-3', score: 6, r: 1, f: 1, effort: 1 },
        ],
        26,
      ),
      100,
      flag,
    );
    expect(tied.planned.map((p) => p.id)).toEqual(['Z-3', 'X-1', 'Y-2']);
  });

  it('takes an item whose effort is exactly the days left, and only "split" what exceeds the whole', () => {
    const exact = planSprint(
      reportOf(
        [
          { id: 'A-1', score: 9, r: 4, f: 4, effort: 6 },
          { id: 'B-2', score: 8, r: 4, f: 4, effort: 6 },
          { id: 'C-3', score: 7, r: 1, f: 1, effort: 4 },
        ],
        24,
      ),
      10,
      flag,
    );
    expect(exact.planned.map((p) => [p.id, p.cumulative])).toEqual([
      ['A-1', 6],
      ['C-3', 10],
    ]);
    // B is no larger than the sprint: it does not fit this one, but needs no split.
    expect(exact.doesNotFit.map((u) => [u.id, u.reason])).toEqual([['B-2', 'does-not-fit']]);
    expect(exact.left).toBe(0);
  });

  it('adds the declared money per week of planned items only', () => {
    const money = planSprint(
      reportOf(
        [
          { id: 'A-1', score: 20, r: 1, f: 1, effort: 1, perWeek: 2500 },
          { id: 'B-2', score: 10, r: 1, f: 1, effort: 1 },
          { id: 'C-3', score: 9, r: 1, f: 1, effort: 1, perWeek: 1384.615 },
          { id: 'D-4', score: 1, r: 1, f: 1, effort: 9, perWeek: 10_000 },
        ],
        40,
      ),
      3,
      flag,
    );
    expect(money.planned.map((p) => [p.id, p.costOfDelayPerWeek])).toEqual([
      ['A-1', 2500],
      ['B-2', null],
      ['C-3', 1384.615],
    ]);
    expect(money.costOfDelayPerWeek).toBe(3884.62);
  });

  it('says null, not 0, when no planned item declares money, even if a left-out one does', () => {
    const none = planSprint(
      reportOf(
        [
          { id: 'A-1', score: 20, r: 1, f: 1, effort: 1 },
          { id: 'B-2', score: 10, r: 1, f: 1, effort: 5, perWeek: 2500 },
        ],
        30,
      ),
      2,
      flag,
    );
    expect(none.planned.map((p) => p.id)).toEqual(['A-1']);
    expect(none.costOfDelayPerWeek).toBeNull();
  });

  it('keeps days to three decimals, so cumulative figures add up exactly', () => {
    // 1h = 0.125d; three 0.1d efforts would sum to 0.30000000000000004 in floats.
    const small = planSprint(
      reportOf(
        [
          { id: 'A-1', score: 3, r: 1, f: 1, effort: 0.1 },
          { id: 'B-2', score: 2, r: 1, f: 1, effort: 0.1 },
          { id: 'C-3', score: 1, r: 1, f: 1, effort: 0.1 },
          { id: 'D-4', score: 1, r: 1, f: 1, effort: 0.125 },
        ],
        7,
      ),
      0.3,
      flag,
    );
    expect(small.planned.map((p) => p.cumulative)).toEqual([0.1, 0.2, 0.3]);
    expect(small.doesNotFit.map((u) => [u.id, u.left])).toEqual([['D-4', 0]]);
    expect([small.used, small.left]).toEqual([0.3, 0]);
  });

  it('has no share to give when the audit total is 0, and an empty plan with no items', () => {
    const empty = planSprint(reportOf([], 0), 5, flag);
    expect(empty.planned).toEqual([]);
    expect(empty.scoreShare).toBeNull();
    expect([empty.used, empty.left]).toEqual([0, 5]);
  });
});
