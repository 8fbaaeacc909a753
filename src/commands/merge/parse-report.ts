/**
 * Reading one report for `mldebt merge`: the text of a `mldebt audit --format json` (or
 * `export --format json`) file, checked for the fields the portfolio reads.
 *
 * Only those fields are validated, so a report written by a newer mldebt with extra fields
 * still merges; `schemaVersion` guards against changed meanings. Every refusal is one line
 * naming the file: the portfolio is only as complete as the reports it merges.
 */
import { z } from 'zod';
import { UserError } from '../../errors.js';
import { REPORT_SCHEMA_VERSION } from '../../model/index.js';
import { parseReportJson } from '../../util/report-json.js';
import { clipText } from '../../util/text.js';

const level = z.number().int().min(1).max(5);

const gateSchema = z
  .object({
    passed: z.boolean(),
    reasons: z.array(z.string()),
    thresholds: z
      .object({
        failAbove: z.number().nullable(),
        failTotalAbove: z.number().nullable(),
        failOnIncrease: z.boolean(),
      })
      .loose(),
  })
  .loose();

/** The part of a ranked item the portfolio carries. */
const itemSchema = z
  .object({
    rank: z.number().int().min(1),
    id: z.string().min(1),
    title: z.string(),
    category: z.string(),
    owner: z.string().nullable(),
    // Where the owner came from; reports written before the field have none (read as null).
    ownerSource: z.enum(['inventory', 'codeowners']).nullable().optional(),
    status: z.string(),
    score: z.number(),
    risk: z.object({ effective: level }).loose(),
    frequency: z.object({ effective: level }).loose(),
    costOfDelay: z
      .object({
        effective: level,
        money: z.object({ perWeek: z.number() }).loose().nullable(),
      })
      .loose(),
    multiplier: z.number(),
    effortDays: z.number().nullable(),
    wsjf: z.number().nullable(),
    due: z.string().nullable(),
    overdue: z.boolean(),
  })
  .loose();

/**
 * The settings that enter a score. The window's length is not among them: observed frequency
 * is a rate per 30 days, so windows of different lengths give comparable levels.
 */
const scoringSettingsSchema = z
  .object({
    fixPattern: z.string(),
    fixExclude: z.string().nullable(),
    bots: z.array(z.string()),
    coverageFloor: z.number(),
    frequencyLevels: z.array(z.number()),
    costLevels: z.array(z.number()),
    tagMultipliers: z.record(z.string(), z.number()),
    practiceRisk: z.record(z.string(), z.number()).optional(),
  })
  .loose();

export const mergeableReportSchema = z
  .object({
    schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
    tool: z.object({ name: z.literal('mldebt'), version: z.string() }).loose(),
    project: z.string(),
    inventory: z.string(),
    repository: z.object({ head: z.string().nullable() }).loose(),
    window: z.object({ since: z.string(), until: z.string(), days: z.number() }).loose().nullable(),
    settings: scoringSettingsSchema,
    // Absent from reports written before it was recorded.
    selection: z
      .object({ category: z.string().nullable(), owner: z.string().nullable() })
      .loose()
      .optional(),
    totals: z
      .object({
        score: z.number(),
        items: z.number().int().min(0),
        costOfDelayPerWeek: z.number().nullable(),
      })
      .loose(),
    items: z.array(itemSchema),
    warnings: z.array(z.object({ code: z.string(), message: z.string() }).loose()),
    gate: gateSchema,
  })
  .loose();

/** A report as `mldebt merge` reads it. */
export type MergeableReport = z.infer<typeof mergeableReportSchema>;

/** A report and the file it came from, as the user named it. */
export interface ReportFile {
  file: string;
  report: MergeableReport;
}

/**
 * Parse and check one report's text.
 *
 * @param text the file's content
 * @param file the path to name in errors, as the user gave it
 * @throws UserError naming `file` (with line:column for a JSON syntax error) when the text is
 *   not JSON, not an mldebt report, of another schema version, written with `--top` (it lists
 *   fewer items than it ranked), or lists an id twice.
 */
export function parseReportForMerge(text: string, file: string): ReportFile {
  const report = parseReportJson(text, file, mergeableReportSchema, 'report');
  // A report of some of a project's items (`--category`, `--owner`) would be ranked and
  // totalled as if it were the whole project.
  const { category, owner } = report.selection ?? { category: null, owner: null };
  if (category !== null || owner !== null) {
    const flags = [
      ...(category !== null ? [`--category ${clipText(category)}`] : []),
      ...(owner !== null ? [`--owner ${clipText(owner)}`] : []),
    ].join(' ');
    throw new UserError(
      `${file}: ranks only the items of ${flags}: a portfolio needs every item of a project; ` +
        'write the report without --category and --owner',
    );
  }
  // `--top` shortens `items` and leaves the totals whole: merging such a report would rank a
  // project on part of its debt while its totals claim all of it.
  if (report.items.length < report.totals.items) {
    throw new UserError(
      `${file}: lists ${report.items.length} of its ${report.totals.items} ranked items ` +
        '(written with --top?): a portfolio needs every item; write the report without --top',
    );
  }
  if (report.items.length > report.totals.items) {
    throw new UserError(
      `${file}: lists ${report.items.length} items but totals.items says ${report.totals.items}: ` +
        'not a report mldebt wrote; re-create it with `mldebt audit --format json`',
    );
  }
  return { file, report };
}
