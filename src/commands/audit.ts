/**
 * `audit`: the whole pipeline — resolve the run, collect the signals, build the Report with
 * the gate. Prints nothing; the CLI renders what this returns.
 */
import type { LoadedInventory } from '../inventory/index.js';
import type { ResolvedSettings } from '../inventory/settings.js';
import type { Report } from '../model/index.js';
import { buildReport } from '../pipeline/build-report.js';
import { collectSignals } from '../pipeline/collect.js';
import { resolveContext } from '../pipeline/context.js';
import { reconcile } from '../pipeline/reconcile.js';
import type { RunOptions } from '../pipeline/options.js';
import { COLLECTORS } from '../signals/index.js';
import { PhaseTimer } from '../util/phase-timer.js';

export interface AuditResult {
  report: Report;
  /** The repository's top level (or the plain directory audited without git). */
  root: string;
  /** Absolute path of the inventory that was read (the CLI never writes a report over it). */
  inventoryPath: string;
  settings: ResolvedSettings;
  loaded: LoadedInventory;
}

/**
 * Runs the whole pipeline and returns the Report, gate included. With `options.onDebug`,
 * each phase's time goes there (the collectors' own from collectSignals).
 */
export async function audit(options: RunOptions): Promise<AuditResult> {
  const timer = new PhaseTimer(options.onDebug);
  const context = await timer.time('context', () => resolveContext(options));
  const collected = await collectSignals(context, COLLECTORS);
  const reconciliation = await timer.time('reconcile', () => reconcile(context, collected));
  const report = timer.timeSync('scoring', () => buildReport(context, collected, reconciliation));
  return {
    report,
    root: context.root,
    inventoryPath: context.inventoryPath,
    settings: context.settings,
    loaded: context.loaded,
  };
}
