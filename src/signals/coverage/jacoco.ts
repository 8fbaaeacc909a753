/**
 * JaCoCo XML (`jacoco:report` / `jacocoTestReport`, `report.dtd` 1.1).
 *
 * Line semantics follow JaCoCo's own LINE counter: each `<line nr mi ci>` under a
 * `<sourcefile>` is a coverable line (it has instructions), covered when ci > 0, i.e. when at
 * least one of its instructions ran ("partly covered" lines count as covered, as in
 * JaCoCo's report). A source file's path is its package's name (`com/example`) joined with
 * its name; path mapping finds it under `src/main/java/` and the like by suffix.
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

/** Streams a JaCoCo report into per-file line hits (hits = covered instructions). */
export async function readJacocoReport(source: ReportSource): Promise<RawCoverageReport> {
  const files = new Map<string, FileHits>();
  let packageName = '';
  let current: Map<number, number> | null = null;

  await readXmlOf(source, {
    onOpen(tag, fail) {
      switch (tag.name) {
        case 'package':
          packageName = tag.attributes.name ?? '';
          break;
        case 'sourcefile': {
          const name = tag.attributes.name;
          if (!name) return fail('<sourcefile> without a name attribute');
          current = obtainLineMap(files, packageName ? `${packageName}/${name}` : name);
          break;
        }
        case 'line': {
          if (current === null) return;
          const line = parseLineNumber(tag.attributes.nr);
          if (line === null) return fail(`<line> nr is not ${LINE_NUMBER_RULE}`);
          const missed = parseCount(tag.attributes.mi);
          const covered = parseCount(tag.attributes.ci);
          if (missed === null || covered === null)
            return fail('<line> mi/ci are not instruction counts');
          if (missed + covered > 0) raiseHits(current, line, covered);
          break;
        }
      }
    },
    onClose(name) {
      if (name === 'sourcefile') current = null;
      else if (name === 'package') packageName = '';
    },
  });

  return { file: source.name, format: 'jacoco', sourceRoots: [], files };
}
