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
import {
  dueCell,
  filterControls,
  numberCell,
  sortableHeader,
  sortableTable,
  tableCells,
  textCell,
  type TableColumn,
} from './sortable-table.js';
import { itemLink } from './charts.js';

type Column = TableColumn<ScoredItem>;

export function renderRankedTable(report: Report, items: readonly ScoredItem[]): SafeHtml {
  const columns = tableColumns(report, items);
  const distinct = (values: string[]) => [...new Set(values)].sort(compareText);
  const rows = items.map(
    (item) =>
      html`<tr
        data-rank="${item.rank}"
        data-id="${item.id}"
        data-category="${item.category}"
        data-owner="${ownerLabel(item)}"
      >
        ${tableCells(columns, item)}
      </tr> `,
  );
  return html`<section aria-labelledby="ranked-title">
    <h2 id="ranked-title">Ranked items</h2>
    ${filterControls(
      [
        {
          name: 'category',
          label: 'Category',
          all: 'All categories',
          values: distinct(items.map((item) => item.category)),
        },
        {
          name: 'owner',
          label: 'Owner',
          all: 'All owners',
          values: distinct(items.map(ownerLabel)),
        },
      ],
      items.length,
    )}
    ${sortableTable(sortableHeader(columns), rows)}
  </section>`;
}

function tableColumns(report: Report, items: readonly ScoredItem[]): Column[] {
  const text = textCell;
  const number = numberCell;
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
      cellClass: 'evidence',
      cell: (item) => text(summarizeEvidence(item, report.window) || '—'),
    },
    {
      name: 'Due',
      sort: 'text',
      cell: dueCell,
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
