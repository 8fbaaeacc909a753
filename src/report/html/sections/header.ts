/**
 * The top of the audit dashboard: what was audited (project, window, commit), the warnings —
 * before any figure and never folded away — then the figures a director asks for first
 * (total, cost of delay per week, gate), and the totals by category.
 */
import type { Diagnostic, Report } from '../../../model/index.js';
import { formatDelta } from '../../delta.js';
import { describeThresholds, formatAmount, formatScore } from '../../format.js';
import { plural } from '../../../util/text.js';
import { categoryRows, shareOf } from '../../categories.js';
import { anchorId, html, type SafeHtml } from '../markup.js';

/** Title and what was audited: project, window, commit, inventory. */
export function renderTitle(report: Report): SafeHtml {
  const window = report.window
    ? `${report.window.since} → ${report.window.until} (${report.window.days} days)`
    : 'none (no commit to anchor it)';
  const head = report.repository.head;
  return html`<header>
    <h1>Technical debt: ${report.project}</h1>
    <p class="meta">
      Window ${window} · commit
      ${head ? html`<code title="${head}">${head.slice(0, 7)}</code>` : 'none'} · inventory
      <code>${report.inventory}</code>
    </p>
  </header>`;
}

/** The figures a director asks for first: total, cost of delay per week, the gate. */
export function renderHeadline(report: Report): SafeHtml {
  return html`<section aria-label="Totals">
    <div class="cards">
      <div class="card">
        <span class="label">Total score</span
        ><span class="value">${formatScore(report.totals.score)}</span
        ><span class="muted"
          >${plural(report.totals.items, 'ranked item')}${report.baseline ? `, ${formatDelta(report.baseline.totalDelta)} against the baseline` : ''}</span
        >
      </div>
      <div class="card">
        <span class="label">Cost of delay per week</span
        ><span class="value"
          >${report.totals.costOfDelayPerWeek === null ? '—' : formatAmount(report.totals.costOfDelayPerWeek)}</span
        ><span class="muted">${describeMoneyCoverage(report)}</span>
      </div>
      ${renderGateCard(report)}
    </div>
  </section>`;
}

/** Whose money the weekly figure sums: it is only as complete as the declarations. */
function describeMoneyCoverage(report: Report): string {
  const declaring = report.items.filter((item) => item.costOfDelay.money !== null).length;
  if (declaring === 0) return 'no item declares money; levels are charted below';
  return `declared by ${declaring} of ${plural(report.items.length, 'ranked item')}`;
}

function renderGateCard(report: Report): SafeHtml {
  const { gate } = report;
  const status = gate.passed ? '✓ Passed' : '✗ Failed';
  return html`<div class="card ${gate.passed ? 'gate-passed' : 'gate-failed'}">
    <span class="label">CI gate</span><span class="value">${status}</span
    ><span class="muted">${describeThresholds(gate)}</span>${
      gate.reasons.length > 0
        ? html`<ul class="gate-reasons">
            ${gate.reasons.map((reason) => html`<li>${reason}</li>`)}
          </ul>`
        : ''
    }
  </div>`;
}

/** Items, score and share per category, highest score first. */
export function renderCategoryTable(report: Report): SafeHtml {
  return html`<table class="categories">
    <caption>
      Totals by category
    </caption>
    <thead>
      <tr>
        <th scope="col">Category</th>
        <th scope="col" class="num">Items</th>
        <th scope="col" class="num">Score</th>
        <th scope="col" class="num">Share</th>
      </tr>
    </thead>
    <tbody>
      ${categoryRows(report).map(
        (row) =>
          html`<tr>
            <th scope="row">${row.category}</th>
            <td class="num">${row.items}</td>
            <td class="num">${formatScore(row.score)}</td>
            <td class="num">${row.share}</td>
          </tr> `,
      )}
      <tr>
        <th scope="row">Total</th>
        <td class="num">${report.totals.items}</td>
        <td class="num"><strong>${formatScore(report.totals.score)}</strong></td>
        <td class="num">${shareOf(report, report.totals.score)}</td>
      </tr>
    </tbody>
  </table>`;
}

/**
 * Every warning, in full, before any chart: a signal that could not be measured changes what
 * the figures below mean. Notes (facts, not problems) follow in a quieter list.
 */
export function renderWarnings(report: Report, linked: ReadonlySet<string>): SafeHtml {
  const notes =
    report.notes.length > 0
      ? html`<p class="muted">Notes:</p>
          <ul class="notes">
            ${report.notes.map((note) => html`<li>${describeDiagnostic(note, linked)}</li>`)}
          </ul>`
      : '';
  if (report.warnings.length === 0) {
    return html`<section id="warnings" class="ok-note" aria-labelledby="warnings-title">
      <h2 id="warnings-title">Warnings</h2>
      <p>No warnings: every signal the inventory asks for was measured.</p>
      ${notes}
    </section>`;
  }
  return html`<section
    id="warnings"
    class="warnings"
    role="region"
    aria-labelledby="warnings-title"
  >
    <h2 id="warnings-title">
      ⚠ ${plural(report.warnings.length, 'warning')}: read them before the figures below
    </h2>
    <ul>
      ${report.warnings.map((warning) => html`<li>${describeDiagnostic(warning, linked)}</li> `)}
    </ul>
    ${notes}
  </section>`;
}

/** `glob-no-match (DATA-001, debt.yaml:12:5): message`, the item linked when it has a section. */
function describeDiagnostic(diagnostic: Diagnostic, linked: ReadonlySet<string>): SafeHtml {
  const item = diagnostic.itemId;
  const itemRef = item
    ? linked.has(item)
      ? html`<a href="#${anchorId('item', item)}" data-jump>${item}</a>`
      : item
    : null;
  const location = diagnostic.location
    ? `${diagnostic.location.file}:${diagnostic.location.line}:${diagnostic.location.column}`
    : null;
  const where = [itemRef, location].filter((part) => part !== null);
  return html`<code>${diagnostic.code}</code>${
      where.length > 0 ? html` (${where.map((part, i) => html`${i > 0 ? ', ' : ''}${part}`)})` : ''
    }:
    ${diagnostic.message}`;
}
