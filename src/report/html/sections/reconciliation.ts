/**
 * The dashboard's Reconciliation section: where the inventory and the history disagree
 * (resolved items still being fixed, items whose paths match nothing, hotspots no item
 * declares), one table row per finding. Nothing when they agree.
 */
import type { Report } from '../../../model/index.js';
import { describeReconciliation, RECONCILIATION_INTRO } from '../../reconciliation.js';
import { anchorId, html, type SafeHtml } from '../markup.js';

/** The section, or '' without findings; an item id links to its section when it has one. */
export function renderReconciliation(report: Report, linked: ReadonlySet<string>): SafeHtml | '' {
  if (report.reconciliation.length === 0) return '';
  const rows = report.reconciliation.map((finding) => {
    const row = describeReconciliation(finding);
    const subject = row.subjectIsPath
      ? html`<code>${row.subject}</code>`
      : linked.has(row.subject)
        ? html`<a href="#${anchorId('item', row.subject)}" data-jump>${row.subject}</a>`
        : row.subject;
    const [before, command, after] = row.action.split('`');
    const action =
      command === undefined
        ? row.action
        : html`${before ?? ''}<code>${command}</code>${after ?? ''}`;
    return html`<tr>
      <td>${row.kind}</td>
      <td>${subject}</td>
      <td>${row.evidence}</td>
      <td>${action}</td>
    </tr>`;
  });
  return html`<section id="reconciliation" aria-labelledby="reconciliation-title">
    <h2 id="reconciliation-title">Reconciliation</h2>
    <p>${RECONCILIATION_INTRO}</p>
    <table>
      <thead>
        <tr>
          <th scope="col">Finding</th>
          <th scope="col">Item or path</th>
          <th scope="col">Evidence</th>
          <th scope="col">What to do</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </section>`;
}
