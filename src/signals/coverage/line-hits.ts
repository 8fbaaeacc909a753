/**
 * Building per-file line hits while an XML report or Go profile streams by (lcov keeps its
 * own dense tally for speed). A path can repeat within a report (a Java file with several
 * classes, Go blocks of one file), so entries for the same path share one map.
 */
import type { FileHits } from './types.js';

/** Returns the line map for `path`, creating it (or upgrading a totals-only entry) first. */
export function obtainLineMap(files: Map<string, FileHits>, path: string): Map<number, number> {
  const existing = files.get(path);
  if (existing?.kind === 'lines') return existing.lines;
  const lines = new Map<number, number>();
  // Line data wins over totals for the same path: it can be merged line by line.
  files.set(path, { kind: 'lines', lines });
  return lines;
}

/**
 * Records a line whose hit count is the largest of several views of the same code (a line
 * listed both under its class and its method in Cobertura, or covered by several Go blocks),
 * where adding would count the same execution twice.
 */
export function raiseHits(lines: Map<number, number>, line: number, hits: number): void {
  const previous = lines.get(line);
  if (previous === undefined || previous < hits) lines.set(line, hits);
}
