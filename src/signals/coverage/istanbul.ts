/**
 * Istanbul JSON: `coverage-final.json` (the `json` reporter of nyc, c8, Jest, Vitest) and
 * `coverage-summary.json` (`json-summary`). Both are read whole (see read-json.ts).
 *
 * Line semantics, coverage-final: exactly istanbul-lib-coverage's
 * `FileCoverage#getLineCoverage()`, which every Istanbul reporter (lcov, text, cobertura)
 * prints: each statement counts on the line its `statementMap` entry *starts* on, and a
 * line's hits are the largest count of the statements starting there. Lines where no
 * statement starts are not coverable. The legacy `l` map is ignored, as that function does.
 *
 * coverage-summary: only totals per file, `lines.covered` of `lines.total`; the `total` key
 * is the whole run, not a file, and is skipped. More covered than total is refused.
 */
import { z } from 'zod';
import { fileEntries, parseShape } from './json-shape.js';
import { readJsonOf } from './read-json.js';
import { MAX_LINE_NUMBER, type ReportSource } from './report-errors.js';
import type { FileHits, RawCoverageReport } from './types.js';

const countSchema = z.number().int().nonnegative();

const finalSchema = fileEntries(
  z
    .object({
      path: z.string().optional(),
      statementMap: z.record(
        z.string(),
        z
          .object({
            start: z.object({ line: z.number().int().positive().max(MAX_LINE_NUMBER) }).loose(),
          })
          .loose(),
      ),
      s: z.record(z.string(), countSchema),
    })
    .loose(),
);

// A file (or the `total`) covering more lines than it has is refused, not clamped: these
// totals are the only evidence for the file, and min(covered, total) would turn the
// contradiction into 100%.
const summarySchema = fileEntries(
  z
    .object({
      lines: z
        .object({ total: countSchema, covered: countSchema })
        .loose()
        .refine((lines) => lines.covered <= lines.total, {
          message: 'covered exceeds total (more lines covered than there are)',
        }),
    })
    .loose(),
);

/** Reads an Istanbul `coverage-final.json` into per-file line hits. */
export async function readIstanbulFinalReport(source: ReportSource): Promise<RawCoverageReport> {
  const data = parseShape(
    source,
    finalSchema,
    await readJsonOf(source),
    'Istanbul coverage-final.json',
  );
  const files = new Map<string, FileHits>();
  for (const [key, entry] of data) {
    files.set(entry.path ?? key, {
      kind: 'lines',
      lines: computeLineCoverage(entry.statementMap, entry.s),
    });
  }
  return { file: source.name, format: 'istanbul-final', sourceRoots: [], files };
}

/** Reads an Istanbul `coverage-summary.json` into per-file line totals. */
export async function readIstanbulSummaryReport(source: ReportSource): Promise<RawCoverageReport> {
  const data = parseShape(
    source,
    summarySchema,
    await readJsonOf(source),
    'Istanbul coverage-summary.json',
  );
  const files = new Map<string, FileHits>();
  for (const [path, entry] of data) {
    if (path === 'total') continue;
    const { covered, total } = entry.lines;
    files.set(path, { kind: 'totals', covered, coverable: total });
  }
  return { file: source.name, format: 'istanbul-summary', sourceRoots: [], files };
}

/** istanbul-lib-coverage's getLineCoverage: a statement counts on its start line, max wins. */
export function computeLineCoverage(
  statementMap: Record<string, { start: { line: number } }>,
  counts: Record<string, number>,
): Map<number, number> {
  const lines = new Map<number, number>();
  for (const [id, count] of Object.entries(counts)) {
    // Own keys only: an id like `constructor` or `toString` would otherwise find
    // Object.prototype's function, which is no statement.
    if (!Object.hasOwn(statementMap, id)) continue;
    const statement = statementMap[id];
    if (!statement) continue;
    const line = statement.start.line;
    const previous = lines.get(line);
    if (previous === undefined || previous < count) lines.set(line, count);
  }
  return lines;
}
