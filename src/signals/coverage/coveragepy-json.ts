/**
 * coverage.py JSON (`coverage json`), read whole (see read-json.ts for why that is fine).
 *
 * Line semantics: the line lists are the data, the `summary` is never used for counts.
 * Every line in `executed_lines` is a hit line and every line in `missing_lines` a line not
 * hit (a line in both, which one run cannot produce, counts as missing); line 0 is no
 * source line (coverage.py 6.x lists it as executed for an empty module) and is skipped.
 * A summary can disagree with its own lists (a hand-edited or merged file claiming 9
 * covered of 3 statements read as 300%), and line data is what merges line by line with
 * other reports, so the lists win.
 *
 * Known difference from `coverage report`: coverage.py 6.x records an executed module
 * docstring's line as executed while not counting it as a statement, so a docstring-only
 * `__init__.py` (`executed_lines: [1]`, `num_statements: 0`) reads as 1 of 1 here where
 * coverage.py prints 0 of 0. coverage.py's own lcov writer writes that line as a hit
 * (`DA:1,1`) too, and lcov is read as written, so the JSON and lcov of one run agree.
 */
import { z } from 'zod';
import { fileEntries, parseShape } from './json-shape.js';
import { readJsonOf } from './read-json.js';
import { MAX_LINE_NUMBER, type ReportSource } from './report-errors.js';
import type { FileHits, RawCoverageReport } from './types.js';

// Non-negative: coverage.py 6.x lists line 0 as executed for an empty module (not a real line).
const lineListSchema = z.array(z.number().int().nonnegative().max(MAX_LINE_NUMBER));

const coveragePySchema = z.object({
  meta: z.object({}).loose(),
  files: fileEntries(
    z
      .object({
        executed_lines: lineListSchema,
        missing_lines: lineListSchema,
      })
      .loose(),
  ),
});

/** Reads a coverage.py JSON report into per-file line hits from its line lists. */
export async function readCoveragePyJsonReport(source: ReportSource): Promise<RawCoverageReport> {
  const data = parseShape(
    source,
    coveragePySchema,
    await readJsonOf(source),
    'coverage.py JSON report',
  );
  const files = new Map<string, FileHits>();
  for (const [path, entry] of data.files) {
    files.set(path, toFileHits(entry.executed_lines, entry.missing_lines));
  }
  return { file: source.name, format: 'coveragepy-json', sourceRoots: [], files };
}

function toFileHits(executed: number[], missing: number[]): FileHits {
  const lines = new Map<number, number>();
  for (const line of executed) if (line > 0) lines.set(line, 1);
  for (const line of missing) if (line > 0) lines.set(line, 0);
  return { kind: 'lines', lines };
}
