/**
 * `.env` files with dotenv's `parse` (quoted and multi-line values, `export` prefixes,
 * comments). It never rejects a text: lines that are not `KEY=value` are ignored. Keys are
 * flat; their lines come from a scan for `KEY=` (or `export KEY=`) at the start of a line.
 */
import { parse } from 'dotenv';
import { LineIndex } from '../key-paths.js';
import { NO_ENV_LOOKUPS, type ParseResult } from './types.js';

const KEY_LINE = /^\s*(?:export\s+)?([\w.-]+)\s*[=:]/;

/** Parses `.env` text into its flat keys. */
export function parseDotenv(text: string): ParseResult {
  let value: Record<string, string>;
  try {
    value = parse(text);
  } catch {
    return { ok: false, failure: { line: null } };
  }
  const lines = new LineIndex();
  text.split('\n').forEach((line, i) => {
    const key = KEY_LINE.exec(line)?.[1];
    if (key !== undefined && Object.hasOwn(value, key)) lines.set([key], i + 1);
  });
  return { ok: true, parsed: { value: { ...value }, lines, envLookups: NO_ENV_LOOKUPS } };
}
