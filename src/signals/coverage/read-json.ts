/**
 * Reads a JSON report (coverage.py JSON, Istanbul's coverage-final.json and
 * coverage-summary.json) whole. Accepted for these formats, unlike lcov and XML: they are
 * single JSON values that a streaming reader would have to rebuild as objects anyway, and
 * the tools write them at a few MB even for large code bases. A syntax error becomes a
 * UserError at its line:column. A leading UTF-8 byte-order mark is skipped.
 */
import { readFile } from 'node:fs/promises';
import { findJsonSyntaxError, locateOffset } from '../../util/json-syntax.js';
import { failAt, type ReportSource } from './report-errors.js';

/** Parses the report; a corrupt or truncated file throws a UserError at line:column. */
export async function readJsonOf(source: ReportSource): Promise<unknown> {
  // JSON.parse refuses a byte-order mark, which Windows tools put before the value; it is no
  // part of the JSON text, and line:column of an error count from after it, as editors do.
  const text = stripByteOrderMark(await readFile(source.path, 'utf8'));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // JSON.parse on Node 20 gives no position for some errors and echoes the input for
    // others; the scanner names the offending offset without echoing the file's content.
    const error = findJsonSyntaxError(text) ?? { offset: 0, message: 'not valid JSON' };
    const { line, column } = locateOffset(text, error.offset, source.name);
    return failAt(source, line, column, `corrupt JSON: ${error.message}`);
  }
}

function stripByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
