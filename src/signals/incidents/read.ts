/**
 * Reading an incident export into a table: headers and, per row, the values under each
 * (normalized) header. The format comes from the content, not the name: JSON when the text
 * starts with `[` or `{` (an array of objects, or an object holding one array of objects, as
 * the PagerDuty, Opsgenie and Jira APIs answer), CSV (RFC 4180, by csv-parse) otherwise.
 */
import { readFile, stat } from 'node:fs/promises';
import { parse as parseCsv, CsvError } from 'csv-parse/sync';
import { UserError } from '../../errors.js';
import { readFailure } from '../../util/fs-errors.js';
import { clipText } from '../../util/text.js';
import { normalizeHeader } from './columns.js';

/** The largest export read; a bigger one is refused before it is read. */
export const MAX_INCIDENT_FILE_BYTES = 64 * 1024 * 1024;

/** Nested JSON fields are flattened this deep (`fields.components.name` is three). */
const MAX_JSON_DEPTH = 4;

export interface IncidentRow {
  /** 1-based data row (the header is not a row). */
  row: number;
  /** The CSV line the row starts on; null for JSON. */
  line: number | null;
  /** Non-empty values under each normalized header (a header repeated in CSV gives several). */
  values: ReadonlyMap<string, readonly string[]>;
}

export interface IncidentTable {
  format: 'csv' | 'json';
  /** Headers as the file writes them, in order, each once. */
  headers: string[];
  rows: IncidentRow[];
}

/** Reads and parses one export; `name` is the file as the user wrote it (for messages). */
export async function readIncidentTable(path: string, name: string): Promise<IncidentTable> {
  let text: string;
  try {
    const info = await stat(path);
    if (info.isFile() && info.size > MAX_INCIDENT_FILE_BYTES) {
      throw new UserError(
        `${name}: incident export of ${Math.round(info.size / 1024 / 1024)} MB is larger than ` +
          `${MAX_INCIDENT_FILE_BYTES / 1024 / 1024} MB: export a shorter period`,
      );
    }
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw readFailure('incident export', name, error);
  }
  return parseIncidentTable(text, name);
}

/** Parses an export's text (BOM allowed). Pure. */
export function parseIncidentTable(text: string, name: string): IncidentTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = body.trimStart()[0];
  return first === '[' || first === '{' ? parseJsonTable(body, name) : parseCsvTable(body, name);
}

function parseCsvTable(text: string, name: string): IncidentTable {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) throw csvFailure(error, name);
    throw error;
  }
  const [header, ...data] = records;
  if (header === undefined) return { format: 'csv', headers: [], rows: [] };
  const keys = header.record.map(normalizeHeader);
  const rows: IncidentRow[] = [];
  // csv-parse reports the line a record ends on, counting a CRLF inside a quoted value as two
  // lines: the start line takes the record's own line breaks off, and the earlier miscount.
  let miscounted = 0;
  for (const { record, info } of data) {
    let breaks = 0;
    let crlf = 0;
    for (const value of record) {
      breaks += (value.match(/\r\n|\r|\n/g) ?? []).length;
      crlf += (value.match(/\r\n/g) ?? []).length;
    }
    const line = info.lines - breaks - crlf - miscounted;
    miscounted += crlf;
    const values = new Map<string, string[]>();
    record.forEach((cell, i) => {
      const key = keys[i];
      if (key === undefined || key === '' || cell.trim() === '') return;
      const list = values.get(key);
      if (list) list.push(cell.trim());
      else values.set(key, [cell.trim()]);
    });
    // A row of empty cells (a spreadsheet's trailing `,,,`) is no row.
    if (values.size === 0) continue;
    rows.push({ row: rows.length + 1, line, values });
  }
  return { format: 'csv', headers: uniqueHeaders(header.record), rows };
}

/** csv-parse's reason in our words: its own message quotes the offending value. */
function csvFailure(error: CsvError, name: string): UserError {
  const where = typeof error.lines === 'number' ? `:${error.lines}` : '';
  const reasons: Record<string, string> = {
    CSV_QUOTE_NOT_CLOSED: 'a quoted value is never closed',
    INVALID_OPENING_QUOTE:
      'a quote inside an unquoted value (quote the whole value, double the quote)',
    CSV_INVALID_CLOSING_QUOTE: 'text after the closing quote of a value',
    CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'text after the closing quote of a value',
  };
  return new UserError(
    `${name}${where}: not a valid CSV incident export: ${reasons[error.code] ?? error.code}`,
  );
}

function parseJsonTable(text: string, name: string): IncidentTable {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new UserError(
      `${name}: not valid JSON (an incident export in JSON is an array of objects)`,
    );
  }
  const list = rowsOfJson(data, name);
  const headers: string[] = [];
  const seen = new Set<string>();
  const rows: IncidentRow[] = [];
  list.forEach((element, i) => {
    if (!isObject(element)) {
      throw new UserError(
        `${name}: row ${i + 1} is not an object (an incident export in JSON is an array of objects)`,
      );
    }
    const flat = new Map<string, string[]>();
    flatten(element, '', 0, (path, value) => {
      if (!seen.has(path)) {
        seen.add(path);
        headers.push(path);
      }
      if (value === '') return;
      const key = normalizeHeader(path);
      const list = flat.get(key);
      if (list) list.push(value);
      else flat.set(key, [value]);
    });
    rows.push({ row: i + 1, line: null, values: flat });
  });
  return { format: 'json', headers, rows };
}

/** The array of rows: the document itself, or the one array of objects an object holds. */
function rowsOfJson(data: unknown, name: string): unknown[] {
  if (Array.isArray(data)) return data;
  if (!isObject(data)) {
    throw new UserError(`${name}: an incident export in JSON is an array of objects`);
  }
  const arrays = Object.entries(data).filter(
    ([, value]) => Array.isArray(value) && value.every(isObject),
  );
  if (arrays.length !== 1) {
    const keys = arrays.map(([key]) => `"${clipText(key)}"`).join(', ');
    throw new UserError(
      `${name}: expected an array of incident objects, or an object holding exactly one; ` +
        (arrays.length === 0 ? 'it holds none' : `it holds ${arrays.length}: ${keys}`),
    );
  }
  return arrays[0]![1] as unknown[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every scalar of a JSON row under its dotted path (`service.summary`); the elements of an
 * array share their array's path, so `components: [{ name: a }, { name: b }]` gives
 * `components.name` twice. A null or empty string is emitted as '' (the column exists, with
 * no value: an empty date is then refused as such, not as a missing column).
 */
function flatten(
  value: unknown,
  path: string,
  depth: number,
  emit: (path: string, value: string) => void,
): void {
  if (value === null || value === undefined) {
    if (path !== '') emit(path, '');
    return;
  }
  if (Array.isArray(value)) {
    for (const element of value) flatten(element, path, depth, emit);
    return;
  }
  if (isObject(value)) {
    if (depth >= MAX_JSON_DEPTH) return;
    for (const [key, inner] of Object.entries(value)) {
      flatten(inner, path === '' ? key : `${path}.${key}`, depth + 1, emit);
    }
    return;
  }
  if (path !== '') emit(path, String(value).trim());
}

function uniqueHeaders(headers: readonly string[]): string[] {
  return [...new Set(headers.map((h) => h.trim()).filter((h) => h !== ''))];
}
