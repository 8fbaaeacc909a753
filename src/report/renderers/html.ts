/**
 * The HTML dashboard: one self-contained file to attach to a planning doc or open from a CI
 * artifact. Warnings first (never behind a click), then the headline figures, the risk ×
 * frequency map, cost of delay, fix commits over the window, the ranked table and one
 * section per item. A pure function of the Report: the same Report is the same bytes.
 *
 * The pieces live in ../html/: reusable charts in charts/, this report's sections in
 * sections/, the document shell (styles, script, CSP) in page.ts.
 */
import type { Report } from '../../model/index.js';
import { formatScore, shownItems, type Renderer } from '../format.js';
import {
  renderCategoryTrend,
  renderCostOfDelayPanel,
  renderHeatMapPanel,
  renderItemTrends,
} from '../html/sections/charts.js';
import {
  renderCategoryTable,
  renderHeadline,
  renderTitle,
  renderWarnings,
} from '../html/sections/header.js';
import { renderItemDetail } from '../html/sections/item-detail.js';
import { renderRankedTable } from '../html/sections/ranked-table.js';
import { renderReconciliation } from '../html/sections/reconciliation.js';
import { html, type SafeHtml } from '../html/markup.js';
import { renderPage } from '../html/page.js';

export const renderHtml: Renderer = (report, options) => {
  const items = shownItems(report, options);
  const linked = new Set(items.map((item) => item.id));
  const body = html`<main>
    ${renderTitle(report)} ${renderWarnings(report, linked)} ${renderHeadline(report)}
    ${items.length < report.items.length ? html`<p class="muted">Showing the top ${items.length} of ${report.items.length} ranked items (<code>--top ${items.length}</code>): the charts and the table cover those; the totals and the gate cover all of them.</p>` : ''}
    <section aria-labelledby="categories-title">
      <h2 id="categories-title">By category</h2>
      <div class="panels">
        <div class="panel">${renderCategoryTable(report)}</div>
        <div class="panel">${renderCategoryTrend(report, items)}</div>
      </div>
    </section>
    <div class="panels">${renderHeatMapPanel(items)} ${renderCostOfDelayPanel(items)}</div>
    ${renderItemTrends(report, items)} ${renderRankedTable(report, items)}
    ${renderReconciliation(report, linked)}
    <section aria-labelledby="details-title">
      <h2 id="details-title">Items in detail</h2>
      ${items.length === 0 ? html`<p>No ranked items.</p>` : ''}
      ${items.map((item) => html`${renderItemDetail(item, report)} `)}
    </section>
    ${renderNotRanked(report)}
    <footer>
      <p>
        Made by ${report.tool.name} ${report.tool.version} from <code>${report.inventory}</code>.
        Score = risk × frequency × cost of delay × multiplier; every figure above is in
        <code>mldebt audit --format json</code>, and <code>mldebt explain &lt;id&gt;</code> shows
        where each came from.
      </p>
    </footer>
  </main>`;
  return renderPage({ title: `Technical debt: ${report.project}`, body });
};

/** Items not ranked (accepted, resolved) and items resolved since the baseline. */
function renderNotRanked(report: Report): SafeHtml | string {
  const resolved = report.baseline?.items.filter((delta) => delta.status === 'resolved') ?? [];
  if (report.notRanked.length === 0 && resolved.length === 0) return '';
  return html`<section aria-labelledby="not-ranked-title">
    <h2 id="not-ranked-title">Not ranked</h2>
    <ul>
      ${report.notRanked.map((item) => html`<li>${item.id} — ${item.title} (${item.status})</li> `)}${resolved.map(
        (delta) =>
          html`<li>
            ${delta.id}: resolved since the baseline (score ${formatScore(delta.previous ?? 0)} in
            <code>${report.baseline!.file}</code>)
          </li> `,
      )}
    </ul>
  </section>`;
}
