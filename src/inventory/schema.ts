/**
 * The inventory schema (`debt.yaml`). This zod schema is the single source of truth:
 * the loader validates with it, `schema/debt.schema.json` is generated from it (editors
 * autocomplete from that), and the descriptions here are the field documentation.
 *
 * Objects are strict: an unknown key is an error (with a "did you mean"), because a typo
 * such as `cost_of_dealy` would otherwise silently drop a declared value from the score.
 * Rules that need more than one field (duplicate ids, categories declared in settings,
 * globs against the repository) live in `rules.ts`.
 */
import { z } from 'zod';
import { checkDuration, DURATION_PATTERN } from '../util/dates.js';
import {
  MAX_EFFORT_DAYS,
  MAX_ENGINEERS,
  MAX_ENTRIES,
  MAX_MONEY_AMOUNT,
  MAX_TAG_MULTIPLIER,
  MAX_TEXT,
} from './limits.js';
import {
  BUILTIN_CATEGORIES,
  DATE_PATTERN,
  DEFAULT_CAPACITY_SHARE,
  effortTextDays,
  isCalendarDate,
  MONEY_PERIODS,
  STATUSES,
} from './vocabulary.js';

const ID_PATTERN = /^[A-Z][A-Z0-9]*-[0-9]+$/;
/** `6h`, `3d`, `1.5w`. */
const EFFORT_PATTERN = /^(\d+(\.\d+)?)[hdw]$/;
const EFFORT_ERROR = 'expected an effort like 6h, 3d or 2w (8h = 1d, 1w = 5d)';
const EFFORT_BOUND = `expected an effort of at most ${MAX_EFFORT_DAYS} days (${MAX_EFFORT_DAYS * 8}h, ${MAX_EFFORT_DAYS}d or ${MAX_EFFORT_DAYS / 5}w)`;

/**
 * Text of at most `max` characters. The length is checked first and stops the other checks:
 * a 10 MB value gets one message, and no pattern runs over it.
 */
function boundedText(max: number, error: string) {
  return z.string({ error }).max(max, { error: `expected at most ${max} characters`, abort: true });
}

/** A list of at most `max` entries. */
function boundedList<T extends z.ZodType>(element: T, max: number, error: string) {
  return z.array(element, { error }).max(max, { error: `expected at most ${max} entries` });
}

/**
 * Working days written `6h`, `3d`, `1.5w` (8h = 1d, 1w = 5d) or as a bare number of days:
 * an item's effort and a sprint's length, with their own messages.
 */
function workDaysSchema(error: string, bound: string) {
  return z.union(
    [
      z
        .string()
        .max(32, { error, abort: true })
        .regex(EFFORT_PATTERN, { error, abort: true })
        .refine((e) => effortTextDays(e) > 0, { error, abort: true })
        .refine((e) => effortTextDays(e) <= MAX_EFFORT_DAYS, { error: bound }),
      z.number().positive({ error }).max(MAX_EFFORT_DAYS, { error: bound }).describe('Days.'),
    ],
    { error },
  );
}

const dateSchema = z
  .string({ error: 'expected a date YYYY-MM-DD' })
  // Aborts: "March" is not a date at all, and one message says so (not a second about calendars).
  .regex(DATE_PATTERN, { error: 'expected a date YYYY-MM-DD', abort: true })
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
      .max(MAX_MONEY_AMOUNT, {
        error: `expected an amount of money of at most ${MAX_MONEY_AMOUNT.toLocaleString('en-US')}`,
      })
      .describe('Money lost while the debt stays, per `per`.'),
    per: z
      .enum(MONEY_PERIODS, { error: 'expected one of day, week, month, year' })
      .describe('Period of `amount`: 7 days a week, 52 weeks a year, 12 months a year.'),
  })
  .describe('Cost of delay as money per period.');

export const incidentSchema = z
  .strictObject({
    date: dateSchema.describe('When the failure happened (counts as an event inside the window).'),
    ref: boundedText(MAX_TEXT.incidentRef, 'expected text')
      .optional()
      .describe('Ticket or incident id.'),
    summary: boundedText(MAX_TEXT.incidentSummary, 'expected text')
      .optional()
      .describe('What happened.'),
  })
  .describe('A dated failure that git history does not show.');

export const itemSchema = z
  .strictObject({
    id: boundedText(MAX_TEXT.id, 'expected an id like DATA-001')
      .regex(ID_PATTERN, { error: 'expected an id like DATA-001 (capitals, a dash, digits)' })
      .describe('Unique, stable id: capitals and digits, a dash, digits (DATA-001).'),
    title: boundedText(MAX_TEXT.title, 'expected a title')
      .min(1, { error: 'expected a non-empty title' })
      .describe('One line saying what the debt is.'),
    category: boundedText(MAX_TEXT.category, 'expected a category')
      .min(1, { error: 'expected a category' })
      .describe(`One of ${BUILTIN_CATEGORIES.join(', ')}, or a name from settings.categories.`),
    owner: boundedText(MAX_TEXT.owner, 'expected an owner name')
      .optional()
      .describe('Who answers for it.'),
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
    effort: workDaysSchema(EFFORT_ERROR, EFFORT_BOUND)
      .optional()
      .describe('Work to fix it: h, d, w (8h = 1d, 1w = 5d); enables the WSJF column.'),
    tags: boundedList(
      boundedText(MAX_TEXT.tag, 'expected a tag'),
      MAX_ENTRIES.tags,
      'expected a list of tags',
    )
      .default([])
      .describe('Tags; some carry score multipliers (settings.tag_multipliers).'),
    paths: boundedList(
      z.string({ error: 'expected a glob' }).min(1, { error: 'expected a non-empty glob' }),
      MAX_ENTRIES.paths,
      'expected a list of globs',
    )
      .default([])
      .describe('picomatch globs, relative to the repository root, dot files matched.'),
    incidents: boundedList(incidentSchema, MAX_ENTRIES.incidents, 'expected a list of incidents')
      .default([])
      .describe('Dated failures not visible in git.'),
    services: boundedList(
      boundedText(MAX_TEXT.service, 'expected a service name').min(1, {
        error: 'expected a non-empty service name',
      }),
      MAX_ENTRIES.services,
      'expected a list of service names',
    )
      .default([])
      .describe(
        'Names under which its incidents appear in an incident export (settings.incidents): a row whose service is one of them (case-insensitive) counts for this item.',
      ),
    created: dateSchema.optional().describe('When the item was recorded.'),
    due: dateSchema.optional().describe('Past due (before the window end) raises cost of delay.'),
    resolved: dateSchema
      .optional()
      .describe(
        'The day an item with status resolved was closed: fix commits to its paths after it are reported (resolved-still-failing). Only with status resolved.',
      ),
    evidence: boundedText(MAX_TEXT.evidence, 'expected text')
      .optional()
      .describe('Why we believe it hurts.'),
    fix: boundedText(MAX_TEXT.fix, 'expected text').optional().describe('Proposed remediation.'),
  })
  .describe('One known piece of technical debt.');

const ascending = (values: number[]) => values.every((v, i) => i === 0 || v > values[i - 1]!);

/** How much a practice finding kind raises risk: 0 (shown, raises nothing), 1 or 2. */
const practiceRiskSchema = z
  .number({ error: 'expected 0, 1 or 2' })
  .int({ error: 'expected 0, 1 or 2' })
  .min(0, { error: 'expected 0, 1 or 2' })
  .max(2, { error: 'expected 0, 1 or 2' });

/** `settings.practices`: per-kind risk raises and the data-file rule's thresholds. */
export const practicesSchema = z.strictObject({
  risk: z
    .strictObject({
      'data-in-git': practiceRiskSchema.optional(),
      'unpinned-dependency': practiceRiskSchema.optional(),
      'magic-number': practiceRiskSchema.optional(),
      'no-tracking': practiceRiskSchema.optional(),
      'no-validation': practiceRiskSchema.optional(),
    })
    .optional()
    .describe(
      'Per kind, how much a finding raises risk (default 1; 0 shows it and raises nothing).',
    ),
  data_extensions: boundedList(
    boundedText(MAX_TEXT.category, 'expected a file extension').regex(/^[a-z0-9][a-z0-9._-]*$/, {
      error: 'expected a lowercase file extension without the dot (parquet, pt)',
    }),
    MAX_ENTRIES.categories,
    'expected a list of file extensions',
  )
    .optional()
    .describe('Extensions of data and model files, replacing the default list (without the dot).'),
  tabular_min_bytes: z
    .number({ error: 'expected a number of bytes' })
    .int({ error: 'expected a whole number of bytes' })
    .nonnegative({ error: 'expected a number of bytes >= 0' })
    .optional()
    .describe('CSV, TSV and JSONL files count as data files from this size (default 1000000).'),
});

/** One tag's multiplier: positive and bounded, so no product of them overflows. */
export const tagMultiplierSchema = z
  .number({ error: `expected a positive number, at most ${MAX_TAG_MULTIPLIER}` })
  .positive({ error: `expected a positive number, at most ${MAX_TAG_MULTIPLIER}` })
  .max(MAX_TAG_MULTIPLIER, { error: `expected a positive number, at most ${MAX_TAG_MULTIPLIER}` });

const SPRINT_ERROR = 'expected a sprint length like 2w or 10d (1w = 5 working days)';
const SPRINT_BOUND = `expected a sprint of at most ${MAX_EFFORT_DAYS} working days`;
const ENGINEERS_ERROR = `expected a positive number of engineers, at most ${MAX_ENGINEERS}`;
const SHARE_ERROR = 'expected a share greater than 0 and at most 1 (0.2 for 20%)';

/** The debt share of a team's sprint, in days: engineers × working days × share. */
export const capacitySchema = z
  .strictObject({
    engineers: z
      .number({ error: ENGINEERS_ERROR })
      .positive({ error: ENGINEERS_ERROR })
      .max(MAX_ENGINEERS, { error: ENGINEERS_ERROR })
      .describe('People working in the sprint (a part-time engineer may count as 0.5).'),
    sprint: workDaysSchema(SPRINT_ERROR, SPRINT_BOUND).describe(
      'Working length of a sprint, as for effort: 2w (1w = 5 days), 10d, or a number of days.',
    ),
    share: z
      .number({ error: SHARE_ERROR })
      .positive({ error: SHARE_ERROR })
      .max(1, { error: SHARE_ERROR })
      .optional()
      .describe(
        `Share of the sprint reserved for debt (default ${DEFAULT_CAPACITY_SHARE}: the 20% rule).`,
      ),
  })
  .describe('Sprint capacity for debt work.');

const columnName = (field: string) =>
  boundedText(MAX_TEXT.incidentColumn, 'expected a column header')
    .min(1, { error: 'expected a column header' })
    .optional()
    .describe(`Header of the column holding the ${field}.`);

/** Which column of an incident export holds each field, by header (case- and space-insensitive). */
export const incidentColumnsSchema = z
  .strictObject({
    date: columnName('date the incident started'),
    ref: columnName('incident or ticket reference (the same reference counts once)'),
    item: columnName('id of the debt item it concerns'),
    service: columnName("service name, matched against the items' services"),
    summary: columnName('one-line summary'),
  })
  .describe('Column headers of incident exports.');

export const settingsSchema = z
  .strictObject({
    window: durationSchema.optional().describe('History window for git signals (default 180d).'),
    stale_after: durationSchema
      .optional()
      .describe('A config file unchanged for longer is stale (default 365d).'),
    coverage: boundedList(
      boundedText(MAX_TEXT.coveragePath, 'expected a file path'),
      MAX_ENTRIES.coverage,
      'expected a list of coverage report files',
    )
      .optional()
      .describe('Coverage reports, relative to the repository root.'),
    incidents: boundedList(
      boundedText(MAX_TEXT.incidentFile, 'expected a file path'),
      MAX_ENTRIES.incidentFiles,
      'expected a list of incident export files',
    )
      .optional()
      .describe(
        'Incident exports (CSV or JSON: PagerDuty, Opsgenie, Jira or generic), relative to the repository root; --incidents replaces them.',
      ),
    incident_columns: incidentColumnsSchema
      .optional()
      .describe(
        'Header of the column holding each field in the incident exports, over the default detection.',
      ),
    practices: practicesSchema
      .optional()
      .describe(
        'ML practice findings: how much each kind raises the risk of the item whose files hold it, and what counts as a data file.',
      ),
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
    bots: boundedList(
      boundedText(MAX_TEXT.botPattern, 'expected an author pattern'),
      MAX_ENTRIES.bots,
      'expected a list of author name or email patterns',
    )
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
      .record(boundedText(MAX_TEXT.tag, 'expected a tag'), tagMultiplierSchema)
      .refine((m) => Object.keys(m).length <= MAX_ENTRIES.tagMultipliers, {
        error: `expected at most ${MAX_ENTRIES.tagMultipliers} entries`,
      })
      .optional()
      .describe('Tag -> score multiplier, merged over the defaults.'),
    categories: boundedList(
      boundedText(MAX_TEXT.category, 'expected a lowercase name').regex(/^[a-z][a-z0-9-]*$/, {
        error: 'expected a lowercase name',
      }),
      MAX_ENTRIES.categories,
      'expected a list of category names',
    )
      .optional()
      .describe('Extra categories besides the eight built in.'),
    line_churn: z
      .boolean({ error: 'expected true or false' })
      .optional()
      .describe('Measure lines added + deleted (the expensive part of the git pass).'),
    notebooks: z
      .enum(['sources', 'exclude'], { error: 'expected sources or exclude' })
      .optional()
      .describe(
        "Jupyter notebooks' line churn: count the cells' sources only (outputs and execution counts are not churn), or exclude notebooks from line churn.",
      ),
    capacity: capacitySchema
      .optional()
      .describe(
        "The team's sprint, for `mldebt plan`: engineers × working days of the sprint × share days of debt work; --capacity <days> overrides.",
      ),
  })
  .describe('Every setting is optional; defaults in README.');

export const inventorySchema = z
  .strictObject({
    $schema: boundedText(MAX_TEXT.schemaRef, 'expected a JSON Schema reference')
      .optional()
      .describe('JSON Schema reference for editors.'),
    version: z.literal(1, { error: 'expected version: 1' }).describe('Inventory format version.'),
    project: boundedText(MAX_TEXT.project, 'expected a project name')
      .min(1, { error: 'expected a project name' })
      .describe('Name shown in reports.'),
    settings: settingsSchema.default({}),
    items: boundedList(itemSchema, MAX_ENTRIES.items, 'expected a list of items').describe(
      'The debt items.',
    ),
  })
  .describe('mldebt inventory of known technical debt (debt.yaml).');

export type Inventory = z.output<typeof inventorySchema>;
export type InventoryItem = z.output<typeof itemSchema>;
export type InventorySettings = z.output<typeof settingsSchema>;
export type Money = z.output<typeof moneySchema>;
export type CapacitySetting = z.output<typeof capacitySchema>;
export type IncidentColumnsSetting = z.output<typeof incidentColumnsSchema>;
