/**
 * Reading a baseline for the ratchet: a previous JSON report, of which only the fields the
 * comparison needs are validated, so a baseline written by a newer mldebt with extra fields
 * still loads; `schemaVersion` guards against meaning changes. Apart from the comparison
 * (baseline.ts) so that only a run with a baseline loads the schema library.
 */
import { z } from 'zod';
import { REPORT_SCHEMA_VERSION } from '../model/index.js';
import { parseReportJson } from '../util/report-json.js';

/** The part of a previous `--format json` report the comparison reads. */
export const baselineReportSchema = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  project: z.string().optional(),
  window: z.object({ days: z.number() }).loose().nullable().optional(),
  // Reports of older versions record fewer settings: what is missing is not compared.
  settings: z
    .object({
      window: z.string(),
      coverageFloor: z.number(),
      fixPattern: z.string(),
      fixExclude: z.string().nullable(),
      bots: z.array(z.string()),
      frequencyLevels: z.array(z.number()),
      costLevels: z.array(z.number()),
      tagMultipliers: z.record(z.string(), z.number()),
    })
    .partial()
    .loose()
    .optional(),
  // Absent from reports written before it was recorded: then not compared.
  selection: z
    .object({ category: z.string().nullable(), owner: z.string().nullable() })
    .loose()
    .optional(),
  totals: z.object({ score: z.number() }),
  items: z.array(z.object({ id: z.string().min(1), title: z.string(), score: z.number() })),
});

export type BaselineReport = z.infer<typeof baselineReportSchema>;

/**
 * Parse and validate a previous JSON report.
 *
 * @param text the file's content
 * @param file the path to name in errors, as the user gave it
 * @throws UserError naming `file` (with line:column for JSON syntax errors) when the text is not
 *   JSON, not an mldebt report, of another schema version, or lists an id twice.
 */
export function parseBaseline(text: string, file: string): BaselineReport {
  return parseReportJson(text, file, baselineReportSchema, 'baseline');
}
