/**
 * `plan`: the audit's ranked items, fitted into the days a team sets aside for debt this
 * sprint (the 20% rule; see src/scoring/plan.ts for the rules). Prints nothing.
 */
import { UserError } from '../errors.js';
import type { ResolvedCapacity } from '../inventory/settings.js';
import type { CapacitySource, Plan } from '../model/index.js';
import { buildReport } from '../pipeline/build-report.js';
import { collectSignals } from '../pipeline/collect.js';
import { resolveContext } from '../pipeline/context.js';
import type { RunOptions } from '../pipeline/options.js';
import { planSprint } from '../scoring/plan.js';
import { COLLECTORS } from '../signals/index.js';
import type { AuditResult } from './audit.js';

export interface PlanOptions extends RunOptions {
  /** `--capacity <days>`: days of debt work this sprint; overrides `settings.capacity`. */
  capacity?: number;
}

export interface PlanResult extends AuditResult {
  plan: Plan;
}

/**
 * Runs the audit of `options` and plans the sprint from its ranked items. The capacity is
 * settled before history is walked, so a missing one fails at once.
 */
export async function plan(options: PlanOptions): Promise<PlanResult> {
  if (options.capacity !== undefined) checkCapacityDays(options.capacity);
  const context = await resolveContext(options);
  const { days, source } = resolveCapacity(
    options.capacity,
    context.settings.capacity,
    context.inventoryDisplay,
  );
  const collected = await collectSignals(context, COLLECTORS);
  const report = buildReport(context, collected);
  return {
    plan: planSprint(report, days, source),
    report,
    root: context.root,
    inventoryPath: context.inventoryPath,
    settings: context.settings,
    loaded: context.loaded,
  };
}

/** Throws the `--capacity` message unless `days` is a finite number above 0. */
export function checkCapacityDays(days: number): void {
  if (!(Number.isFinite(days) && days > 0)) {
    throw new UserError(`--capacity: expected a number of days greater than 0, got "${days}"`);
  }
}

/**
 * The sprint's debt days: `--capacity` when given, else engineers × working days of the
 * sprint × share from the inventory's `settings.capacity`; with neither, a UserError naming
 * both.
 */
export function resolveCapacity(
  flag: number | undefined,
  setting: ResolvedCapacity | null,
  inventory: string,
): { days: number; source: CapacitySource } {
  if (flag !== undefined) return { days: flag, source: { kind: 'flag' } };
  if (setting === null) {
    throw new UserError(
      `no capacity to plan with: set settings.capacity in ${inventory} ` +
        '(e.g. capacity: { engineers: 5, sprint: 2w, share: 0.2 }) or pass --capacity <days>',
    );
  }
  const { engineers, sprint, sprintDays, share } = setting;
  return {
    days: engineers * sprintDays * share,
    source: { kind: 'setting', engineers, sprint, sprintDays, share },
  };
}
