/**
 * Reconciliation: where the inventory and the repository's history disagree. Three findings,
 * each also a warning with its own code:
 * - `resolved-still-failing`: a resolved item whose paths received fix commits after its
 *   `resolved:` day (inside the window: a report's figures rest on its window only);
 * - `dead-item`: an open or in-progress item none of whose globs matches anything, so it
 *   gathers no evidence at all;
 * - `undeclared-hotspot`: the first three of scan's hotspots (fix commits in the window) no
 *   item's globs cover.
 * Everything comes from the run's one history pass and file list (shared, already read).
 */
import type {
  DeadItem,
  Diagnostic,
  ReconciliationFinding,
  ResolvedStillFailing,
  UndeclaredHotspot,
  WindowBounds,
} from '../model/index.js';
import type { ReconciliationHistory } from '../signals/git/index.js';
import { isNegated } from '../util/glob.js';
import { DAY_MS, dayStart, isoDay } from '../util/dates.js';
import { plural } from '../util/text.js';
import type { Collected } from './collect.js';
import type { RunContext } from './context.js';
import { topUndeclaredHotspots } from './undeclared-hotspots.js';

/** How many undeclared hotspots the audit names (scan lists them all). */
export const UNDECLARED_HOTSPOTS_LISTED = 3;

/** The findings of a run, in the order resolved, dead, undeclared; `[]` without history. */
export async function reconcile(
  context: RunContext,
  collected: Collected,
): Promise<ReconciliationFinding[]> {
  const history = await context.history();
  if (history?.reconciliation === undefined || context.window === null) return [];
  return [
    ...findResolvedStillFailing(history.reconciliation, context.window),
    ...findDeadItems(context, collected),
    ...findUndeclaredHotspots(context, history.reconciliation, await context.files()),
  ];
}

/** A finding as a warning: the same code and message, located on the inventory when it can be. */
export function reconciliationWarning(
  finding: ReconciliationFinding,
  context: Pick<RunContext, 'loaded'>,
): Diagnostic {
  if (finding.code === 'undeclared-hotspot') {
    return { code: finding.code, message: finding.message };
  }
  const { inventory, places } = context.loaded;
  const index = inventory.items.findIndex((item) => item.id === finding.itemId);
  const key = finding.code === 'resolved-still-failing' ? 'resolved' : 'paths';
  return {
    code: finding.code,
    message: finding.message,
    itemId: finding.itemId,
    ...(index >= 0 ? { location: places[index]![key] } : {}),
  };
}

function findResolvedStillFailing(
  history: ReconciliationHistory,
  window: WindowBounds,
): ResolvedStillFailing[] {
  const windowStart = isoDay(window.sinceMs);
  return history.resolvedFixes.flatMap((fixes): ResolvedStillFailing[] => {
    if (fixes.count === 0 || fixes.first === null || fixes.last === null) return [];
    const dayAfter = isoDay(dayStart(fixes.resolved) + DAY_MS);
    const before = dayAfter < windowStart;
    const countedFrom = before ? windowStart : dayAfter;
    const hashes =
      fixes.count === 1
        ? fixes.first.commit.slice(0, 7)
        : `${fixes.first.commit.slice(0, 7)} … ${fixes.last.commit.slice(0, 7)}`;
    // Resolved before the window: only the window's fixes are counted, and the message says so.
    const since = before
      ? `since the window start ${windowStart} (${hashes}; fixes before it are not counted)`
      : `since (${hashes})`;
    return [
      {
        code: 'resolved-still-failing',
        itemId: fixes.id,
        resolved: fixes.resolved,
        countedFrom,
        fixCommits: fixes.count,
        first: fixes.first,
        last: fixes.last,
        message:
          `${fixes.id} was resolved on ${fixes.resolved} but its paths received ` +
          `${plural(fixes.count, 'fix commit')} ${since}: reopen it if the debt is back`,
      },
    ];
  });
}

/**
 * Items whose every glob is dead. The per-glob `glob-no-match` warnings name the globs and
 * suggest close matches; this one says the item as a whole measures nothing.
 */
function findDeadItems(context: RunContext, collected: Collected): DeadItem[] {
  if (context.gitNotMeasured !== null) return [];
  return context.ranked.flatMap(({ item }, i): DeadItem[] => {
    const dead = new Set(collected.signals[i]!.deadGlobs);
    const include = item.paths.filter((glob) => !isNegated(glob));
    if (include.length === 0 || !include.every((glob) => dead.has(glob))) return [];
    const which =
      include.length === 1
        ? 'its glob matches no file at HEAD and no path changed in the window'
        : `none of its ${include.length} globs matches a file at HEAD or a path changed in the window`;
    return [
      {
        code: 'dead-item',
        itemId: item.id,
        globs: [...item.paths],
        message:
          `${item.id}: ${which}, so the item gathers no evidence at all: ` +
          'fix its paths, or resolve it if the code is gone',
      },
    ];
  });
}

function findUndeclaredHotspots(
  context: RunContext,
  history: ReconciliationHistory,
  files: readonly string[],
): UndeclaredHotspot[] {
  const rows = topUndeclaredHotspots({
    files,
    history: history.files,
    // Every item of the inventory declares its files, whatever its status or the selection.
    items: context.loaded.inventory.items,
    limit: UNDECLARED_HOTSPOTS_LISTED,
  });
  return rows.map((row, i) => {
    const what =
      row.kind === 'directory' ? `${row.path} (${plural(row.files.length, 'file')})` : row.path;
    const fixes = row.fixCommits ?? 0;
    return {
      code: 'undeclared-hotspot',
      itemId: null,
      rank: i + 1,
      kind: row.kind,
      path: row.path,
      files: row.files,
      fixCommits: fixes,
      commits: row.commits ?? 0,
      message:
        `${what} received ${plural(fixes, 'fix commit')} in the window and no item's paths ` +
        'cover it: run `mldebt init --append` to add it to the inventory',
    };
  });
}
