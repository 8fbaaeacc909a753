/**
 * Key paths in a parsed config document, the same for every format: a path is a list of
 * mapping keys and list indices, shown dotted (`db.pool.size`, `servers[0].token`).
 *
 * For drift a document is its set of leaf key paths. A list is one leaf (its entries are
 * values, not keys: `hosts: [a, b]` and `hosts: [c]` have the same keys), and so is an empty
 * mapping. Walks are iterative and stop at {@link MAX_KEY_DEPTH}, so a deeply nested file
 * costs neither the stack nor quadratic memory.
 */

export type Segment = string | number;

/** Nesting below this depth is not walked (deeper keys count as one leaf at this depth). */
export const MAX_KEY_DEPTH = 64;

/** Longest key path shown, in characters: a key is a name, not a paragraph. */
const MAX_SHOWN_PATH = 120;

/** `db.pool.size`, `servers[0].token`; control characters shown as `?`, long paths clipped. */
export function formatKeyPath(path: readonly Segment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  // eslint-disable-next-line no-control-regex
  text = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');
  return text.length > MAX_SHOWN_PATH ? `${text.slice(0, MAX_SHOWN_PATH - 3)}...` : text;
}

/** An unambiguous map key for a path (keys may contain dots). */
export function pathKey(path: readonly Segment[]): string {
  return path.map((s) => (typeof s === 'number' ? `#${s}` : `:${s}`)).join('\u0000');
}

/** A mapping of a parsed document: a plain object (not a list, date or other value). */
export function isMapping(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A document's keys as drift compares them. */
export interface DocumentKeys {
  /** Leaf key paths, keyed by {@link pathKey}, with their dotted display form. */
  leaves: Map<string, string>;
  /** Paths of the non-empty mappings walked into ({@link pathKey}). */
  interior: Set<string>;
}

/** The document's leaf key paths, and the mappings above them. */
export function documentKeys(document: Record<string, unknown>): DocumentKeys {
  const leaves = new Map<string, string>();
  const interior = new Set<string>();
  const stack: [Record<string, unknown>, Segment[]][] = [[document, []]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [mapping, path] = next;
    for (const key of Object.keys(mapping)) {
      const value = mapping[key];
      const childPath = [...path, key];
      if (isMapping(value) && Object.keys(value).length > 0 && childPath.length < MAX_KEY_DEPTH) {
        interior.add(pathKey(childPath));
        stack.push([value, childPath]);
      } else {
        leaves.set(pathKey(childPath), formatKeyPath(childPath));
      }
    }
  }
  return { leaves, interior };
}

/** One key of a mapping anywhere in the document (lists are walked into), with its value. */
export interface KeyEntry {
  path: Segment[];
  key: string;
  value: unknown;
}

/** Every key of every mapping in the document, lists included, in document order per level. */
export function* keyEntries(document: unknown): Generator<KeyEntry> {
  const stack: [unknown, Segment[]][] = [[document, []]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [value, path] = next;
    if (path.length >= MAX_KEY_DEPTH) continue;
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], [...path, i]]);
    } else if (isMapping(value)) {
      const keys = Object.keys(value);
      for (const key of keys) yield { path: [...path, key], key, value: value[key] };
      for (let i = keys.length - 1; i >= 0; i--) {
        const child = value[keys[i]!];
        if (typeof child === 'object' && child !== null) stack.push([child, [...path, keys[i]!]]);
      }
    }
  }
}

/**
 * Lines of key paths, as a parser or a scan of the text found them. A path not found takes
 * the line of its nearest ancestor that was (a key inside an inline table is on its table's
 * line), or null.
 */
export class LineIndex {
  private readonly lines = new Map<string, number>();

  /** Records the first line a path is seen on. */
  set(path: readonly Segment[], line: number): void {
    const key = pathKey(path);
    if (!this.lines.has(key)) this.lines.set(key, line);
  }

  /**
   * Records a path and the paths between `from` and it (a header `[a.b.c]` or a dotted key
   * `a.b = 1` also writes the tables `a` and `a.b`), each where first seen.
   */
  setWithAncestors(path: readonly Segment[], line: number, from = 0): void {
    for (let n = Math.max(from, 0) + 1; n <= path.length; n++) this.set(path.slice(0, n), line);
  }

  lineOf(path: readonly Segment[]): number | null {
    for (let n = path.length; n > 0; n--) {
      const line = this.lines.get(pathKey(path.slice(0, n)));
      if (line !== undefined) return line;
    }
    return null;
  }
}

/** 1-based line of each offset, from a table of line starts built once per text. */
export class LineStarts {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      this.starts.push(i + 1);
    }
  }

  lineAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }
}
