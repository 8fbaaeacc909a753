/**
 * Java `.properties` files with dot-properties (escapes, `:`/`=`/space separators, `\`
 * continuation lines), whose syntax tree gives each key's source offset. Keys are flat
 * (`db.password` is one key, shown as the dotted path it reads as); the last of a repeated
 * key wins, as Java reads it. It never rejects a text.
 */
import { parseLines, type Node, type Pair } from 'dot-properties';
import { LineIndex, LineStarts } from '../key-paths.js';
import { NO_ENV_LOOKUPS, type ParseResult } from './types.js';

/** Parses `.properties` text into its flat keys, each with its line. */
export function parseProperties(text: string): ParseResult {
  let nodes: Required<Node>[];
  try {
    nodes = parseLines(text, true);
  } catch {
    return { ok: false, failure: { line: null } };
  }
  const starts = new LineStarts(text);
  const lines = new LineIndex();
  const value: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const node of nodes) {
    if (node.type !== 'PAIR') continue;
    const pair = node as Pair;
    value[pair.key] = pair.value;
    if (pair.range) lines.set([pair.key], starts.lineAt(pair.range[0]));
  }
  return { ok: true, parsed: { value, lines, envLookups: NO_ENV_LOOKUPS } };
}
