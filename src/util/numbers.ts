/**
 * Numbers as mldebt rounds and prints them, in one place: scores carry one decimal
 * everywhere (the gate compares the rounded values the reports show). Also the larger and
 * smaller of two numbers that may be unknown (null), as merged history tallies need.
 */

/**
 * Round to `decimals` places, half away from zero, without `-0`. The epsilon keeps binary
 * floats from rounding a visible half down (18.0 − 12.1 is 5.8999999999999995; 0.35 × 10 is
 * 3.4999999999999996).
 */
export function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * scale + 1e-9)) / scale;
  return rounded === 0 ? 0 : rounded;
}

/** One decimal: how every score, total and percentage is kept. */
export function roundToTenth(value: number): number {
  return roundTo(value, 1);
}

/** Scores always print with one decimal, so `60` reads `60.0` everywhere. */
export function formatScore(score: number): string {
  return score.toFixed(1);
}

/**
 * A percentage for people: one decimal unless it is whole (`23%`, `23.5%`), or with
 * `whole`, rounded to a whole number (the table's `cov 24%`).
 */
export function formatPercent(percent: number, options: { whole?: boolean } = {}): string {
  if (options.whole) return `${roundTo(percent, 0)}%`;
  return `${Number.isInteger(percent) ? percent : percent.toFixed(1)}%`;
}

/** The larger of two numbers where null means none: null only when both are. */
export function maxOfKnown(a: number | null, b: number | null): number | null {
  return a === null || b === null ? (a ?? b) : Math.max(a, b);
}

/** The smaller of two numbers where null means none: null only when both are. */
export function minOfKnown(a: number | null, b: number | null): number | null {
  return a === null || b === null ? (a ?? b) : Math.min(a, b);
}
