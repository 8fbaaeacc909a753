/**
 * The terminal table: one row per item with its score at each point and a sparkline, then
 * the total and each category; today's warnings and the trend's notes below.
 */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { Trend } from '../../model/trend.js';
import { formatScore } from '../format.js';
import { compareText } from '../../util/text.js';
import type { TrendRenderer } from './index.js';
import { describeChange, textSparkline } from './sparkline.js';

/** The header line: project, span, commit. */
export function describeTrendScope(trend: Trend): string {
  const first = trend.points[0]!;
  const last = trend.points[trend.points.length - 1]!;
  const head = trend.head ? ` · HEAD ${trend.head.slice(0, 10)}` : '';
  return (
    `${trend.points.length} points from ${first.date} to ${last.date}, each scored over its own ` +
    `${last.window.days}-day window${head}`
  );
}

/** Every category scored at some point, by today's score then name. */
export function trendCategories(trend: Trend): string[] {
  const today = trend.points[trend.points.length - 1]!.byCategory;
  const all = new Set(trend.points.flatMap((point) => Object.keys(point.byCategory)));
  return [...all].sort((a, b) => (today[b] ?? 0) - (today[a] ?? 0) || compareText(a, b));
}

export const renderTrendTable: TrendRenderer = (trend, options) => {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const dates = trend.points.map((point) => point.date.slice(5));
  const score = (value: number | null | undefined): string =>
    value === null || value === undefined ? '—' : formatScore(value);
  const table = new Table({
    head: ['ID', 'Category', ...dates, 'Trend', 'Change'].map((h) => c.bold(h)),
    style: { head: [], border: [], compact: true },
    colAligns: ['left', 'left', ...dates.map(() => 'right' as const), 'left', 'right'],
    wordWrap: false,
  });
  const totals = trend.points.map((point) => point.total);
  table.push([
    c.bold('total'),
    '',
    ...totals.map((total) => c.bold(formatScore(total))),
    textSparkline(totals),
    describeChange(totals),
  ]);
  for (const category of trendCategories(trend)) {
    const values = trend.points.map((point) => point.byCategory[category] ?? null);
    table.push([
      c.dim('category'),
      category,
      ...values.map(score),
      textSparkline(values),
      describeChange(values),
    ]);
  }
  for (const item of trend.items) {
    table.push([
      item.id,
      item.category,
      ...item.scores.map(score),
      textSparkline(item.scores),
      describeChange(item.scores),
    ]);
  }
  const lines = [
    c.bold(`mldebt trend · ${trend.project}`) + ` · ${describeTrendScope(trend)}`,
    table.toString(),
    c.dim('— : not ranked at that point (not created yet, or resolved)'),
  ];
  for (const w of trend.warnings) lines.push(c.yellow(`warning: ${w.message}`));
  for (const n of trend.notes) lines.push(c.dim(`note: ${n.message}`));
  return `${lines.join('\n')}\n`;
};
