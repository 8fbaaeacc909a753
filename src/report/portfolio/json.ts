/**
 * JSON: the Portfolio itself, two-space indented, newline-terminated, key order as the model.
 * `--top` shortens `items` only; the totals and the projects still cover every item.
 */
import { shownPortfolioItems } from './cells.js';
import type { PortfolioRenderer } from './index.js';

export const renderPortfolioJson: PortfolioRenderer = (portfolio, options) =>
  `${JSON.stringify({ ...portfolio, items: shownPortfolioItems(portfolio, options) }, null, 2)}\n`;
