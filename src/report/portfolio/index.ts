/**
 * Every format `mldebt merge` writes, by name: the one list the CLI's `--format` choices for
 * merge and the API read. Renderers are pure functions of the Portfolio, loaded on first use.
 */
import type { Portfolio } from '../../model/portfolio.js';

export interface PortfolioRenderOptions {
  /** ANSI colors (table only). */
  color: boolean;
  /** Show only the first N ranked items; the totals and the projects still cover every item. */
  top?: number;
}

export type PortfolioRenderer = (portfolio: Portfolio, options: PortfolioRenderOptions) => string;

const PORTFOLIO_RENDERERS = {
  table: async () => (await import('./table.js')).renderPortfolioTable,
  markdown: async () => (await import('./markdown.js')).renderPortfolioMarkdown,
  json: async () => (await import('./json.js')).renderPortfolioJson,
  csv: async () => (await import('./csv.js')).renderPortfolioCsv,
  html: async () => (await import('./html.js')).renderPortfolioHtml,
} satisfies Record<string, () => Promise<PortfolioRenderer>>;

export type PortfolioFormat = keyof typeof PORTFOLIO_RENDERERS;

/** The portfolio format names, in the order `--help` lists them. */
export const PORTFOLIO_FORMATS = Object.keys(PORTFOLIO_RENDERERS) as PortfolioFormat[];

/** Renders a Portfolio in a format. */
export async function renderPortfolio(
  portfolio: Portfolio,
  format: PortfolioFormat,
  options: PortfolioRenderOptions,
): Promise<string> {
  return (await PORTFOLIO_RENDERERS[format]())(portfolio, options);
}
