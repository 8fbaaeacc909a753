/**
 * Sizes for people, deterministic: decimal units (1 kB = 1000 B, as `ls -h --si` and disk
 * vendors count), one decimal from kB up, so a detail reads the same on every machine.
 */

const UNITS = ['kB', 'MB', 'GB', 'TB'] as const;

const oneDecimal = (value: number): number => Math.round(value * 10) / 10;

/** `512 B`, `1.5 kB`, `12.4 MB`: the unit chosen after rounding (999,960 B is `1.0 MB`). */
export function formatByteSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  let value = bytes / 1000;
  let unit = 0;
  while (oneDecimal(value) >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${oneDecimal(value).toFixed(1)} ${UNITS[unit]}`;
}
