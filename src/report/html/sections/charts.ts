/**
 * The audit dashboard's charts, each a thin adapter from the Report to a reusable chart in
 * ../charts/: the risk × frequency map, cost of delay by item, and fix commits per month (per
 * item, and per category).
 */
import type { Report, ScoredItem } from '../../../model/index.js';
import { compareText } from '../../../util/text.js';
import { monthsBetween } from '../../../util/dates.js';
import { formatAmount } from '../../format.js';
import { barChart, type BarRow } from '../charts/bar-chart.js';
import { riskFrequencyMap } from '../charts/heat-map.js';
import { lineChart } from '../charts/line-chart.js';
import { columnSparkline } from '../charts/sparkline.js';
import { anchorId, html, type SafeHtml } from '../markup.js';

/** A link to an item's section that moves focus there. */
export function itemLink(item: Pick<ScoredItem, 'id'>): SafeHtml {
  return html`<a href="#${anchorId('item', item.id)}" data-jump>${item.id}</a>`;
}

export function renderHeatMapPanel(items: readonly ScoredItem[]): SafeHtml {
  const map = riskFrequencyMap(
    items.map((item) => ({
      risk: item.risk.effective,
      frequency: item.frequency.effective,
      label: item.id,
      href: `#${anchorId('item', item.id)}`,
    })),
    { caption: 'Risk × frequency (effective levels)', idPrefix: 'heat' },
  );
  return html`<section class="panel" aria-labelledby="heat-title">
    <h2 id="heat-title">Where the risk is</h2>
    ${map}
    <p class="legend-note">
      Each cell counts the ranked items at that effective risk (rows, 5 at the top) and frequency
      (columns). Darker cells have a higher risk × frequency. Hover or focus a cell to see its ids;
      select it to go to its highest-ranked item.
    </p>
  </section>`;
}

/**
 * Cost of delay by item: money per week where the inventory declares it, the effective level
 * (1–5) for the rest. Two charts, because money and levels are different scales.
 */
export function renderCostOfDelayPanel(items: readonly ScoredItem[]): SafeHtml {
  const withMoney = items
    .filter((item) => item.costOfDelay.money !== null)
    .sort((a, b) => b.costOfDelay.money!.perWeek - a.costOfDelay.money!.perWeek || a.rank - b.rank);
  const withLevel = items
    .filter((item) => item.costOfDelay.money === null)
    .sort((a, b) => b.costOfDelay.effective - a.costOfDelay.effective || a.rank - b.rank);
  const moneyRows: BarRow[] = withMoney.map((item) => ({
    label: itemLink(item),
    value: item.costOfDelay.money!.perWeek,
    text: `${formatAmount(item.costOfDelay.money!.perWeek)} per week · level ${item.costOfDelay.effective}`,
  }));
  const levelRows: BarRow[] = withLevel.map((item) => ({
    label: itemLink(item),
    value: item.costOfDelay.effective,
    text: `level ${item.costOfDelay.effective} of 5`,
  }));
  return html`<section class="panel" aria-labelledby="cost-title">
    <h2 id="cost-title">Cost of delay</h2>
    ${moneyRows.length > 0 ? barChart(moneyRows, { caption: 'Declared money per week', columns: ['Item', 'Per week'] }) : ''}
    ${levelRows.length > 0 ? barChart(levelRows, { caption: moneyRows.length > 0 ? 'Items without money: effective level' : 'Effective level (no item declares money)', columns: ['Item', 'Level'], max: 5 }) : ''}
    ${items.length === 0 ? html`<p>No ranked items.</p>` : ''}
  </section>`;
}

/** The window's months, or null when there is no window to chart. */
function windowMonths(report: Report): string[] | null {
  return report.window === null ? null : monthsBetween(report.window.since, report.window.until);
}

const NO_WINDOW = html`<p class="not-measured">
  Fix commits not measured: there is no commit to anchor a window.
</p>`;

/**
 * Fix commits per month by item over the window: one sparkline each, on one shared scale.
 * Items whose history was not measured say so instead of drawing zeros.
 */
export function renderItemTrends(report: Report, items: readonly ScoredItem[]): SafeHtml {
  const months = windowMonths(report);
  const section = (content: SafeHtml): SafeHtml =>
    html`<section aria-labelledby="trends-title">
      <h2 id="trends-title">Fix commits over the window</h2>
      ${content}
    </section>`;
  if (months === null) return section(NO_WINDOW);
  const series = (item: ScoredItem): number[] | null =>
    item.signals.git === null
      ? null
      : months.map((month) => item.signals.git!.fixesByMonth[month] ?? 0);
  const max = Math.max(0, ...items.flatMap((item) => series(item) ?? []));
  const range = `${months[0]} to ${months[months.length - 1]}`;
  const rows = items.map((item) => {
    const values = series(item);
    if (values === null) {
      return html`<tr>
        <th scope="row">${itemLink(item)}</th>
        <td colspan="2" class="not-measured">
          not measured (${item.signals.gitNotMeasured ?? 'see warnings'})
        </td>
      </tr> `;
    }
    const label = `${item.id} fix commits per month, ${range}: ${values.join(', ')}`;
    return html`<tr>
      <th scope="row">${itemLink(item)}</th>
      <td>${columnSparkline(values, { label, max })}</td>
      <td class="num">${item.signals.git!.fixCommits}</td>
    </tr> `;
  });
  return section(
    html`<table class="sparklines">
      <caption>
        Fix commits per month by item, ${range}
      </caption>
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col">Per month (one scale, max ${max})</th>
          <th scope="col" class="num">In window</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>`,
  );
}

/**
 * Fix commits per month by category: the sum over the category's measured items (a category
 * with none measured is a gap, not a zero).
 */
export function renderCategoryTrend(report: Report, items: readonly ScoredItem[]): SafeHtml {
  const months = windowMonths(report);
  if (months === null) return NO_WINDOW;
  const categories = [...new Set(items.map((item) => item.category))].sort(compareText);
  const byCategory = categories.map((category) => {
    const measured = items.filter(
      (item) => item.category === category && item.signals.git !== null,
    );
    return {
      name: category,
      values: months.map((month) =>
        measured.length === 0
          ? null
          : measured.reduce((sum, item) => sum + (item.signals.git!.fixesByMonth[month] ?? 0), 0),
      ),
    };
  });
  const range = `${months[0]} to ${months[months.length - 1]}`;
  return lineChart(months, byCategory, {
    caption: 'Fix commits per month by category',
    description: `The sum of each category's items' fix commits per UTC month, ${range}; a commit that touches items in two categories counts in both. The first and last months are partial when the window starts or ends mid-month.`,
    idPrefix: 'category-fixes',
    integers: true,
  });
}
