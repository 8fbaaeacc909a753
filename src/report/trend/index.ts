/**
 * Every format `mldebt trend` writes, by name: the one list the CLI's `--format` choices for
 * trend and the API read. Renderers are pure functions of the Trend, loaded on first use.
 */
import type { Trend } from '../../model/trend.js';

export interface TrendRenderOptions {
  /** ANSI colors (table only). */
  color: boolean;
}

export type TrendRenderer = (trend: Trend, options: TrendRenderOptions) => string;

const TREND_RENDERERS = {
  table: async () => (await import('./table.js')).renderTrendTable,
  markdown: async () => (await import('./markdown.js')).renderTrendMarkdown,
  json: async () => (await import('./json.js')).renderTrendJson,
  csv: async () => (await import('./csv.js')).renderTrendCsv,
  html: async () => (await import('./html.js')).renderTrendHtml,
} satisfies Record<string, () => Promise<TrendRenderer>>;

export type TrendFormat = keyof typeof TREND_RENDERERS;

/** The trend format names, in the order `--help` lists them. */
export const TREND_FORMATS = Object.keys(TREND_RENDERERS) as TrendFormat[];

/** Renders a Trend in a format. */
export async function renderTrend(
  trend: Trend,
  format: TrendFormat,
  options: TrendRenderOptions,
): Promise<string> {
  return (await TREND_RENDERERS[format]())(trend, options);
}
