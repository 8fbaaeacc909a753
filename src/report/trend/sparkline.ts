/**
 * A text sparkline for terminals and markdown: one block character per point, scaled from 0 to
 * the largest value; a point where the item was not ranked is `·`, never a low bar.
 */
const BLOCKS = '▁▂▃▄▅▆▇█';

export function textSparkline(values: readonly (number | null)[]): string {
  const max = Math.max(0, ...values.filter((v): v is number => v !== null));
  return values
    .map((value) => {
      if (value === null) return '·';
      if (max === 0) return BLOCKS[0]!;
      return BLOCKS[Math.min(BLOCKS.length - 1, Math.floor((value / max) * (BLOCKS.length - 1)))]!;
    })
    .join('');
}

/** A change between the first and last point: `+188.5`, `−12.0`, `±0.0`; `new` when absent first. */
export function describeChange(values: readonly (number | null)[]): string {
  const first = values[0];
  const last = values[values.length - 1];
  if (last === null || last === undefined) return 'not ranked now';
  if (first === null || first === undefined) return 'new';
  const change = last - first;
  if (change > 0) return `+${change.toFixed(1)}`;
  if (change < 0) return `−${(-change).toFixed(1)}`;
  return '±0.0';
}
