/**
 * Every format `mldebt scan` writes, by name: the one list the CLI's `--format` choices for
 * scan and the API read. Renderers are pure functions of the ScanReport, loaded on first use.
 */
import type { ScanReport } from '../../model/scan.js';

export interface ScanRenderOptions {
  /** ANSI colors (table only). */
  color: boolean;
  /** Show only the first N rows; totals still cover every file. */
  top?: number;
}

export type ScanRenderer = (report: ScanReport, options: ScanRenderOptions) => string;

const SCAN_RENDERERS = {
  table: async () => (await import('./table.js')).renderScanTable,
  json: async () => (await import('./json.js')).renderScanJson,
  markdown: async () => (await import('./markdown.js')).renderScanMarkdown,
  csv: async () => (await import('./csv.js')).renderScanCsv,
} satisfies Record<string, () => Promise<ScanRenderer>>;

export type ScanFormat = keyof typeof SCAN_RENDERERS;

/** The scan format names, in the order `--help` lists them. */
export const SCAN_FORMATS = Object.keys(SCAN_RENDERERS) as ScanFormat[];

/** Renders a ScanReport in a format. */
export async function renderScan(
  report: ScanReport,
  format: ScanFormat,
  options: ScanRenderOptions,
): Promise<string> {
  return (await SCAN_RENDERERS[format]())(report, options);
}
