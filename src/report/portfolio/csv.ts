/**
 * CSV: one row per ranked item of the portfolio, with its project, RFC 4180 (CRLF, quoted only
 * where needed, the audit's CSV escaping). A value not declared (money, effort, WSJF, due) is
 * an empty cell, never a 0, and so is an item without owner. `--top` shortens the rows.
 */
import { formatScore } from '../format.js';
import { quoteField } from '../renderers/csv.js';
import { shownPortfolioItems } from './cells.js';
import type { PortfolioRenderer } from './index.js';

export const PORTFOLIO_CSV_COLUMNS = [
  'rank',
  'project',
  'project_rank',
  'id',
  'title',
  'category',
  'owner',
  'status',
  'risk',
  'frequency',
  'cost_of_delay',
  'multiplier',
  'score',
  'cost_of_delay_per_week',
  'effort_days',
  'wsjf',
  'due',
  'overdue',
  'owner_source',
] as const;

export const renderPortfolioCsv: PortfolioRenderer = (portfolio, options) => {
  const text = (value: number | null, format: (n: number) => string = String) =>
    value === null ? '' : format(value);
  const rows = shownPortfolioItems(portfolio, options).map((item) => [
    String(item.rank),
    item.project,
    String(item.projectRank),
    item.id,
    item.title,
    item.category,
    item.owner ?? '',
    item.status,
    String(item.risk),
    String(item.frequency),
    String(item.costOfDelay),
    String(item.multiplier),
    formatScore(item.score),
    text(item.costOfDelayPerWeek),
    text(item.effortDays),
    text(item.wsjf, formatScore),
    item.due ?? '',
    item.overdue ? 'true' : 'false',
    item.ownerSource ?? '',
  ]);
  return [[...PORTFOLIO_CSV_COLUMNS], ...rows]
    .map((row) => `${row.map(quoteField).join(',')}\r\n`)
    .join('');
};
