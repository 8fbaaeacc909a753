/** Small text helpers every message and renderer shares. */

/** Code-unit order: the same on every machine and locale, unlike `localeCompare`. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `1 commit`, `3 commits`, `2 fixes`: the plural adds `es` after s, x, ch and sh, `s`
 * otherwise, unless a form is given.
 */
export function plural(count: number, singular: string, pluralForm?: string): string {
  if (count === 1) return `${count} ${singular}`;
  return `${count} ${pluralForm ?? (/(s|x|ch|sh)$/.test(singular) ? `${singular}es` : `${singular}s`)}`;
}

/** Text from a user's file, for a message: at most 40 characters (a 1 MB value stays one short line). */
export function clipText(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
