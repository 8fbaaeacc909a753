/**
 * YAML with the safe core schema (no YAML 1.1 booleans or timestamps, unknown tags kept as
 * plain values), merge keys (`<<: *defaults`) applied, and an alias expansion limit (no
 * billion laughs). Key lines come from the document's nodes through a LineCounter. A file
 * of several documents (`---`) is a list of them: its paths start with the document's index.
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { LineIndex, MAX_KEY_DEPTH, pathKey, type Segment } from '../key-paths.js';
import type { ParseResult } from './types.js';

/** Most copies of anchors that aliases may expand to in one document. */
export const MAX_YAML_ALIAS_COUNT = 100;

/** Parses YAML text (one document or several); a syntax error fails at its line. */
export function parseYaml(text: string): ParseResult {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, {
    schema: 'core',
    resolveKnownTags: false,
    lineCounter,
    prettyErrors: false,
    uniqueKeys: false,
    merge: true,
  });
  const documents = Array.isArray(parsed) ? parsed : [];
  for (const document of documents) {
    const [error] = document.errors;
    if (error) return { ok: false, failure: { line: lineCounter.linePos(error.pos[0]).line } };
  }
  const values: unknown[] = [];
  for (const document of documents) {
    try {
      values.push(document.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT }));
    } catch {
      // The library's message names the anchor, which may be the value itself: not shown.
      return {
        ok: false,
        failure: {
          line: null,
          reason: `aliases expand to more than ${MAX_YAML_ALIAS_COUNT} copies of their anchors`,
        },
      };
    }
  }
  const lines = new LineIndex();
  const envLookups = new Set<string>();
  const several = documents.length > 1;
  documents.forEach((document, d) => {
    const stack: [Node | null, Segment[]][] = [[document.contents, several ? [d] : []]];
    for (let next = stack.pop(); next; next = stack.pop()) {
      const [node, path] = next;
      if (path.length >= MAX_KEY_DEPTH) continue;
      if (isMap(node)) {
        for (const pair of node.items) {
          // A merge key (`<<`) is no key of the result: its mapping's keys are merged in.
          if (!isScalar(pair.key) || !pair.key.range || typeof pair.key.value === 'symbol') {
            continue;
          }
          const childPath = [...path, String(pair.key.value)];
          lines.set(childPath, lineCounter.linePos(pair.key.range[0]).line);
          const value = pair.value as Node | null;
          if (value && 'tag' in value && value.tag === '!ENV') envLookups.add(pathKey(childPath));
          stack.push([value, childPath]);
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => stack.push([item as Node | null, [...path, i]]));
      }
    }
  });
  const value = several ? values : (values[0] ?? null);
  return { ok: true, parsed: { value, lines, envLookups } };
}
