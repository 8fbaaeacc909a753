/**
 * Settings with every default filled in: the one place defaults live (README documents them).
 */
import type { PracticeFindingKind } from '../model/index.js';
import type { CapacitySetting, IncidentColumnsSetting, InventorySettings } from './schema.js';
import { DEFAULT_CAPACITY_SHARE, DEFAULT_SETTINGS, effortTextDays } from './vocabulary.js';

/** `settings.capacity` resolved: the sprint in working days and the share filled in. */
export interface ResolvedCapacity {
  engineers: number;
  /** The sprint as written (`2w`, `10d`, or a number of days). */
  sprint: string | number;
  /** Working days of the sprint (1w = 5 days, 8h = 1 day). */
  sprintDays: number;
  share: number;
}

export interface ResolvedSettings {
  window: string;
  staleAfter: string;
  coverageFloor: number;
  /**
   * A commit whose subject matches is a fix (case-insensitive, linear-time). The pattern as
   * written: the history pass compiles it (see historyRules), a run that reads its history
   * back never does.
   */
  fixPattern: string;
  /** A fix whose subject also matches is not a failure (typos, docs, lint); null: rule off. */
  fixExclude: string | null;
  /** Author name or email patterns of bots (`*` wildcards); empty: rule off. */
  bots: readonly string[];
  frequencyLevels: readonly number[];
  costLevels: readonly number[];
  /**
   * Tag → multiplier. A Map, not an object: a tag named `constructor` or `__proto__` must
   * find nothing rather than Object.prototype's members.
   */
  tagMultipliers: ReadonlyMap<string, number>;
  lineChurn: boolean;
  /** How Jupyter notebooks enter line churn: their cells' sources, or not at all. */
  notebooks: 'sources' | 'exclude';
  coverage: string[];
  /** Incident export files, relative to the repository root. */
  incidents: string[];
  /** Column headers named by `settings.incident_columns` (over the default detection). */
  incidentColumns: IncidentColumnsSetting;
  thresholds: { failAbove: number | null; failTotalAbove: number | null };
  /** ML practice findings: per-kind risk raise, and the data-file rule's thresholds. */
  practices: ResolvedPractices;
  /** `settings.capacity` for `mldebt plan`; null when the inventory does not set it. */
  capacity: ResolvedCapacity | null;
}

/** Each practice finding kind raises the risk of the item whose files hold it by one. */
export const DEFAULT_PRACTICE_RISK: Readonly<Record<PracticeFindingKind, number>> = {
  'data-in-git': 1,
  'unpinned-dependency': 1,
  'magic-number': 1,
  'no-tracking': 1,
  'no-validation': 1,
};

/** CSV, TSV and JSONL files count as data files from 1 MB. */
export const DEFAULT_TABULAR_MIN_BYTES = 1_000_000;

export interface ResolvedPractices {
  risk: Readonly<Record<PracticeFindingKind, number>>;
  /** Extensions of data and model files (no dot); null: the detector's default list. */
  dataExtensions: readonly string[] | null;
  tabularMinBytes: number;
}

/** Resolves settings the inventory rules have already checked (patterns compile). */
export function resolveSettings(settings: InventorySettings): ResolvedSettings {
  const fixExclude =
    settings.fix_exclude === undefined ? DEFAULT_SETTINGS.fix_exclude : settings.fix_exclude;
  return {
    window: settings.window ?? DEFAULT_SETTINGS.window,
    staleAfter: settings.stale_after ?? DEFAULT_SETTINGS.stale_after,
    coverageFloor: settings.coverage_floor ?? DEFAULT_SETTINGS.coverage_floor,
    fixPattern: settings.fix_pattern ?? DEFAULT_SETTINGS.fix_pattern,
    fixExclude: fixExclude === false ? null : fixExclude,
    bots: settings.bots ?? DEFAULT_SETTINGS.bots,
    frequencyLevels: settings.frequency_levels ?? DEFAULT_SETTINGS.frequency_levels,
    costLevels: settings.cost_levels ?? DEFAULT_SETTINGS.cost_levels,
    tagMultipliers: new Map([
      ...Object.entries(DEFAULT_SETTINGS.tag_multipliers),
      ...Object.entries(settings.tag_multipliers ?? {}),
    ]),
    lineChurn: settings.line_churn ?? DEFAULT_SETTINGS.line_churn,
    notebooks: settings.notebooks ?? DEFAULT_SETTINGS.notebooks,
    coverage: settings.coverage ?? [],
    incidents: settings.incidents ?? [],
    incidentColumns: settings.incident_columns ?? {},
    thresholds: {
      failAbove: settings.thresholds?.fail_above ?? null,
      failTotalAbove: settings.thresholds?.fail_total_above ?? null,
    },
    capacity: settings.capacity === undefined ? null : resolveCapacity(settings.capacity),
    practices: {
      risk: { ...DEFAULT_PRACTICE_RISK, ...settings.practices?.risk },
      dataExtensions: settings.practices?.data_extensions ?? null,
      tabularMinBytes: settings.practices?.tabular_min_bytes ?? DEFAULT_TABULAR_MIN_BYTES,
    },
  };
}

function resolveCapacity(capacity: CapacitySetting): ResolvedCapacity {
  const { engineers, sprint } = capacity;
  return {
    engineers,
    sprint,
    sprintDays: typeof sprint === 'number' ? sprint : effortTextDays(sprint),
    share: capacity.share ?? DEFAULT_CAPACITY_SHARE,
  };
}
