/**
 * The Trend model: "is our debt growing?", answered from history on the first run. Each point
 * is the audit of the inventory as it stood at the end of that day, over a window of the same
 * length ending there; the last point is today's audit. `mldebt trend --format json`
 * serialises exactly this object: `points` (oldest first) with `date`, `total`, `byCategory`
 * and `items` keep these names and meanings.
 */
import type { Diagnostic } from './location.js';
import type { ReportWindow } from './report.js';

export const TREND_SCHEMA_VERSION = 1 as const;

export interface TrendPoint {
  /** The day the point's window ends (inclusive), `YYYY-MM-DD`. */
  date: string;
  window: ReportWindow;
  /** Total score of the items ranked that day. */
  total: number;
  byCategory: Record<string, number>;
  /** Score per item ranked that day; an item not ranked then (not created yet, resolved) is absent. */
  items: Record<string, number>;
}

/** One item across the points, for tables and sparklines. */
export interface TrendItem {
  id: string;
  title: string;
  category: string;
  /** Score at each point, aligned with `points`; `null` where the item was not ranked. */
  scores: (number | null)[];
}

export interface Trend {
  schemaVersion: typeof TREND_SCHEMA_VERSION;
  tool: { name: 'mldebt'; version: string };
  project: string;
  inventory: string;
  /** The commit the last point describes; `null` outside git. */
  head: string | null;
  /** How many month ends were asked for (`--months`). */
  months: number;
  points: TrendPoint[];
  /** Every item ranked at some point: today's rank order first, then the others by id. */
  items: TrendItem[];
  /**
   * Fix commits per category per UTC month (`YYYY-MM`), from the first point's window start to
   * the last point: each month counted as the newest point whose window holds all of it saw it
   * (the oldest point for the months only it reaches). A commit touching items of two
   * categories counts in both.
   */
  fixesByCategory: Record<string, Record<string, number>>;
  /** Today's warnings (the last point's audit), and the trend's own notes. */
  warnings: Diagnostic[];
  notes: Diagnostic[];
}
