/**
 * INI and `.cfg` files with the `ini` package. Python's configparser (setup.cfg, tox.ini,
 * most `.cfg` files) also accepts `key: value` and indented continuation lines, which `ini`
 * would read as keys named after the whole line, value and all: so before parsing, a `:`
 * that comes before any `=` becomes the delimiter, and a continuation line is joined to its
 * key's value (its own line left blank, so line numbers stay). `ini` never rejects a text;
 * a line with no delimiter is a key set to `true`. Section names split on dots
 * (`[db.main]` is `db.main`), as `ini` nests them. Key lines come from a scan of the
 * prepared text.
 */
import { parse } from 'ini';
import { LineIndex, type Segment } from '../key-paths.js';
import { NO_ENV_LOOKUPS, type ParseResult } from './types.js';

/** Parses INI or `.cfg` text, configparser-style lines made `ini`'s first. */
export function parseIni(text: string): ParseResult {
  const prepared = prepareIni(text);
  let value: unknown;
  try {
    value = parse(prepared.join('\n'), { bracketedArray: true });
  } catch {
    return { ok: false, failure: { line: null } };
  }
  return { ok: true, parsed: { value, lines: indexIniKeys(prepared), envLookups: NO_ENV_LOOKUPS } };
}

const COMMENT = /^\s*[;#]/;
const SECTION = /^\s*\[(.*)\]\s*$/;

/** The text's lines with configparser's delimiters and continuation lines made `ini`'s. */
export function prepareIni(text: string): string[] {
  const lines = text.split(/\r?\n/);
  let keyLine: number | null = null;
  lines.forEach((line, i) => {
    if (line.trim() === '' || COMMENT.test(line)) return;
    if (keyLine !== null && /^\s/.test(line)) {
      lines[keyLine] = `${lines[keyLine]!.trimEnd()} ${line.trim()}`;
      lines[i] = '';
      return;
    }
    if (SECTION.test(line)) {
      keyLine = null;
      return;
    }
    const equals = line.indexOf('=');
    const colon = line.indexOf(':');
    if (colon >= 0 && (equals < 0 || colon < equals)) {
      lines[i] = `${line.slice(0, colon)}=${line.slice(colon + 1)}`;
    }
    keyLine = i;
  });
  return lines;
}

function indexIniKeys(lines: readonly string[]): LineIndex {
  const index = new LineIndex();
  let section: Segment[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '' || COMMENT.test(line)) return;
    const header = SECTION.exec(line);
    if (header) {
      section = header[1]!.split(/(?<!\\)\./).map((s) => s.replace(/\\\./g, '.').trim());
      index.setWithAncestors(section, i + 1);
      return;
    }
    const equals = line.indexOf('=');
    let key = (equals < 0 ? line : line.slice(0, equals)).trim().replace(/\[\]$/, '');
    if (/^(["']).*\1$/.test(key)) key = key.slice(1, -1);
    index.set([...section, key], i + 1);
  });
  return index;
}
