/**
 * CSV: one row per estimated or unestimated item the plan considered, RFC 4180 (CRLF, quoted
 * only where needed): planned rows first in the order taken, then the ones that do not fit
 * in the order reached, then those that need an estimate. A figure that does not apply is
 * an empty cell, never `0`. The capacity and outcome are in the other formats.
 */
import type { Plan } from '../../model/plan.js';
import { quoteField } from '../renderers/csv.js';
import type { PlanRenderer } from './index.js';

type Cell = string | number | null;

/** The column names, in order (the header row). */
export const PLAN_CSV_COLUMNS = [
  'status',
  'order',
  'stage',
  'id',
  'title',
  'effort_days',
  'cumulative_days',
  'score',
  'wsjf',
  'cost_of_delay_per_week',
] as const;

function rowsOf(plan: Plan): Cell[][] {
  return [
    ...plan.planned.map((p, i) => [
      'planned',
      i + 1,
      p.stage,
      p.id,
      p.title,
      p.effort,
      p.cumulative,
      p.score.toFixed(1),
      p.wsjf.toFixed(1),
      p.costOfDelayPerWeek,
    ]),
    ...plan.doesNotFit.map((u) => [
      u.reason,
      null,
      u.stage,
      u.id,
      u.title,
      u.effort,
      null,
      u.score.toFixed(1),
      u.wsjf.toFixed(1),
      null,
    ]),
    ...plan.unestimated.map((u) => [
      'needs-estimate',
      null,
      u.stage,
      u.id,
      u.title,
      null,
      null,
      u.score.toFixed(1),
      null,
      null,
    ]),
  ];
}

export const renderPlanCsv: PlanRenderer = (plan) =>
  [PLAN_CSV_COLUMNS as readonly Cell[], ...rowsOf(plan)]
    .map((cells) => `${cells.map((v) => quoteField(v === null ? '' : String(v))).join(',')}\r\n`)
    .join('');
