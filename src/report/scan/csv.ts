/**
 * CSV: one row per shown scan row, RFC 4180 (CRLF, quoted only where needed). Values are data:
 * a figure not measured is an empty cell, never `0`; lists are `;`-separated.
 */
import { shownRows } from './cells.js';
import type { ScanRenderer } from './index.js';
import type { ScanRow } from '../../model/scan.js';

type Cell = string | number | boolean | null;

const COLUMNS: [string, (row: ScanRow) => Cell][] = [
  ['rank', (row) => row.rank],
  ['kind', (row) => row.kind],
  ['path', (row) => row.path],
  ['files', (row) => row.files.length],
  ['score', (row) => row.score.toFixed(1)],
  ['hotspot', (row) => row.hotspot],
  ['undeclared', (row) => row.undeclared],
  ['items', (row) => row.items.join(';') || null],
  ['fix_commits', (row) => row.fixCommits],
  ['commits', (row) => row.commits],
  ['authors', (row) => row.authors],
  ['churn', (row) => row.churn],
  ['last_change', (row) => row.lastChange],
  ['coverage_percent', (row) => row.coverage?.percent ?? null],
  ['untested_files', (row) => row.coverage?.untestedFiles ?? null],
  // Empty when config files were not examined; otherwise the distinct kinds found.
  [
    'config_findings',
    (row) =>
      row.configFindings === null
        ? null
        : [...new Set(row.configFindings.map((f) => f.kind))].sort().join(';'),
  ],
  ['hottest_file', (row) => row.hottestFile],
  // Empty when not examined; otherwise the distinct kinds found. Last: earlier columns keep
  // their places.
  [
    'practice_findings',
    (row) =>
      row.practiceFindings === null
        ? null
        : [...new Set(row.practiceFindings.map((f) => f.kind))].sort().join(';'),
  ],
];

/** The column names, in order (the header row). */
export const SCAN_CSV_COLUMNS: readonly string[] = COLUMNS.map(([name]) => name);

export const renderScanCsv: ScanRenderer = (report, options) =>
  [
    SCAN_CSV_COLUMNS,
    ...shownRows(report, options.top).map((row) =>
      COLUMNS.map(([, valueOf]) => {
        const value = valueOf(row);
        return value === null ? '' : String(value);
      }),
    ),
  ]
    .map((cells) => `${cells.map(quoteField).join(',')}\r\n`)
    .join('');

function quoteField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
