/**
 * Markdown: the totals per point, then each category and item with a sparkline; GitHub
 * flavoured, escaped like the audit's markdown, byte-identical for the same Trend.
 */
import { formatScore } from '../format.js';
import { escapeText } from '../renderers/markdown.js';
import type { TrendRenderer } from './index.js';
import { describeChange, textSparkline } from './sparkline.js';
import { describeTrendScope, trendCategories } from './table.js';

export const renderTrendMarkdown: TrendRenderer = (trend) => {
  const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  const score = (value: number | null | undefined): string =>
    value === null || value === undefined ? '—' : formatScore(value);
  const header = row([
    'Item',
    'Category',
    ...trend.points.map((point) => point.date),
    'Trend',
    'Change',
  ]);
  const rule = row(['---', '---', ...trend.points.map(() => '---:'), '---', '---:']);
  const totals = trend.points.map((point) => point.total);
  const rows = [
    row([
      '**Total**',
      'all',
      ...totals.map((t) => `**${formatScore(t)}**`),
      textSparkline(totals),
      describeChange(totals),
    ]),
    ...trendCategories(trend).map((category) => {
      const values = trend.points.map((point) => point.byCategory[category] ?? null);
      return row([
        'category',
        escapeText(category),
        ...values.map(score),
        textSparkline(values),
        describeChange(values),
      ]);
    }),
    ...trend.items.map((item) =>
      row([
        escapeText(item.id),
        escapeText(item.category),
        ...item.scores.map(score),
        textSparkline(item.scores),
        describeChange(item.scores),
      ]),
    ),
  ];
  const blocks = [
    `# Debt trend: ${escapeText(trend.project)}`,
    '<!-- markdownlint-disable MD013 -->',
    escapeText(describeTrendScope(trend)) + '.',
    [header, rule, ...rows].join('\n'),
    '— : not ranked at that point (not created yet, or resolved).',
    '## Warnings and notes',
    [
      ...trend.warnings.map((w) => `- warning: ${escapeText(w.message)}`),
      ...trend.notes.map((n) => `- note: ${escapeText(n.message)}`),
    ].join('\n') || 'None.',
  ];
  return `${blocks.join('\n\n')}\n`;
};
