/**
 * What `scan` and the audit's reconciliation share to tell declared files from undeclared
 * hotspots: which inventory items select each file, and the per-file history in the form the
 * hotspot ranking takes. One rule for both, so `audit` warns about exactly the rows `scan`
 * marks undeclared (and `init --append` would add).
 */
import type { ScanRow } from '../model/scan.js';
import { rankHotspots, type HotspotGit } from '../scoring/hotspot.js';
import type { FileHistoryResult, PathHistory } from '../signals/git/file-history.js';
import { isoDay } from '../util/dates.js';
import { ItemGlobIndex } from '../util/item-globs.js';

/**
 * Per file, the ids of the items whose globs select it (files no item selects are absent),
 * and the index that matched them (its dead globs are those that matched no tracked file).
 * Untracked files are matched too, but never count as a glob's hit.
 */
export function mapDeclaredFiles(
  items: readonly { id: string; paths: readonly string[] }[],
  tracked: readonly string[],
  untracked: ReadonlySet<string> = new Set(),
): { declaredBy: Map<string, string[]>; index: ItemGlobIndex } {
  const index = new ItemGlobIndex(items.map((item) => item.paths));
  const declaredBy = new Map<string, string[]>();
  for (const path of [...tracked, ...untracked]) {
    const ids = index
      .groupsOf(path, !untracked.has(path))
      .flatMap((g) => index.groups[g]!.items.map((i) => items[i]!.id));
    if (ids.length > 0) declaredBy.set(path, ids);
  }
  return { declaredBy, index };
}

/** Per-path history as the hotspot ranking reads it (churn null when it was not measured). */
export function toHotspotGit(
  map: ReadonlyMap<string, PathHistory>,
  lineChurn: boolean,
): Map<string, HotspotGit> {
  const out = new Map<string, HotspotGit>();
  for (const [path, h] of map) {
    out.set(path, {
      commits: h.commits,
      fixCommits: h.fixCommits,
      authors: h.authors,
      churn: lineChurn ? h.churn : null,
      lastChange: h.lastChange === null ? null : isoDay(h.lastChange * 1000),
    });
  }
  return out;
}

/**
 * The first `limit` rows of scan's ranking that are hotspots (a fix commit in the window)
 * no item declares, ranked on git history alone: the audit reads no per-file coverage or
 * config findings, so with coverage reports `scan` may order them otherwise.
 */
export function topUndeclaredHotspots(input: {
  files: readonly string[];
  history: FileHistoryResult;
  items: readonly { id: string; paths: readonly string[] }[];
  limit: number;
}): ScanRow[] {
  const files = [...input.files].sort();
  const { declaredBy } = mapDeclaredFiles(input.items, files);
  const rows = rankHotspots({
    files,
    git: {
      files: toHotspotGit(input.history.files, false),
      directories: toHotspotGit(input.history.directories, false),
    },
    coverage: null,
    declaredBy,
  });
  return rows.filter((row) => row.hotspot && row.undeclared).slice(0, input.limit);
}
