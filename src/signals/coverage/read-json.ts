/**
 * Reads a JSON report (coverage.py JSON, Istanbul's coverage-final.json and
 * coverage-summary.json) whole. Accepted for these formats, unlike lcov and XML: they are
 * single JSON values that a streaming reader would have to rebuild as objects anyway, and
 * the tools write them at a few MB even for large code bases. A syntax error becomes a
 * UserError at its line:column.
 */
import { readFile } from 'node:fs/promises';
import { failAt, type ReportSource } from './report-errors.js';

/** Parses the report; a corrupt or truncated file throws a UserError at line:column. */
export async function readJsonOf(source: ReportSource): Promise<unknown> {
  const text = await readFile(source.path, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = describeSyntaxError((error as Error).message);
    const { line, column } = locateOffset(text, locateSyntaxError(text, error as Error));
    return failAt(source, line, column, `corrupt JSON: ${reason}`);
  }
}

/** V8's message without the position suffix or the echoed snippet of the file. */
function describeSyntaxError(message: string): string {
  return message
    .replace(/ in JSON at position \d+.*$/, '')
    .replace(/, (\.\.\.)?".*" is not valid JSON$/s, '');
}

/**
 * The character offset of a JSON syntax error. V8 names it in most messages; for the rest
 * ("Unexpected token 'x', ... is not valid JSON" on Node 20) search for the shortest prefix
 * that fails for a reason other than ending early: that prefix ends at the bad character.
 */
export function locateSyntaxError(text: string, error: Error): number {
  const named = positionIn(error.message);
  if (named !== null) return named;
  if (/Unexpected end of JSON input/.test(error.message)) return text.length;
  let low = 0; // longest prefix known to fail only by ending early (or to parse)
  let high = text.length; // shortest prefix known to fail for a real reason
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (failsBeforeEnd(text.slice(0, middle))) high = middle;
    else low = middle;
  }
  return high - 1;
}

function failsBeforeEnd(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return false;
  } catch (error) {
    const message = (error as Error).message;
    if (/Unexpected end of JSON input/.test(message)) return false;
    const position = positionIn(message);
    return position === null || position < prefix.length;
  }
}

function positionIn(message: string): number | null {
  const match = /at position (\d+)/.exec(message);
  return match ? Number(match[1]) : null;
}

/** 1-based line and column of a character offset. */
export function locateOffset(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}
