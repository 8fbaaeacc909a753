/**
 * coverage.py JSON (`coverage json`), read whole (see read-json.ts for why that is fine).
 *
 * Line semantics: coverage.py's statements of a file are its coverable lines; covered =
 * statements − `missing_lines`. The JSON lists `missing_lines` and `executed_lines`, but
 * `executed_lines` can hold lines that are not statements (coverage.py 6.x records a
 * module docstring's line as executed while not counting it as a statement, so an
 * `__init__.py` with only a docstring shows `executed_lines: [1]`, `num_statements: 0`).
 * So line data (executed → hit, missing → not hit) is used only when it agrees with the
 * file's own `summary`; otherwise the summary's covered_lines / num_statements are taken as
 * totals, which are exact but cannot be merged line by line with other reports.
 */
import { z } from 'zod';
import { parseShape } from './json-shape.js';
import { readJsonOf } from './read-json.js';
import type { ReportSource } from './report-errors.js';
import type { FileHits, RawCoverageReport } from './types.js';

// Non-negative: coverage.py 6.x lists line 0 as executed for an empty module (not a real line).
const lineListSchema = z.array(z.number().int().nonnegative());

const coveragePySchema = z.object({
  meta: z.object({}).loose(),
  files: z.record(
    z.string(),
    z
      .object({
        executed_lines: lineListSchema,
        missing_lines: lineListSchema,
        summary: z
          .object({
            covered_lines: z.number().int().nonnegative(),
            num_statements: z.number().int().nonnegative(),
          })
          .loose()
          .optional(),
      })
      .loose(),
  ),
});

/** Reads a coverage.py JSON report into per-file line hits (or totals, see above). */
export async function readCoveragePyJsonReport(source: ReportSource): Promise<RawCoverageReport> {
  const data = parseShape(
    source,
    coveragePySchema,
    await readJsonOf(source),
    'coverage.py JSON report',
  );
  const files = new Map<string, FileHits>();
  for (const [path, entry] of Object.entries(data.files)) {
    files.set(path, toFileHits(entry.executed_lines, entry.missing_lines, entry.summary));
  }
  return { file: source.name, format: 'coveragepy-json', sourceRoots: [], files };
}

function toFileHits(
  executed: number[],
  missing: number[],
  summary: { covered_lines: number; num_statements: number } | undefined,
): FileHits {
  const lines = new Map<number, number>();
  for (const line of executed) if (line > 0) lines.set(line, 1);
  // A line both executed and missing cannot happen in one run; missing wins to be safe.
  for (const line of missing) lines.set(line, 0);
  let covered = 0;
  for (const hits of lines.values()) if (hits > 0) covered++;
  if (!summary || (summary.num_statements === lines.size && summary.covered_lines === covered)) {
    return { kind: 'lines', lines };
  }
  return { kind: 'totals', covered: summary.covered_lines, coverable: summary.num_statements };
}
