/**
 * JSON: the ScanReport itself, two-space indented, newline-terminated, key order as the
 * model. `--top` shortens `rows` only; totals cover every file.
 */
import { shownRows } from './cells.js';
import type { ScanRenderer } from './index.js';

export const renderScanJson: ScanRenderer = (report, options) =>
  `${JSON.stringify({ ...report, rows: shownRows(report, options.top) }, null, 2)}\n`;
