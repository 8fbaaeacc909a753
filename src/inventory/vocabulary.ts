/**
 * The inventory's words and defaults that code outside the schema needs at run time: the
 * categories and statuses, what a date and an effort are, and the settings' defaults. Kept
 * apart from schema.ts so a run that reads back a kept inventory never loads the schema
 * library.
 */

export const BUILTIN_CATEGORIES = [
  'data',
  'model',
  'configuration',
  'pipeline',
  'testing',
  'monitoring',
  'infrastructure',
  'reproducibility',
] as const;

export const STATUSES = ['open', 'in-progress', 'accepted', 'resolved'] as const;
export const MONEY_PERIODS = ['day', 'week', 'month', 'year'] as const;

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Working days of an effort written `6h`, `3d`, `1.5w` (8h = 1d, 1w = 5d). */
export function effortTextDays(effort: string): number {
  const value = Number(effort.slice(0, -1));
  const unit = effort.at(-1);
  return unit === 'h' ? value / 8 : unit === 'w' ? value * 5 : value;
}

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The share of a sprint reserved for debt when `settings.capacity.share` is not given. */
export const DEFAULT_CAPACITY_SHARE = 0.2;

/**
 * Words one of which every subject the default `fix_pattern` matches contains (so a subject
 * without any is no fix: see compileTextPattern). Kept beside the pattern: a test matches
 * both on the same subjects.
 */
export const DEFAULT_FIX_WORDS = ['fix', 'bug', 'revert', 'regression', 'incident'];

export const DEFAULT_SETTINGS = {
  window: '180d',
  stale_after: '365d',
  coverage_floor: 60,
  fix_pattern: String.raw`\b(fix(e[sd]|es)?|bug(fix)?|hotfix|revert|regression|incident)\b`,
  fix_exclude: String.raw`\b(typos?|spelling|docs?|documentation|readme|changelog|lint(ing)?|mypy|flake8|ruff|pylint|format(ting)?|style)\b`,
  bots: ['*[bot]*', 'dependabot*', 'renovate*', 'pre-commit-ci*', 'github-actions*'],
  frequency_levels: [0.25, 0.5, 1, 2],
  cost_levels: [500, 2000, 5000, 10000],
  tag_multipliers: { compliance: 1.5, 'safety-critical': 1.5, 'customer-facing': 1.25 },
  line_churn: true,
  notebooks: 'sources',
} as const;
