/**
 * A line chart of a few series over labelled points (months, trend dates). Series differ by
 * colour, dash pattern and marker shape, so colour is never the only way to tell them apart;
 * the legend shows all three. The figure carries its numbers as a table too, the text
 * alternative for anyone who cannot see the lines (and for copying figures into a doc).
 */
import { html, joinHtml, type SafeHtml } from '../markup.js';
import { formatCoordinate } from './geometry.js';

export interface LineSeries {
  name: string;
  /** One value per point; `null` where the series was not measured (a gap, never a 0). */
  values: readonly (number | null)[];
}

export interface LineChartOptions {
  caption: string;
  /** One sentence on what the chart shows and how it was counted. */
  description: string;
  /** Unique within the page, for the ids that tie caption and description to the image. */
  idPrefix: string;
  /** How a value reads in the data table (`formatScore` for scores); integers by default. */
  formatValue?: (value: number) => string;
  /** Counts: ticks at whole numbers only. */
  integers?: boolean;
}

const WIDTH = 640;
const HEIGHT = 220;
const MARGIN = { top: 12, right: 32, bottom: 30, left: 40 };
const DASHES = ['', '6 3', '2 3', '9 3 2 3'];
const MARKERS = ['circle', 'square', 'triangle', 'diamond'] as const;
const SERIES_COLOURS = 8;

export function lineChart(
  points: readonly string[],
  series: readonly LineSeries[],
  options: LineChartOptions,
): SafeHtml {
  const format = options.formatValue ?? ((value: number) => String(value));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const largest = Math.max(0, ...series.flatMap((s) => s.values.filter((v) => v !== null)));
  const { top, step } = niceScale(largest, options.integers ?? false);
  const x = (i: number): number =>
    MARGIN.left + (points.length > 1 ? (i / (points.length - 1)) * plotWidth : plotWidth / 2);
  const y = (value: number): number => MARGIN.top + plotHeight - (value / top) * plotHeight;

  const grid: SafeHtml[] = [];
  for (let tick = 0; tick * step <= top + 1e-9; tick++) {
    const value = Number((tick * step).toPrecision(12));
    const at = formatCoordinate(y(value));
    grid.push(
      html`<line
          class="grid"
          x1="${MARGIN.left}"
          x2="${WIDTH - MARGIN.right}"
          y1="${at}"
          y2="${at}"
        /><text
          class="tick"
          x="${MARGIN.left - 6}"
          y="${at}"
          text-anchor="end"
          dominant-baseline="middle"
          >${format(value)}</text
        >`,
    );
  }
  // At most ~8 x labels fit; thin them evenly, always keeping the last point.
  const every = Math.max(1, Math.ceil(points.length / 8));
  const labels = points.map((label, i) =>
    i % every === 0 || i === points.length - 1
      ? html`<text
          class="tick"
          x="${formatCoordinate(x(i))}"
          y="${HEIGHT - MARGIN.bottom + 18}"
          text-anchor="middle"
          >${label}</text
        >`
      : null,
  );
  const lines = series.map((s, index) => {
    const style = seriesStyle(index);
    const segments = splitAtGaps(s.values).map(
      (segment) =>
        html`<polyline
          class="line ${style.className}"
          fill="none"
          ${style.dash ? html` stroke-dasharray="${style.dash}"` : ''}
          points="${segment
            .map(([i, value]) => `${formatCoordinate(x(i))},${formatCoordinate(y(value))}`)
            .join(' ')}"
        />`,
    );
    const markers = s.values.map((value, i) =>
      value === null ? null : marker(style.marker, x(i), y(value), style.className),
    );
    return html`<g>${segments}${markers}</g>`;
  });

  const captionId = `${options.idPrefix}-caption`;
  const descriptionId = `${options.idPrefix}-description`;
  return html`<figure class="line-chart">
    <figcaption id="${captionId}">${options.caption}</figcaption>
    <p class="chart-description" id="${descriptionId}">${options.description}</p>
    <svg
      role="img"
      aria-labelledby="${captionId}"
      aria-describedby="${descriptionId}"
      viewBox="0 0 ${WIDTH} ${HEIGHT}"
      width="${WIDTH}"
      height="${HEIGHT}"
    >
      ${grid}${labels}${lines}
    </svg>
    <ul class="legend">
      ${series.map((s, index) => html`<li>${legendSample(seriesStyle(index))} ${s.name}</li>`)}
    </ul>
    ${dataTable(points, series, options.caption, format)}
  </figure>`;
}

interface SeriesStyle {
  className: string;
  dash: string;
  marker: (typeof MARKERS)[number];
}

/** Colour, dash and marker of the i-th series: no two of the first 32 share all three. */
function seriesStyle(index: number): SeriesStyle {
  return {
    className: `series-${(index % SERIES_COLOURS) + 1}`,
    // Shifted once per round of colours, so no two of the first 32 series look alike.
    dash: DASHES[(index + Math.floor(index / SERIES_COLOURS)) % DASHES.length]!,
    marker: MARKERS[index % MARKERS.length]!,
  };
}

function marker(shape: SeriesStyle['marker'], cx: number, cy: number, className: string): SafeHtml {
  const at = (dx: number, dy: number): string =>
    `${formatCoordinate(cx + dx)},${formatCoordinate(cy + dy)}`;
  switch (shape) {
    case 'circle':
      return html`<circle
        class="marker ${className}"
        cx="${formatCoordinate(cx)}"
        cy="${formatCoordinate(cy)}"
        r="3.5"
      />`;
    case 'square':
      return html`<rect
        class="marker ${className}"
        x="${formatCoordinate(cx - 3.5)}"
        y="${formatCoordinate(cy - 3.5)}"
        width="7"
        height="7"
      />`;
    case 'triangle':
      return html`<polygon
        class="marker ${className}"
        points="${[at(0, -4.5), at(4, 3), at(-4, 3)].join(' ')}"
      />`;
    case 'diamond':
      return html`<polygon
        class="marker ${className}"
        points="${[at(0, -4.5), at(4.5, 0), at(0, 4.5), at(-4.5, 0)].join(' ')}"
      />`;
  }
}

function legendSample(style: SeriesStyle): SafeHtml {
  return html`<svg
    class="legend-sample"
    aria-hidden="true"
    width="34"
    height="12"
    viewBox="0 0 34 12"
  >
    <line
      class="line ${style.className}"
      x1="1"
      x2="33"
      y1="6"
      y2="6"
      ${style.dash ? html` stroke-dasharray="${style.dash}"` : ''}
    />
    ${marker(style.marker, 17, 6, style.className)}
  </svg>`;
}

function dataTable(
  points: readonly string[],
  series: readonly LineSeries[],
  caption: string,
  format: (value: number) => string,
): SafeHtml {
  return html`<details class="chart-data">
    <summary>${caption}: the numbers</summary>
    <table>
      <thead>
        <tr>
          <th scope="col">Series</th>
          ${points.map((point) => html`<th scope="col">${point}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${joinHtml(
          series.map(
            (s) =>
              html`<tr>
                <th scope="row">${s.name}</th>
                ${s.values.map((value) => html`<td>${value === null ? 'not measured' : format(value)}</td>`)}
              </tr>`,
          ),
          '\n',
        )}
      </tbody>
    </table>
  </details>`;
}

/** Runs of consecutive measured values, as [index, value] pairs. */
function splitAtGaps(values: readonly (number | null)[]): [number, number][][] {
  const segments: [number, number][][] = [];
  let current: [number, number][] = [];
  values.forEach((value, i) => {
    if (value === null) {
      if (current.length > 0) segments.push(current);
      current = [];
    } else {
      current.push([i, value]);
    }
  });
  if (current.length > 0) segments.push(current);
  return segments;
}

/** An axis top and tick step that read well: 1, 2 or 5 × a power of ten, at most 6 ticks. */
export function niceScale(largest: number, integers: boolean): { top: number; step: number } {
  if (largest <= 0) return { top: 1, step: 1 };
  const rough = largest / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const nice =
    [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ??
    10 * power;
  const step = integers ? Math.max(1, Math.round(nice)) : nice;
  // Whole multiples of the step, computed without accumulating floating-point error.
  const top = Number((Math.ceil(largest / step - 1e-9) * step).toPrecision(12));
  return { top, step };
}
