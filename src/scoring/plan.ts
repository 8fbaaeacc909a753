/**
 * The sprint plan (the 20% rule): which ranked items of an audit fit the days a team sets
 * aside for debt. Pure: the Report and the capacity in, a Plan out.
 *
 * Stage 1 is "high risk, high frequency first": every item whose effective risk and
 * effective frequency are both at least 4, in rank order. Stage 2 is every other item, by
 * WSJF (score per day of effort) descending, ties in rank order. Walking stage 1 then
 * stage 2, an item is taken when its effort fits the days left; otherwise it is listed as not
 * fitting, and the walk goes on, so a smaller item further down can still use what is left.
 * Items without an effort are never walked: they need an estimate first.
 */
import type {
  CapacitySource,
  Plan,
  PlannedItem,
  PlanStage,
  Report,
  ScoredItem,
  UnfitItem,
} from '../model/index.js';
import { PLAN_SCHEMA_VERSION } from '../model/index.js';
import { roundTo, roundToTenth } from '../util/numbers.js';

/** The level effective risk and effective frequency must both reach for stage 1. */
export const STAGE_ONE_LEVEL = 4;

/** Days keep three decimals (1h = 0.125d), rounded before they are added up. */
const DAY_DECIMALS = 3;

/** Days rounded as a plan keeps them. */
export function roundDays(days: number): number {
  return roundTo(days, DAY_DECIMALS);
}

/** The stage an item belongs to (see the module comment). */
export function stageOf(item: ScoredItem): PlanStage {
  return item.risk.effective >= STAGE_ONE_LEVEL && item.frequency.effective >= STAGE_ONE_LEVEL
    ? 1
    : 2;
}

/** An item with an effort, as the walk sees it. */
interface Candidate {
  item: ScoredItem;
  stage: PlanStage;
  effort: number;
  wsjf: number;
}

/**
 * Plans a sprint of `capacity` days from the ranked items of `report`.
 *
 * @param report the audit: its items in rank order, its total, its warnings
 * @param capacity days of debt work, > 0 (the CLI and the command check it)
 * @param source where `capacity` came from, kept in the Plan for the reader
 */
export function planSprint(report: Report, capacity: number, source: CapacitySource): Plan {
  const total = roundDays(capacity);
  const estimated: Candidate[] = [];
  const unestimated: ScoredItem[] = [];
  for (const item of report.items) {
    if (item.effortDays === null) unestimated.push(item);
    else
      estimated.push({
        item,
        stage: stageOf(item),
        effort: roundDays(item.effortDays),
        // The WSJF shown is what orders stage 2, so the order reads right from the output.
        wsjf: item.wsjf ?? roundToTenth(item.score / item.effortDays),
      });
  }
  const stageOne = estimated.filter((c) => c.stage === 1);
  // Array.prototype.sort is stable and report.items is in rank order: equal WSJF keeps rank.
  const stageTwo = estimated.filter((c) => c.stage === 2).sort((a, b) => b.wsjf - a.wsjf);

  const planned: PlannedItem[] = [];
  const doesNotFit: UnfitItem[] = [];
  let used = 0;
  for (const { item, stage, effort, wsjf } of [...stageOne, ...stageTwo]) {
    const left = roundDays(total - used);
    if (effort <= left) {
      used = roundDays(used + effort);
      planned.push({
        id: item.id,
        title: item.title,
        category: item.category,
        owner: item.owner,
        ownerSource: item.ownerSource,
        stage,
        effort,
        cumulative: used,
        score: item.score,
        wsjf,
        costOfDelayPerWeek: item.costOfDelay.money?.perWeek ?? null,
      });
    } else {
      doesNotFit.push({
        id: item.id,
        title: item.title,
        stage,
        effort,
        score: item.score,
        wsjf,
        reason: effort > total ? 'larger-than-capacity' : 'does-not-fit',
        left,
      });
    }
  }

  const plannedScore = roundToTenth(planned.reduce((sum, p) => sum + p.score, 0));
  const totalScore = report.totals.score;
  const money = planned.filter((p) => p.costOfDelayPerWeek !== null);
  return {
    schemaVersion: PLAN_SCHEMA_VERSION,
    tool: report.tool,
    project: report.project,
    inventory: report.inventory,
    head: report.repository.head,
    window: report.window,
    capacity: total,
    capacitySource: source,
    used,
    left: roundDays(total - used),
    planned,
    doesNotFit,
    needsEstimate: unestimated.map((item) => item.id),
    unestimated: unestimated.map((item) => ({
      id: item.id,
      title: item.title,
      stage: stageOf(item),
      score: item.score,
    })),
    plannedScore,
    totalScore,
    scoreShare: totalScore > 0 ? roundTo(plannedScore / totalScore, 2) : null,
    costOfDelayPerWeek:
      money.length === 0
        ? null
        : roundTo(
            money.reduce((sum, p) => sum + p.costOfDelayPerWeek!, 0),
            2,
          ),
    warnings: report.warnings,
    notes: report.notes,
  };
}
