/**
 * JSON: `JSON.parse` for the value; on failure, the positioned scanner of util/json-syntax
 * names the offset (JSON.parse's message may quote the text). Key lines come from one pass
 * over the (valid) text that tracks the path of every object key.
 */
import { findJsonSyntaxError } from '../../../util/json-syntax.js';
import { LineIndex, LineStarts, MAX_KEY_DEPTH, type Segment } from '../key-paths.js';
import { NO_ENV_LOOKUPS, type ParseResult } from './types.js';

/** Parses JSON text; a syntax error fails at the line of the offending character. */
export function parseJson(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const error = findJsonSyntaxError(text);
    const line = error ? new LineStarts(text).lineAt(error.offset) : null;
    return { ok: false, failure: { line } };
  }
  return { ok: true, parsed: { value, lines: indexJsonKeys(text), envLookups: NO_ENV_LOOKUPS } };
}

interface Frame {
  array: boolean;
  /** The container's own path, or null below the depth walked. */
  path: Segment[] | null;
  /** Objects: the last key read, and whether a key comes next. Arrays: the current index. */
  key: string | null;
  expectKey: boolean;
  index: number;
}

/** The line of every object key of a valid JSON text, by path (iterative: any depth). */
export function indexJsonKeys(text: string): LineIndex {
  const lines = new LineIndex();
  const stack: Frame[] = [];
  let line = 1;
  const childPath = (): Segment[] | null => {
    const top = stack.at(-1);
    if (!top) return [];
    if (top.path === null || top.path.length + 1 >= MAX_KEY_DEPTH) return null;
    return [...top.path, top.array ? top.index : (top.key ?? '')];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
    } else if (c === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = stack.at(-1);
      if (top && !top.array && top.expectKey) {
        top.key = JSON.parse(text.slice(i, end + 1)) as string;
        top.expectKey = false;
        if (top.path !== null && top.path.length + 1 < MAX_KEY_DEPTH) {
          lines.set([...top.path, top.key], line);
        }
      }
      i = end;
    } else if (c === '{' || c === '[') {
      stack.push({
        array: c === '[',
        path: childPath(),
        key: null,
        expectKey: c === '{',
        index: 0,
      });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ',') {
      const top = stack.at(-1);
      if (top?.array) top.index++;
      else if (top) top.expectKey = true;
    }
  }
  return lines;
}
