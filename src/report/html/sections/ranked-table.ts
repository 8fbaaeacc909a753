/**
 * The ranked table: every shown item, sortable by any column with a value (a `<button>` in
 * the header; `aria-sort` marks the sorted column), filterable by category and owner. The
 * filters stay hidden until the script runs, so a page without script shows no dead controls.
 */
import type { Report, ScoredItem } from '../../../model/index.js';
import { compareText } from '../../../util/text.js';
import { deltaOf, describeDelta } from '../../delta.js';
import { summarizeEvidence } from '../../evidence-summary.js';
import { formatScore, ownerLabel } from '../../format.js';
import { html, type SafeHtml } from '../markup.js';
import { itemLink } from './charts.js';

interface Column {
  name: string;
  /** How the column sorts; `null`: not sortable. */
  sort: 'number' | 'text' | null;
  /** The direction of the first click: scores read best highest first. */
  first?: 'descending';
  numeric?: boolean;
  cell: (item: ScoredItem) => { value: string; content: SafeHtml | string };
}

export function renderRankedTable(report: Report, items: readonly ScoredItem[]): SafeHtml {
  const columns = tableColumns(report, items);
  const categories = [...new Set(items.map((item) => item.category))].sort(compareText);
  const owners = [...new Set(items.map(ownerLabel))].sort(compareText);
  const header = columns.map((column, i) => {
    const sorted = i === 0 ? html` aria-sort="ascending"` : '';
    const numeric = column.numeric ? html` class="num"` : '';
    if (column.sort === null) return html`<th scope="col" ${numeric}>${column.name}</th>`;
    return html`<th scope="col" ${numeric}${sorted}>
      <button
        type="button"
        data-sort="${column.sort}"
        ${column.first ? html` data-first="${column.first}"` : ''}
      >
        ${column.name}
      </button>
    </th>`;
  });
  const rows = items.map(
    (item) =>
      html`<tr
        data-rank="${item.rank}"
        data-id="${item.id}"
        data-category="${item.category}"
        data-owner="${ownerLabel(item)}"
      >
        ${columns.map((column) => {
          const { value, content } = column.cell(item);
          const classes = [
            column.numeric ? 'num' : null,
            column.name === 'Evidence' ? 'evidence' : null,
          ]
            .filter((name) => name !== null)
            .join(' ');
          return html`<td${classes ? html` class="${classes}"` : ''}${column.sort ? html` data-value="${value}"` : ''}>${content}</td>`;
        })}
      </tr> `,
  );
  return html`<section aria-labelledby="ranked-title">
    <h2 id="ranked-title">Ranked items</h2>
    <div class="controls" data-filters="ranked" hidden>
      <label
        >Category
        <select data-filter="category">
          <option value="">All categories</option>
          ${categories.map((category) => html`<option value="${category}">${category}</option>`)}
        </select></label
      >
      <label
        >Owner
        <select data-filter="owner">
          <option value="">All owners</option>
          ${owners.map((owner) => html`<option value="${owner}">${owner}</option>`)}
        </select></label
      >
      <span data-filter-status role="status">${items.length} of ${items.length} items shown</span>
    </div>
    <table id="ranked" data-sortable>
      <thead>
        <tr>
          ${header}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </section>`;
}

function tableColumns(report: Report, items: readonly ScoredItem[]): Column[] {
  const text = (value: string) => ({ value, content: value });
  const number = (value: number, shown = String(value)) => ({
    value: String(value),
    content: shown,
  });
  const columns: Column[] = [
    { name: '#', sort: 'number', numeric: true, cell: (item) => number(item.rank) },
    { name: 'ID', sort: 'text', cell: (item) => ({ value: item.id, content: itemLink(item) }) },
    { name: 'Title', sort: 'text', cell: (item) => text(item.title) },
    { name: 'Category', sort: 'text', cell: (item) => text(item.category) },
    { name: 'Owner', sort: 'text', cell: (item) => text(ownerLabel(item)) },
    {
      name: 'R',
      sort: 'number',
      first: 'descending',
      numeric: true,
      cell: (item) => number(item.risk.effective),
    },
    {
      name: 'F',
      sort: 'number',
      first: 'descending',
      numeric: true,
      cell: (item) => number(item.frequency.effective),
    },
    {
      name: 'C',
      sort: 'number',
      first: 'descending',
      numeric: true,
      cell: (item) => number(item.costOfDelay.effective),
    },
    {
      name: 'Score',
      sort: 'number',
      first: 'descending',
      numeric: true,
      cell: (item) => number(item.score, formatScore(item.score)),
    },
  ];
  if (items.some((item) => item.wsjf !== null)) {
    columns.push({
      name: 'WSJF',
      sort: 'number',
      first: 'descending',
      numeric: true,
      cell: (item) =>
        item.wsjf === null
          ? { value: '', content: '—' }
          : number(item.wsjf, formatScore(item.wsjf)),
    });
  }
  columns.push(
    {
      name: 'Evidence',
      sort: null,
      cell: (item) => text(summarizeEvidence(item, report.window) || '—'),
    },
    {
      name: 'Due',
      sort: 'text',
      cell: (item) => ({
        value: item.due ?? '',
        content:
          item.due === null
            ? '—'
            : item.overdue
              ? html`<span class="overdue">${item.due} (overdue)</span>`
              : item.due,
      }),
    },
  );
  if (report.baseline) {
    columns.push({
      name: 'Δ',
      sort: 'number',
      first: 'descending',
      numeric: true,
      cell: (item) => {
        const delta = deltaOf(report, item.id);
        return {
          value: delta?.delta === null || delta === undefined ? '' : String(delta.delta),
          content: describeDelta(delta),
        };
      },
    });
  }
  return columns;
}
