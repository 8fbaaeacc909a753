/**
 * Maps a path inside the YAML document (`['items', 2, 'risk']`) to `line:column`, so every
 * inventory problem can point at the exact spot. None of the tools we learn from do this;
 * it is what makes a 300-line debt.yaml bearable to fix.
 */
import { Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node } from 'yaml';
import type { SourceLocation } from '../model/index.js';
import { formatDataPath } from '../util/data-path.js';
import { clipText } from '../util/text.js';

export type DocPath = readonly (string | number)[];

/** `items[2].cost_of_delay.amount` — how a path reads in messages. */
export function formatDocPath(path: DocPath): string {
  return formatDataPath(path, clipText);
}

export class DocumentLocator {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    readonly file: string,
  ) {}

  /**
   * A locator for text that was not parsed (refused before parsing): it places offsets,
   * and every path falls back to the start of the file.
   */
  static forText(text: string, file: string): DocumentLocator {
    const lines = new LineCounter();
    lines.addNewLine(0);
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      lines.addNewLine(i + 1);
    }
    return new DocumentLocator(new Document(), lines, file);
  }

  /** Location of an offset in the source text. */
  at(offset: number): SourceLocation {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  /**
   * Location of the value at `path`; a path that does not exist (a missing key) points at
   * the nearest existing parent, which is where the key has to be added.
   */
  value(path: DocPath): SourceLocation {
    for (let n = path.length; n >= 0; n--) {
      const node = this.nodeAt(path.slice(0, n));
      if (node?.range) return this.at(node.range[0]);
    }
    return { file: this.file, line: 1, column: 1 };
  }

  /** Location of the key `key` in the mapping at `path` (for unknown keys). */
  key(path: DocPath, key: string): SourceLocation {
    const map = this.nodeAt(path);
    if (isMap(map)) {
      for (const pair of map.items) {
        if (
          isPair(pair) &&
          isScalar(pair.key) &&
          String(pair.key.value) === key &&
          pair.key.range
        ) {
          return this.at(pair.key.range[0]);
        }
      }
    }
    return this.value(path);
  }

  private nodeAt(path: DocPath): Node | undefined {
    let node: unknown = this.doc.contents;
    for (const part of path) {
      if (isMap(node)) node = node.get(part, true);
      else if (isSeq(node) && typeof part === 'number') node = node.get(part, true);
      else return undefined;
    }
    return (node ?? undefined) as Node | undefined;
  }
}
