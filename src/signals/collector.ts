/**
 * The seam every signal implements. A collector reads one kind of evidence (git history,
 * coverage reports, config files) for the groups of items that share globs, and
 * says what it could not measure. The pipeline runs every collector of the list in
 * src/signals/index.ts side by side and merges what they return; a new signal is a folder
 * here and a line in that list.
 *
 * Collectors do I/O; what they compute from it lives in pure modules beside them.
 */
import type { GitDirectoryFacts, UnversionedFiles } from './git/repo.js';
import type { ResolvedSettings } from '../inventory/settings.js';
import type { Diagnostic, ItemSignals, SourceLocation, WindowBounds } from '../model/index.js';
import type { ItemGlobIndex } from '../util/item-globs.js';
import type { GitCollection } from './git/index.js';
import type { ResolvedItem } from './git/resolved-fixes.js';
import type { Codeowners } from './owners/item-owner.js';

/** What a collector may read of a run (the pipeline's context satisfies it). */
export interface CollectContext {
  /** The repository's top level (or the plain directory audited without git). */
  root: string;
  /** What git said of the repository's own files as the run found it (absent: not known). */
  gitFacts?: GitDirectoryFacts;
  /** Directory the user's relative paths are resolved against. */
  cwd: string;
  /** Environment git runs with. */
  env?: NodeJS.ProcessEnv;
  /** The commit the audit describes (a full hash), or null outside git or before the first commit. */
  head: string | null;
  /** The window, or null when there is no commit to anchor it. */
  window: WindowBounds | null;
  settings: ResolvedSettings;
  /** Whether line churn was asked for (`--no-line-churn`, `settings.line_churn`). */
  lineChurn: boolean;
  /** Coverage report files and the directory they are relative to. */
  coverage: { reports: string[]; cwd: string };
  /** The ranked items' globs, grouped: collectors measure per group. */
  globIndex: ItemGlobIndex;
  /** The ranked items, index-aligned with `globIndex`'s items (for per-glob diagnostics). */
  items: readonly CollectedItem[];
  /** Selected items with status resolved, a `resolved:` date and paths (reconciliation). */
  resolvedItems: readonly ResolvedItem[];
  /** Repository files: tracked at HEAD, or on disk outside git. Listed once, on first call. */
  files(): Promise<string[]>;
  /** Files git does not track (untracked, ignored), listed once, on first call; `null` outside git. */
  unversioned(): Promise<UnversionedFiles | null>;
  /** The repository's CODEOWNERS file, read once on first call; `null` when it has none. */
  codeowners(): Promise<Codeowners | null>;
  /** Per group of `globIndex`: the files of {@link files} its globs select. */
  groupFiles(): Promise<string[][]>;
  /**
   * The one history pass over the window (reaching back to `stale_after` for last changes),
   * run on first call and shared by every collector that asks; null when there is no commit
   * to walk from (outside git, or before the first commit).
   */
  history(): Promise<GitCollection | null>;
  /** Progress of a long pass (items of work done so far). */
  onProgress?: (done: number) => void;
  /** `--debug` lines (the history pass's shard plan). */
  onDebug?: (line: string) => void;
  /** Machine notes for stderr (the history cache's), never for the report. */
  onNotice?: (line: string) => void;
  /** Whether the history pass reads and writes the warm cache (`--no-cache`: false). */
  historyCache: boolean;
}

/** An item as collectors see it: its id, its globs and where each glob is written. */
export interface CollectedItem {
  id: string;
  paths: readonly string[];
  pathLocations: readonly SourceLocation[];
}

/** What a collector measured for one group; the signals it does not measure stay out. */
export type GroupSignals = Partial<
  Pick<ItemSignals, 'git' | 'coverage' | 'config' | 'practices' | 'codeowners'>
>;

export interface CollectorResult {
  /** Index-aligned with `globIndex.groups`. */
  groups: GroupSignals[];
  warnings: Diagnostic[];
  notes: Diagnostic[];
  /** Facts about the run the Report states (a shallow clone, churn not measured after all). */
  facts?: { shallow?: boolean; lineChurn?: boolean };
}

export interface Collector {
  readonly name: string;
  /** Measures its signal, or resolves to null when it has nothing to measure in this run. */
  collect(context: CollectContext): Promise<CollectorResult | null>;
}
