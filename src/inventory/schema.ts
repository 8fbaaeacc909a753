/**
 * The inventory schema (`debt.yaml`, SPEC §2). This zod schema is the single source of truth:
 * the loader validates with it, `schema/debt.schema.json` is generated from it (editors
 * autocomplete from that), and the descriptions here are the field documentation.
 *
 * Objects are strict: an unknown key is an error (with a "did you mean"), because a typo
 * such as `cost_of_dealy` would otherwise silently drop a declared value from the score.
 * Rules that need more than one field (duplicate ids, categories declared in settings,
 * globs against the repository) live in `rules.ts`.
 */
import { z } from 'zod';
import { checkDuration } from '../util/dates.js';

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

const ID_PATTERN = /^[A-Z][A-Z0-9]*-[0-9]+$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** `180d`, `26w`, `12m`, `1y`. */
export const DURATION_PATTERN = /^[1-9]\d*[dwmy]$/;
/** `6h`, `3d`, `1.5w`. */
const EFFORT_PATTERN = /^(\d+(\.\d+)?)[hdw]$/;
const EFFORT_ERROR = 'expected an effort like 6h, 3d or 2w (8h = 1d, 1w = 5d)';

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const dateSchema = z
  .string({ error: 'expected a date YYYY-MM-DD' })
  .regex(DATE_PATTERN, { error: 'expected a date YYYY-MM-DD' })
  .refine(isCalendarDate, { error: 'expected a real calendar date YYYY-MM-DD' });

const levelSchema = z
  .int({ error: 'expected an integer 1-5' })
  .min(1, { error: 'expected an integer 1-5' })
  .max(5, { error: 'expected an integer 1-5' });

// The same rule as `--since` (checkDuration): a pattern, and at most 1000 years.
const durationSchema = z
  .string({ error: 'expected a duration like 180d, 26w, 12m or 1y' })
  .regex(DURATION_PATTERN, { error: 'expected a duration like 180d, 26w, 12m or 1y', abort: true })
  .superRefine((value, ctx) => {
    const why = checkDuration(value);
    if (why !== undefined) ctx.addIssue({ code: 'custom', message: why, input: value });
  });

export const moneySchema = z
  .strictObject({
    amount: z
      .number({ error: 'expected a positive amount of money' })
      .positive({ error: 'expected a positive amount of money' })
      .describe('Money lost while the debt stays, per `per`.'),
    per: z
      .enum(MONEY_PERIODS, { error: 'expected one of day, week, month, year' })
      .describe('Period of `amount`: 7 days a week, 52 weeks a year, 12 months a year.'),
  })
  .describe('Cost of delay as money per period.');

export const incidentSchema = z
  .strictObject({
    date: dateSchema.describe('When the failure happened (counts as an event inside the window).'),
    ref: z.string({ error: 'expected text' }).optional().describe('Ticket or incident id.'),
    summary: z.string({ error: 'expected text' }).optional().describe('What happened.'),
  })
  .describe('A dated failure that git history does not show.');

export const itemSchema = z
  .strictObject({
    id: z
      .string({ error: 'expected an id like DATA-001' })
      .regex(ID_PATTERN, { error: 'expected an id like DATA-001 (capitals, a dash, digits)' })
      .describe('Unique, stable id: capitals and digits, a dash, digits (DATA-001).'),
    title: z
      .string({ error: 'expected a title' })
      .min(1, { error: 'expected a non-empty title' })
      .describe('One line saying what the debt is.'),
    category: z
      .string({ error: 'expected a category' })
      .min(1, { error: 'expected a category' })
      .describe(`One of ${BUILTIN_CATEGORIES.join(', ')}, or a name from settings.categories.`),
    owner: z.string({ error: 'expected an owner name' }).optional().describe('Who answers for it.'),
    status: z
      .enum(STATUSES, { error: `expected one of ${STATUSES.join(', ')}` })
      .default('open')
      .describe('Only open and in-progress items are ranked and gated.'),
    risk: levelSchema.describe('1-5: what a miss does to model behaviour or users.'),
    frequency: levelSchema
      .optional()
      .describe('1-5 declared; observed failure events can raise it.'),
    cost_of_delay: z
      .union([levelSchema, moneySchema], {
        error: 'expected a level 1-5 or money like { amount: 2500, per: week }',
      })
      .describe('1-5, or money per period mapped to a level by settings.cost_levels.'),
    effort: z
      .union(
        [
          z.string().regex(EFFORT_PATTERN, { error: EFFORT_ERROR }),
          z.number().positive({ error: EFFORT_ERROR }).describe('Days.'),
        ],
        { error: EFFORT_ERROR },
      )
      .optional()
      .describe('Work to fix it: h, d, w (8h = 1d, 1w = 5d); enables the WSJF column.'),
    tags: z
      .array(z.string({ error: 'expected a tag' }), { error: 'expected a list of tags' })
      .default([])
      .describe('Tags; some carry score multipliers (settings.tag_multipliers).'),
    paths: z
      .array(
        z.string({ error: 'expected a glob' }).min(1, { error: 'expected a non-empty glob' }),
        {
          error: 'expected a list of globs',
        },
      )
      .default([])
      .describe('picomatch globs, relative to the repository root, dot files matched.'),
    incidents: z
      .array(incidentSchema, { error: 'expected a list of incidents' })
      .default([])
      .describe('Dated failures not visible in git.'),
    created: dateSchema.optional().describe('When the item was recorded.'),
    due: dateSchema.optional().describe('Past due (before the window end) raises cost of delay.'),
    evidence: z.string({ error: 'expected text' }).optional().describe('Why we believe it hurts.'),
    fix: z.string({ error: 'expected text' }).optional().describe('Proposed remediation.'),
  })
  .describe('One known piece of technical debt.');

const ascending = (values: number[]) => values.every((v, i) => i === 0 || v > values[i - 1]!);

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
} as const;

export const settingsSchema = z
  .strictObject({
    window: durationSchema.optional().describe('History window for git signals (default 180d).'),
    stale_after: durationSchema
      .optional()
      .describe('A config file unchanged for longer is stale (default 365d).'),
    coverage: z
      .array(z.string({ error: 'expected a file path' }), {
        error: 'expected a list of coverage report files',
      })
      .optional()
      .describe('Coverage reports, relative to the repository root.'),
    thresholds: z
      .strictObject({
        fail_above: z
          .number({ error: 'expected a number' })
          .nonnegative({ error: 'expected a number >= 0' })
          .optional()
          .describe('Fail when any ranked item scores above this.'),
        fail_total_above: z
          .number({ error: 'expected a number' })
          .nonnegative({ error: 'expected a number >= 0' })
          .optional()
          .describe('Fail when the total score is above this.'),
      })
      .optional()
      .describe('CI gate; --fail-above and --fail-total-above override.'),
    fix_pattern: z
      .string({ error: 'expected a regular expression' })
      .optional()
      .describe('Case-insensitive regular expression a fix commit subject matches.'),
    fix_exclude: z
      .union([z.string(), z.literal(false)], {
        error: 'expected a regular expression, or false to switch the rule off',
      })
      .optional()
      .describe(
        'Case-insensitive regular expression: a fix commit whose subject also matches it is not a failure (typos, docs, lint). false switches the rule off.',
      ),
    bots: z
      .array(z.string({ error: 'expected an author pattern' }), {
        error: 'expected a list of author name or email patterns',
      })
      .optional()
      .describe(
        'Author names or emails of bots (`*` matches any text, case-insensitive): their commits count as commits and churn, never as authors or fixes. [] switches the rule off.',
      ),
    coverage_floor: z
      .number({ error: 'expected a percentage 0-100' })
      .min(0, { error: 'expected a percentage 0-100' })
      .max(100, { error: 'expected a percentage 0-100' })
      .optional()
      .describe('Coverage below this raises risk by 1 (default 60).'),
    frequency_levels: z
      .array(z.number().nonnegative())
      .length(4, { error: 'expected 4 ascending rates (events per 30 days for levels 2-5)' })
      .refine(ascending, { error: 'expected 4 ascending rates' })
      .optional()
      .describe('Events per 30 days at which observed frequency reaches 2, 3, 4, 5.'),
    cost_levels: z
      .array(z.number().nonnegative())
      .length(4, { error: 'expected 4 ascending amounts per week (levels 2-5)' })
      .refine(ascending, { error: 'expected 4 ascending amounts per week' })
      .optional()
      .describe('Money per week at which cost of delay reaches 2, 3, 4, 5.'),
    tag_multipliers: z
      .record(
        z.string(),
        z
          .number({ error: 'expected a positive number' })
          .positive({ error: 'expected a positive number' }),
      )
      .optional()
      .describe('Tag -> score multiplier, merged over the defaults.'),
    categories: z
      .array(z.string().regex(/^[a-z][a-z0-9-]*$/, { error: 'expected a lowercase name' }))
      .optional()
      .describe('Extra categories besides the eight built in.'),
    line_churn: z
      .boolean({ error: 'expected true or false' })
      .optional()
      .describe('Measure lines added + deleted (the expensive part of the git pass).'),
  })
  .describe('Every setting is optional; defaults in README.');

export const inventorySchema = z
  .strictObject({
    $schema: z.string().optional().describe('JSON Schema reference for editors.'),
    version: z.literal(1, { error: 'expected version: 1' }).describe('Inventory format version.'),
    project: z
      .string({ error: 'expected a project name' })
      .min(1, { error: 'expected a project name' })
      .describe('Name shown in reports.'),
    settings: settingsSchema.default({}),
    items: z.array(itemSchema, { error: 'expected a list of items' }).describe('The debt items.'),
  })
  .describe('mldebt inventory of known technical debt (debt.yaml).');

export type Inventory = z.output<typeof inventorySchema>;
export type InventoryItem = z.output<typeof itemSchema>;
export type InventorySettings = z.output<typeof settingsSchema>;
export type Money = z.output<typeof moneySchema>;
