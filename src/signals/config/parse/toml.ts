/**
 * TOML with smol-toml (TOML 1.0). Its errors carry a line and a message that quotes the
 * source: only the line is kept. It gives no positions for keys, so their lines come from a
 * scan of the text: table headers (`[a.b]`, `[[servers]]`) set the current table, and a line
 * starting with a (dotted) key and `=` names a key in it. Lines inside multi-line strings are
 * skipped; a key inside an inline table takes its table's line.
 */
import { parse, TomlError } from 'smol-toml';
import { LineIndex, type Segment } from '../key-paths.js';
import { NO_ENV_LOOKUPS, type ParseResult } from './types.js';

/** Parses TOML text; a syntax error fails at the line smol-toml names. */
export function parseToml(text: string): ParseResult {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    const line = error instanceof TomlError && Number.isInteger(error.line) ? error.line : null;
    return { ok: false, failure: { line } };
  }
  return { ok: true, parsed: { value, lines: indexTomlKeys(text), envLookups: NO_ENV_LOOKUPS } };
}

const BARE_OR_QUOTED_KEY = String.raw`(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')`;
const DOTTED_KEY = String.raw`${BARE_OR_QUOTED_KEY}(?:\s*\.\s*${BARE_OR_QUOTED_KEY})*`;
const TABLE_HEADER = new RegExp(String.raw`^\s*(\[\[?)\s*(${DOTTED_KEY})\s*\]\]?\s*(?:#.*)?$`);
const KEY_LINE = new RegExp(String.raw`^\s*(${DOTTED_KEY})\s*=`);

function indexTomlKeys(text: string): LineIndex {
  const lines = new LineIndex();
  const arrayCounts = new Map<string, number>();
  let table: Segment[] = [];
  let inMultiline: string | null = null;
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (inMultiline !== null) {
      if (countOf(raw, inMultiline) % 2 === 1) inMultiline = null;
      return;
    }
    const header = TABLE_HEADER.exec(raw);
    if (header) {
      const path = splitDottedKey(header[2]!);
      if (header[1] === '[[') {
        const name = path.join('\u0000');
        const index = arrayCounts.get(name) ?? 0;
        arrayCounts.set(name, index + 1);
        table = [...path, index];
      } else {
        table = path;
      }
      lines.setWithAncestors(table, line);
      return;
    }
    const key = KEY_LINE.exec(raw);
    if (key) lines.setWithAncestors([...table, ...splitDottedKey(key[1]!)], line, table.length);
    for (const quote of ['"""', "'''"]) {
      if (countOf(raw, quote) % 2 === 1) inMultiline = quote;
    }
  });
  return lines;
}

/** `a."b.c".d` -> [a, b.c, d] (quoted parts unquoted; escapes in basic strings decoded). */
export function splitDottedKey(text: string): string[] {
  const parts: string[] = [];
  const part = new RegExp(BARE_OR_QUOTED_KEY, 'y');
  let at = 0;
  while (at < text.length) {
    while (text[at] === ' ' || text[at] === '\t' || text[at] === '.') at++;
    part.lastIndex = at;
    const match = part.exec(text);
    if (!match) break;
    const raw = match[0];
    parts.push(raw.startsWith('"') || raw.startsWith("'") ? unquote(raw) : raw);
    at = part.lastIndex;
  }
  return parts;
}

/** A quoted key's text: basic strings decode their escapes where JSON reads them alike. */
function unquote(raw: string): string {
  if (raw.startsWith("'")) return raw.slice(1, -1);
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1);
  }
}

function countOf(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
    count++;
  }
  return count;
}
