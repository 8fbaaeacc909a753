/**
 * Reads a JSON report (coverage.py JSON, Istanbul's coverage-final.json and
 * coverage-summary.json) whole. Accepted for these formats, unlike lcov and XML: they are
 * single JSON values that a streaming reader would have to rebuild as objects anyway, and
 * the tools write them at a few MB even for large code bases. A syntax error becomes a
 * UserError at its line:column. A leading UTF-8 byte-order mark is skipped.
 */
import { readFile } from 'node:fs/promises';
import { parseJsonText } from '../../util/json-syntax.js';
import type { ReportSource } from './report-errors.js';

/** Parses the report; a corrupt or truncated file throws a UserError at line:column. */
export async function readJsonOf(source: ReportSource): Promise<unknown> {
  return parseJsonText(await readFile(source.path, 'utf8'), source.name, 'corrupt JSON');
}
