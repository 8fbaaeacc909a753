/**
 * CSV for spreadsheets and planning tools: one row per shown ranked item, RFC 4180 (CRLF line
 * ends, fields quoted only when they must be). Values are data, not display text: a value that
 * is `null` in the Report is an empty cell (so "not measured" never reads as `0`), booleans
 * are `true`/`false`, numbers are plain (`.` decimal point, no thousands separator).
 *
 * Cells are not prefixed against spreadsheet formula injection (`=`, `+`, `-`, `@`): that would
 * change the data (and negative deltas start with `-`), and the inventory is the team's own.
 */
import { deltaOf } from '../delta.js';
import type { Report, ScoredItem } from '../../model/index.js';
import type { Renderer } from '../format.js';
import { formatScore, shownItems } from '../format.js';
import { countFindingKinds } from '../config-findings.js';
import { countPracticeKinds } from '../practice-findings.js';

type Cell = string | number | boolean | null;

/** Column name → value, in output order. */
const COLUMNS: [string, (item: ScoredItem, report: Report) => Cell][] = [
  ['rank', (item) => item.rank],
  ['id', (item) => item.id],
  ['title', (item) => item.title],
  ['category', (item) => item.category],
  ['owner', (item) => item.owner],
  ['status', (item) => item.status],
  ['risk', (item) => item.risk.effective],
  ['frequency', (item) => item.frequency.effective],
  ['cost_of_delay', (item) => item.costOfDelay.effective],
  ['multiplier', (item) => item.multiplier],
  ['score', (item) => formatScore(item.score)],
  ['wsjf', (item) => (item.wsjf === null ? null : formatScore(item.wsjf))],
  ['fix_commits', (item) => item.signals.git?.fixCommits ?? null],
  ['commits', (item) => item.signals.git?.commits ?? null],
  ['authors', (item) => item.signals.git?.authors ?? null],
  ['churn', (item) => item.signals.git?.churn ?? null],
  ['coverage_percent', (item) => coveragePercent(item)],
  ['due', (item) => item.due],
  ['overdue', (item) => item.overdue],
  // Empty without a baseline and for new items (no previous score to subtract).
  ['delta', (item, report) => itemDelta(item, report)],
  // new | changed | unchanged | renamed; empty without a baseline.
  ['baseline_status', (item, report) => deltaOf(report, item.id)?.status ?? null],
  ['shared_fix_commits', (item) => item.signals.git?.sharedFixCommits ?? null],
  // The item's globs that select nothing, `;`-separated: its figures rest on the others.
  ['globs_matching_nothing', (item) => item.signals.deadGlobs.join('; ') || null],
  // Config findings per kind (`drift 1; secret 2`); `none` when examined with no finding,
  // empty when not examined (an item without paths).
  ['config', (item) => configCounts(item)],
  // inventory | codeowners; empty when unowned. Last, so earlier columns keep their places.
  ['owner_source', (item) => item.ownerSource],
  // Practice findings per kind (`magic-number 1; no-tracking 1`); `none` when examined with
  // no finding, empty when not examined. Appended: earlier columns keep their places.
  ['practices', (item) => practiceCounts(item)],
];

/** The column names, in order (the header row). */
export const CSV_COLUMNS: readonly string[] = COLUMNS.map(([name]) => name);

/** Render the shown ranked items as RFC 4180 CSV with a header row. */
export const renderCsv: Renderer = (report, options) => {
  const rows = [
    CSV_COLUMNS,
    ...shownItems(report, options).map((item) =>
      COLUMNS.map(([, valueOf]) => formatCell(valueOf(item, report))),
    ),
  ];
  return rows.map((row) => `${row.map(quoteField).join(',')}\r\n`).join('');
};

function coveragePercent(item: ScoredItem): string | null {
  const percent = item.signals.coverage?.percent ?? null;
  return percent === null ? null : percent.toFixed(1);
}

function practiceCounts(item: ScoredItem): string | null {
  const practices = item.signals.practices;
  if (practices === null) return null;
  if (practices.length === 0) return 'none';
  return countPracticeKinds(practices)
    .map(([kind, count]) => `${kind} ${count}`)
    .join('; ');
}

function configCounts(item: ScoredItem): string | null {
  const config = item.signals.config;
  if (config === null) return null;
  if (config.length === 0) return 'none';
  return countFindingKinds(config)
    .map(([kind, count]) => `${kind} ${count}`)
    .join('; ');
}

function itemDelta(item: ScoredItem, report: Report): string | null {
  const delta = deltaOf(report, item.id)?.delta ?? null;
  return delta === null ? null : formatScore(delta);
}

function formatCell(value: Cell): string {
  return value === null ? '' : String(value);
}

/** Quote a field when RFC 4180 requires it (comma, quote, CR or LF), doubling inner quotes. */
export function quoteField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
