/** Numbers written into SVG: rounded so the same chart is the same bytes on every machine. */

/** A coordinate with at most two decimals and no trailing zeros (`12.5`, `3`). */
export function formatCoordinate(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}
