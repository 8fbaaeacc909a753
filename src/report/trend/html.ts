/**
 * The trend as a self-contained HTML page (the dashboard's document shell, styles and charts):
 * a line chart of the total and each category per point, the fix commits per category per
 * month, and a table of every item's score per point.
 */
import { formatScore } from '../format.js';
import { lineChart } from '../html/charts/line-chart.js';
import { html } from '../html/markup.js';
import { renderPage } from '../html/page.js';
import { monthsBetween } from '../../util/dates.js';
import type { TrendRenderer } from './index.js';
import { describeChange } from './sparkline.js';
import { describeTrendScope, trendCategories } from './table.js';

export const renderTrendHtml: TrendRenderer = (trend) => {
  const dates = trend.points.map((point) => point.date);
  const categories = trendCategories(trend);
  const description =
    'Each point is the audit of the inventory as it stood that day, over a window of the same length ending there.';
  const totalChart = lineChart(
    dates,
    [{ name: 'total', values: trend.points.map((point) => point.total) }],
    {
      caption: 'Total debt score at each point',
      description,
      idPrefix: 'trend-total',
      formatValue: formatScore,
    },
  );
  const categoryChart = lineChart(
    dates,
    categories.map((category) => ({
      name: category,
      values: trend.points.map((point) => point.byCategory[category] ?? null),
    })),
    {
      caption: 'Debt score by category at each point',
      description: `${description} A category with no ranked item at a point is a gap.`,
      idPrefix: 'trend-categories',
      formatValue: formatScore,
    },
  );
  const first = trend.points[0]!.window.since;
  const last = trend.points[trend.points.length - 1]!.window.until;
  const months = monthsBetween(first, last);
  const fixChart = lineChart(
    months,
    Object.entries(trend.fixesByCategory).map(([category, perMonth]) => ({
      name: category,
      values: months.map((month) => perMonth[month] ?? 0),
    })),
    {
      caption: 'Fix commits per month by category',
      description: `Fix commits to each category's items per UTC month, ${months[0]} to ${months[months.length - 1]}; a commit touching items of two categories counts in both.`,
      idPrefix: 'trend-fixes',
      integers: true,
    },
  );
  const score = (value: number | null | undefined): string =>
    value === null || value === undefined ? '—' : formatScore(value);
  const rows = trend.items.map(
    (item) =>
      html`<tr>
        <th scope="row">${item.id}</th>
        <td>${item.title}</td>
        <td>${item.category}</td>
        ${item.scores.map((value) => html`<td class="num">${score(value)}</td>`)}
        <td class="num">${describeChange(item.scores)}</td>
      </tr> `,
  );
  const body = html`<main>
    <header>
      <h1>Debt trend: ${trend.project}</h1>
      <p class="meta">${describeTrendScope(trend)} · inventory <code>${trend.inventory}</code></p>
    </header>
    ${
      trend.warnings.length > 0
        ? html`<section id="warnings" class="warnings" aria-labelledby="warnings-title">
            <h2 id="warnings-title">⚠ Today's warnings</h2>
            <ul>
              ${trend.warnings.map((w) => html`<li><code>${w.code}</code>: ${w.message}</li>`)}
            </ul>
          </section>`
        : ''
    }
    <div class="panels">
      <div class="panel">${totalChart}</div>
      <div class="panel">${categoryChart}</div>
      <div class="panel">${fixChart}</div>
    </div>
    <section aria-labelledby="items-title">
      <h2 id="items-title">Items</h2>
      <table id="trend-items">
        <caption>
          Score of each item at each point (— : not ranked then)
        </caption>
        <thead>
          <tr>
            <th scope="col">ID</th>
            <th scope="col">Title</th>
            <th scope="col">Category</th>
            ${dates.map((date) => html`<th scope="col" class="num">${date}</th>`)}
            <th scope="col" class="num">Change</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Total</th>
            <td></td>
            <td></td>
            ${trend.points.map((point) => html`<td class="num"><strong>${formatScore(point.total)}</strong></td>`)}
            <td class="num">${describeChange(trend.points.map((point) => point.total))}</td>
          </tr>
          ${rows}
        </tbody>
      </table>
    </section>
    <footer>
      ${trend.notes.map((note) => html`<p>Note: ${note.message}</p>`)}
      <p>Made by ${trend.tool.name} ${trend.tool.version}.</p>
    </footer>
  </main>`;
  return renderPage({ title: `Debt trend: ${trend.project}`, body });
};
