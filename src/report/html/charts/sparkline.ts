/**
 * A column sparkline: one small bar per period (a month of fix commits), drawn on a scale the
 * caller chooses so small multiples are comparable. The SVG is an image with a text
 * alternative that lists every value; a period with 0 shows a flat tick, so "none" is visible
 * and never looks like "not measured" (which callers show as text, not as a chart).
 */
import { html, type SafeHtml } from '../markup.js';
import { formatCoordinate } from './geometry.js';

export interface SparklineOptions {
  /** The text alternative, e.g. "DATA-001 fix commits per month: 2026-06 0, 2026-07 2". */
  label: string;
  /** The value the full height stands for (the largest value across the small multiples). */
  max: number;
  width?: number;
  height?: number;
}

export function columnSparkline(values: readonly number[], options: SparklineOptions): SafeHtml {
  const width = options.width ?? 120;
  const height = options.height ?? 28;
  const slot = values.length > 0 ? width / values.length : width;
  const gap = Math.min(2, slot / 4);
  const scale = options.max > 0 ? (height - 2) / options.max : 0;
  // One path per kind of bar (a measured count, a zero tick): a rect per month would repeat
  // five attributes per bar, and a dashboard draws two sparklines per item.
  const bars = { spark: '', zero: '' };
  values.forEach((value, i) => {
    const barHeight = value > 0 ? Math.max(2, value * scale) : 1;
    const x = formatCoordinate(i * slot + gap / 2);
    const y = formatCoordinate(height - barHeight);
    const rectangle = `M${x} ${y}h${formatCoordinate(slot - gap)}v${formatCoordinate(barHeight)}h-${formatCoordinate(slot - gap)}z`;
    if (value > 0) bars.spark += rectangle;
    else bars.zero += rectangle;
  });
  return html`<svg
    class="sparkline"
    role="img"
    aria-label="${options.label}"
    width="${width}"
    height="${height}"
    viewBox="0 0 ${width} ${height}"
  >
    <title>${options.label}</title>
    ${bars.spark ? html`<path class="spark" d="${bars.spark}" />` : ''}
    ${bars.zero ? html`<path class="spark-zero" d="${bars.zero}" />` : ''}
  </svg>`;
}
