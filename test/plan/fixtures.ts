/**
 * Reports built in code for the planner and renderer tests: items with hand-picked risk,
 * frequency, score and effort, so every figure of a plan can be computed by hand.
 */
import type { Report, ScoredItem } from '../../src/model/index.js';
import { makeItem, makeSampleReport } from '../helpers/sample-report.js';

export interface ItemSpec {
  id: string;
  score: number;
  /** Effective risk and frequency. */
  r: number;
  f: number;
  /** Days, or null for no estimate. */
  effort: number | null;
  /** Declared money per week. */
  perWeek?: number;
  title?: string;
}

/** A ranked item: rank from its position, WSJF as the audit computes it (one decimal). */
export function itemOf(spec: ItemSpec, rank: number): ScoredItem {
  return makeItem({
    rank,
    id: spec.id,
    title: spec.title ?? `${spec.id} title`,
    category: 'data',
    score: spec.score,
    risk: { declared: spec.r, effective: spec.r, reasons: [] },
    frequency: {
      declared: spec.f,
      observed: null,
      effective: spec.f,
      events: null,
      ratePer30Days: null,
      reasons: [],
    },
    costOfDelay: {
      declared: null,
      money:
        spec.perWeek === undefined
          ? null
          : { amount: spec.perWeek, per: 'week', perWeek: spec.perWeek },
      effective: 1,
      reasons: [],
    },
    effortDays: spec.effort,
    wsjf: spec.effort === null ? null : Math.round((spec.score / spec.effort) * 10) / 10,
  });
}

/** The sample report with `specs` as its ranked items (in rank order) and `total` as its total. */
export function reportOf(specs: ItemSpec[], total: number): Report {
  const report = makeSampleReport();
  report.items = specs.map((spec, i) => itemOf(spec, i + 1));
  report.totals = { ...report.totals, score: total, items: specs.length };
  report.warnings = [];
  report.notes = [];
  return report;
}
