/**
 * Cobertura XML (coverage.py `coverage xml`, Istanbul/c8 `cobertura`, gcovr `--xml`).
 *
 * Line semantics: each `<line number=".." hits=".."/>` under a `<class filename="..">` is a
 * coverable line of that file, covered when hits > 0. Writers repeat a class's lines under
 * its `<methods>`, and Java writers emit one `<class>` per inner class of the same file, so
 * the same line can appear more than once: its hits are the largest seen, not a sum.
 * `<sources><source>` roots are kept for path mapping (filenames are relative to one of them).
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

/** Streams a Cobertura report into per-file line hits and its declared source roots. */
export async function readCoberturaReport(source: ReportSource): Promise<RawCoverageReport> {
  const files = new Map<string, FileHits>();
  const sourceRoots: string[] = [];
  let sourceText: string | null = null;
  let current: Map<number, number> | null = null;

  await readXmlOf(source, {
    onOpen(tag, fail) {
      switch (tag.name) {
        case 'class': {
          const filename = tag.attributes.filename?.trim();
          if (!filename) return fail('<class> without a filename attribute');
          current = obtainLineMap(files, filename);
          // A class with no <line> still names a file the tool measured (an empty
          // __init__.py): it stays in the report with nothing coverable.
          break;
        }
        case 'line': {
          if (current === null) return; // lines outside a class carry no file
          const line = parseLineNumber(tag.attributes.number);
          if (line === null) return fail(`<line> number is not ${LINE_NUMBER_RULE}`);
          const hits = parseCount(tag.attributes.hits);
          if (hits === null) return fail('<line> hits is not a count');
          raiseHits(current, line, hits);
          break;
        }
        case 'source':
          sourceText = '';
          break;
      }
    },
    onClose(name) {
      if (name === 'class') current = null;
      else if (name === 'source' && sourceText !== null) {
        const root = sourceText.trim();
        if (root.length > 0) sourceRoots.push(root);
        sourceText = null;
      }
    },
    onText(text) {
      if (sourceText !== null) sourceText += text;
    },
  });

  return { file: source.name, format: 'cobertura', sourceRoots, files };
}
