/**
 * Where things are written in a TOML file. smol-toml gives values without positions, so the
 * dependency parsers find lines with a scan of the text: a table's header, a key below it, a
 * string in an array. The scan is a locator, not a parser: the values come from smol-toml;
 * when the scan finds nothing (an inline table, an unusual layout), the nearest line found
 * so far stands in.
 */
import { parse, TomlError } from 'smol-toml';

/** Lines of one TOML text, searched from a line on. */
export class TomlLines {
  private readonly lines: string[];

  constructor(text: string) {
    this.lines = text.split(/\r?\n/);
  }

  /** The 1-based line of the table header `[a.b]` (keys bare or quoted), or null. */
  header(path: readonly string[]): number | null {
    const pattern = new RegExp(
      String.raw`^\s*\[\s*${path.map(keyPattern).join(String.raw`\s*\.\s*`)}\s*\]\s*(?:#.*)?$`,
    );
    const index = this.lines.findIndex((line) => pattern.test(line));
    return index === -1 ? null : index + 1;
  }

  /** The first line after line `after` (0: from the top) that assigns `key`, before the next table. */
  key(key: string, after: number): number | null {
    const pattern = new RegExp(String.raw`^\s*${keyPattern(key)}\s*=`);
    for (let i = after; i < this.lines.length; i++) {
      const line = this.lines[i]!;
      if (/^\s*\[/.test(line)) return null;
      if (pattern.test(line)) return i + 1;
    }
    return null;
  }

  /** The first line at or after `from` holding `value` as a quoted string, or null. */
  string(value: string, from: number): number | null {
    for (let i = Math.max(from - 1, 0); i < this.lines.length; i++) {
      const line = this.lines[i]!;
      if (line.includes(`"${value}"`) || line.includes(`'${value}'`)) return i + 1;
    }
    return null;
  }
}

function keyPattern(key: string): string {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return `(?:${escaped}|"${escaped}"|'${escaped}')`;
}

/** A TOML document as data, or why it could not be read (its line, never its text). */
export function parseTomlDocument(
  text: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; reason: string } {
  try {
    return { ok: true, value: parse(text) };
  } catch (error) {
    // smol-toml's message quotes the source: only the line is kept.
    const line = error instanceof TomlError && Number.isInteger(error.line) ? error.line : null;
    return { ok: false, reason: line === null ? 'invalid TOML' : `invalid TOML at line ${line}` };
  }
}

/** The mapping at `path` in `value`, or null when something on the way is not a mapping. */
export function tableAt(value: unknown, path: readonly string[]): Record<string, unknown> | null {
  let current = value;
  for (const key of path) {
    if (!isTable(current)) return null;
    current = current[key];
  }
  return isTable(current) ? current : null;
}

/** A TOML table (or YAML mapping) read as a plain object. */
export function isTable(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}
