/**
 * A sortable, filterable table of items, as the dashboard's script drives it: the audit's
 * ranked table and the portfolio's are both made of these parts.
 *
 * - Sortable columns carry a `<button data-sort>` in their header (`aria-sort` marks the sorted
 *   column, the first one to begin with) and a `data-value` on each cell, what sorting reads.
 * - Filters are `<select data-filter="<name>">` whose options are values the rows carry in
 *   `data-<name>`; they stay hidden until the script runs, so a page without script shows no
 *   dead controls.
 */
import { html, type SafeHtml } from '../markup.js';

export interface TableColumn<T> {
  name: string;
  /** How the column sorts; `null`: not sortable. */
  sort: 'number' | 'text' | null;
  /** The direction of the first click: scores read best highest first. */
  first?: 'descending';
  numeric?: boolean;
  /** A class for its cells besides `num` (e.g. `evidence`). */
  cellClass?: string;
  cell: (item: T) => { value: string; content: SafeHtml | string };
}

/** A cell showing its own sort value. */
export const textCell = (value: string) => ({ value, content: value });

/** A number cell, shown as given (`12.0`) and sorted by its value. */
export const numberCell = (value: number, shown = String(value)) => ({
  value: String(value),
  content: shown,
});

/** A due date, marked when overdue; `—` without one (sorted first). */
export const dueCell = (item: { due: string | null; overdue: boolean }) => ({
  value: item.due ?? '',
  content:
    item.due === null
      ? '—'
      : item.overdue
        ? html`<span class="overdue">${item.due} (overdue)</span>`
        : item.due,
});

/** The header cells: a sort button in each sortable column. */
export function sortableHeader<T>(columns: readonly TableColumn<T>[]): SafeHtml[] {
  return columns.map((column, i) => {
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
}

/** One row's cells, each with the value sorting reads. */
export function tableCells<T>(columns: readonly TableColumn<T>[], item: T): SafeHtml[] {
  return columns.map((column) => {
    const { value, content } = column.cell(item);
    const classes = [column.numeric ? 'num' : null, column.cellClass ?? null]
      .filter((name) => name !== null)
      .join(' ');
    return html`<td${classes ? html` class="${classes}"` : ''}${column.sort ? html` data-value="${value}"` : ''}>${content}</td>`;
  });
}

export interface TableFilter {
  /** The row attribute it filters on: `data-<name>`. */
  name: string;
  label: string;
  /** The option that shows every row (`All categories`). */
  all: string;
  values: readonly string[];
}

/** The filters and the live "N of M items shown" line, hidden until the script runs. */
export function filterControls(filters: readonly TableFilter[], count: number): SafeHtml {
  return html`<div class="controls" data-filters="ranked" hidden>
    ${filters.map(
      (filter) =>
        html`<label
          >${filter.label}
          <select data-filter="${filter.name}">
            <option value="">${filter.all}</option>
            ${filter.values.map((value) => html`<option value="${value}">${value}</option>`)}
          </select></label
        > `,
    )}
    <span data-filter-status role="status">${count} of ${count} items shown</span>
  </div>`;
}

/** The table itself, with the id the script's filters address. */
export function sortableTable(header: readonly SafeHtml[], rows: readonly SafeHtml[]): SafeHtml {
  return html`<table id="ranked" data-sortable>
    <thead>
      <tr>
        ${header}
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}
