/**
 * Clover XML (OpenClover, Istanbul/c8 `clover`, PHPUnit `--coverage-clover`).
 *
 * Line semantics: each `<line>` of type `stmt` or `cond` under a `<file>` is a coverable
 * line; `method` lines mark declarations and are not counted (as the brief and Istanbul's
 * writer agree). A line is covered when its `count` > 0; OpenClover's `cond` lines may carry
 * only `truecount`/`falsecount`, and are covered when either is > 0 (the condition ran).
 * A file's path is its `path` attribute, else its `name`.
 */
import {
  LINE_NUMBER_RULE,
  parseCount,
  parseLineNumber,
  type ReportSource,
} from './report-errors.js';
import { obtainLineMap, raiseHits } from './line-hits.js';
import { readXmlOf } from './read-xml.js';
import type { FileHits, RawCoverageReport } from './types.js';

/** Streams a Clover report into per-file line hits. */
export async function readCloverReport(source: ReportSource): Promise<RawCoverageReport> {
  const files = new Map<string, FileHits>();
  let current: Map<number, number> | null = null;

  await readXmlOf(source, {
    onOpen(tag, fail) {
      if (tag.name === 'file') {
        const path = tag.attributes.path?.trim() || tag.attributes.name?.trim();
        if (!path) return fail('<file> without a path or name attribute');
        current = obtainLineMap(files, path);
        return;
      }
      if (tag.name !== 'line' || current === null) return;
      const type = tag.attributes.type;
      if (type !== 'stmt' && type !== 'cond') return;
      const line = parseLineNumber(tag.attributes.num);
      if (line === null) return fail(`<line> num is not ${LINE_NUMBER_RULE}`);
      raiseHits(current, line, hitsOf(tag.attributes, fail));
    },
    onClose(name) {
      if (name === 'file') current = null;
    },
  });

  return { file: source.name, format: 'clover', sourceRoots: [], files };
}

function hitsOf(attributes: Record<string, string>, fail: (message: string) => never): number {
  if (attributes.count !== undefined) {
    const count = parseCount(attributes.count);
    if (count === null) return fail('<line> count is not a count');
    return count;
  }
  const whenTrue = parseCount(attributes.truecount ?? '0');
  const whenFalse = parseCount(attributes.falsecount ?? '0');
  if (whenTrue === null || whenFalse === null)
    return fail('<line> truecount/falsecount are not counts');
  return whenTrue + whenFalse;
}
