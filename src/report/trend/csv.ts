/**
 * CSV: long format, one row per point and figure, RFC 4180 (CRLF, quoted only where needed):
 * `kind` is `total`, `category` or `item`; `id` and `category` are empty where they do not
 * apply. An item not ranked at a point has no row for it (never a 0).
 */
import { formatScore } from '../format.js';
import { quoteField } from '../renderers/csv.js';
import { compareText } from '../../util/text.js';
import type { TrendRenderer } from './index.js';

export const TREND_CSV_COLUMNS = ['date', 'kind', 'category', 'id', 'title', 'score'] as const;

export const renderTrendCsv: TrendRenderer = (trend) => {
  const rows: (string | number)[][] = [];
  trend.points.forEach((point, i) => {
    rows.push([point.date, 'total', '', '', '', formatScore(point.total)]);
    for (const category of Object.keys(point.byCategory).sort(compareText)) {
      rows.push([
        point.date,
        'category',
        category,
        '',
        '',
        formatScore(point.byCategory[category]!),
      ]);
    }
    for (const item of trend.items) {
      const score = item.scores[i];
      if (score === null || score === undefined) continue;
      rows.push([point.date, 'item', item.category, item.id, item.title, formatScore(score)]);
    }
  });
  return [TREND_CSV_COLUMNS, ...rows]
    .map((row) => row.map((cell) => quoteField(String(cell))).join(','))
    .map((line) => `${line}\r\n`)
    .join('');
};
