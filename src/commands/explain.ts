/**
 * `explain <id>`: the audit, narrowed to one item — ranked (every number behind its score) or
 * not ranked (its status). An id the inventory does not have is a UserError naming the ids
 * it does have.
 */
import { UserError } from '../errors.js';
import type { NotRankedItem, Report, ScoredItem } from '../model/index.js';
import type { RunOptions } from '../pipeline/options.js';
import { itemPoints, type ItemPoint } from '../report/item-history.js';
import { audit } from './audit.js';
import { trend } from './trend.js';

/** The item over the trend's points, or why there is none (no git history, a fixed window start). */
export type ItemHistory =
  { points: ItemPoint[]; unavailable?: undefined } | { points?: undefined; unavailable: string };

export type ExplainResult =
  | { report: Report; item: ScoredItem; notRanked?: undefined; history: ItemHistory }
  | { report: Report; item?: undefined; notRanked: NotRankedItem; history: ItemHistory };

/**
 * Finds item `id` (case-insensitive) in the audit of `options`, with its score at each point
 * of the trend (one history pass serves them all; the last point is the audit itself). When
 * no trend can be made (no git history, `--until <revision>`, a window starting on a fixed
 * day), the audit alone, and the reason.
 */
export async function explain(id: string, options: RunOptions): Promise<ExplainResult> {
  const wanted = id.toUpperCase();
  let report: Report;
  let loaded: Awaited<ReturnType<typeof audit>>['loaded'];
  let history: ItemHistory;
  try {
    const traced = await trend(options);
    report = traced.reports[traced.reports.length - 1]!;
    loaded = traced.loaded;
    history = {
      points: itemPoints(
        traced.reports,
        traced.trend.points.map((p) => p.date),
        wanted,
      ),
    };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    // The audit repeats a general mistake (a bad inventory) as its own error; a reason only
    // the trend has (no history to walk) leaves the audit standing, without a history.
    ({ report, loaded } = await audit(options));
    history = { unavailable: error.message };
  }
  const item = report.items.find((i) => i.id === wanted);
  if (item) return { report, item, history };
  const notRanked = report.notRanked.find((i) => i.id === wanted);
  if (notRanked) return { report, notRanked, history };
  const known = loaded.inventory.items.map((i) => i.id);
  const filtered = known.includes(wanted) ? ' (it is filtered out by --category/--owner)' : '';
  throw new UserError(
    `no item "${id}" in ${report.inventory}${filtered}; ids: ${known.join(', ')}`,
  );
}
