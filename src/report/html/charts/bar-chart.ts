/**
 * A horizontal bar chart as a table: each row names its subject, draws a bar (decoration, so
 * hidden from assistive technology) and states the value in text. The table is the chart's
 * own text alternative, and it prints and copies like any table.
 */
import { html, type HtmlValue, type SafeHtml } from '../markup.js';
import { formatCoordinate } from './geometry.js';

export interface BarRow {
  /** The row header: an item link, a project name. */
  label: HtmlValue;
  value: number;
  /** The value as text, e.g. `3,885 per week` or `level 4 of 5`. */
  text: string;
}

export interface BarChartOptions {
  caption: string;
  /** Heading of the label column and of the value column. */
  columns: [string, string];
  /** The value a full bar stands for; the largest row's value when omitted. */
  max?: number;
  /** Bar width in pixels at `max`. */
  width?: number;
}

export function barChart(rows: readonly BarRow[], options: BarChartOptions): SafeHtml {
  const width = options.width ?? 240;
  const max = options.max ?? Math.max(0, ...rows.map((row) => row.value));
  const body = rows.map((row) => {
    const length = max > 0 ? Math.max(row.value > 0 ? 2 : 0, (row.value / max) * width) : 0;
    return html`<tr>
      <th scope="row">${row.label}</th>
      <td class="bar-cell">
        <svg class="bar" aria-hidden="true" width="${width}" height="14" viewBox="0 0 ${width} 14">
          <rect class="bar-fill" x="0" y="1" width="${formatCoordinate(length)}" height="12" />
        </svg>
        <span class="bar-value">${row.text}</span>
      </td>
    </tr>`;
  });
  return html`<table class="bar-chart">
    <caption>
      ${options.caption}
    </caption>
    <thead>
      <tr>
        <th scope="col">${options.columns[0]}</th>
        <th scope="col">${options.columns[1]}</th>
      </tr>
    </thead>
    <tbody>
      ${body.map((row) => html`${row} `)}
    </tbody>
  </table>`;
}
