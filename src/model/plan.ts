/**
 * The Plan: the sprint's debt work that `mldebt plan` chose from the audit's ranked items,
 * and what every plan format renders from. `mldebt plan --format json` serialises exactly
 * this object: `capacity`, `used`, `left`, `planned` (`id`, `stage`, `effort`, `cumulative`,
 * `score`, `wsjf`), `doesNotFit` (`id`, `effort`), `needsEstimate`, `scoreShare` and
 * `costOfDelayPerWeek` keep their names and meanings; fields may be added.
 *
 * Efforts, capacity, used and left are working days (8h = 1d, 1w = 5d), rounded to three
 * decimals before any sum, so a cumulative figure is exactly the sum of the efforts shown.
 * Nothing in a Plan depends on the wall clock.
 */
import type { Diagnostic } from './location.js';
import type { OwnerSource, ReportWindow } from './report.js';

export const PLAN_SCHEMA_VERSION = 1 as const;

/**
 * 1: effective risk and effective frequency both at least 4 ("high risk, high frequency
 * first"), taken in rank order; 2: every other item, by WSJF.
 */
export type PlanStage = 1 | 2;

/** Where the capacity came from, with the arithmetic when it is the inventory's setting. */
export type CapacitySource =
  | { kind: 'flag' }
  | {
      kind: 'setting';
      engineers: number;
      /** The sprint as written in the inventory (`2w`, `10d`, or a number of days). */
      sprint: string | number;
      /** Working days of the sprint. */
      sprintDays: number;
      share: number;
    };

export interface PlannedItem {
  id: string;
  title: string;
  category: string;
  owner: string | null;
  ownerSource: OwnerSource | null;
  stage: PlanStage;
  /** Days. */
  effort: number;
  /** Days taken by this item and every planned item before it. */
  cumulative: number;
  score: number;
  /** score / effort, one decimal (the audit's WSJF). */
  wsjf: number;
  /** Declared money cost of delay per week; `null` when the item declares a level instead. */
  costOfDelayPerWeek: number | null;
}

/**
 * `does-not-fit`: its effort exceeds what was left when it was reached;
 * `larger-than-capacity`: its effort alone exceeds the whole capacity (split it).
 */
export type NotFitReason = 'does-not-fit' | 'larger-than-capacity';

export interface UnfitItem {
  id: string;
  title: string;
  stage: PlanStage;
  /** Days. */
  effort: number;
  score: number;
  wsjf: number;
  reason: NotFitReason;
  /** Days left in the sprint when the walk reached it. */
  left: number;
}

/** A ranked item without `effort`: it cannot be planned until someone estimates it. */
export interface UnestimatedItem {
  id: string;
  title: string;
  stage: PlanStage;
  score: number;
}

export interface Plan {
  schemaVersion: typeof PLAN_SCHEMA_VERSION;
  tool: { name: 'mldebt'; version: string };
  project: string;
  /** The inventory file, as the audit names it. */
  inventory: string;
  /** Commit the audit describes; `null` outside git or in an empty repository. */
  head: string | null;
  /** The audit's window; `null` when there was no commit to anchor one. */
  window: ReportWindow | null;
  /** Days of debt work the sprint holds. */
  capacity: number;
  capacitySource: CapacitySource;
  /** Days the planned items take. */
  used: number;
  /** capacity − used. */
  left: number;
  /** Taken items: stage 1 in rank order, then stage 2 by WSJF (ties in rank order). */
  planned: PlannedItem[];
  /** Estimated items not taken, in the order the walk reached them. */
  doesNotFit: UnfitItem[];
  /** Ids of ranked items without effort, in rank order. */
  needsEstimate: string[];
  /** The same items as `needsEstimate`, with what a reader needs to pick whom to ask. */
  unestimated: UnestimatedItem[];
  /** Σ score of planned items, one decimal. */
  plannedScore: number;
  /** The audit's total score (every ranked item of the selection). */
  totalScore: number;
  /** plannedScore / totalScore, two decimals; `null` when the total is 0. */
  scoreShare: number | null;
  /**
   * Σ declared money cost of delay per week of the planned items, two decimals; `null` when
   * none of them declares money (unknown, not zero).
   */
  costOfDelayPerWeek: number | null;
  /** The audit's warnings and notes: a plan rests on the same evidence. */
  warnings: Diagnostic[];
  notes: Diagnostic[];
}
