/**
 * `explain <id>`: the audit, narrowed to one item — ranked (every number behind its score) or
 * not ranked (its status). An id the inventory does not have is a UserError naming the ids
 * it does have.
 */
import { UserError } from '../errors.js';
import type { NotRankedItem, Report, ScoredItem } from '../model/index.js';
import type { RunOptions } from '../pipeline/options.js';
import { audit } from './audit.js';

export type ExplainResult =
  | { report: Report; item: ScoredItem; notRanked?: undefined }
  | { report: Report; item?: undefined; notRanked: NotRankedItem };

/** Finds item `id` (case-insensitive) in the audit of `options`. */
export async function explain(id: string, options: RunOptions): Promise<ExplainResult> {
  const { report, loaded } = await audit(options);
  const wanted = id.toUpperCase();
  const item = report.items.find((i) => i.id === wanted);
  if (item) return { report, item };
  const notRanked = report.notRanked.find((i) => i.id === wanted);
  if (notRanked) return { report, notRanked };
  const known = loaded.inventory.items.map((i) => i.id);
  const filtered = known.includes(wanted) ? ' (it is filtered out by --category/--owner)' : '';
  throw new UserError(
    `no item "${id}" in ${report.inventory}${filtered}; ids: ${known.join(', ')}`,
  );
}
