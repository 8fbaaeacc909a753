/**
 * Recognises a coverage report by its first few KB, never by its name: CI pipelines rename
 * reports freely (`coverage.xml` may be Cobertura or Clover, `*.out` anything), and a wrong
 * guess would read as a silent 0%.
 */
import type { CoverageFormat } from './types.js';

/** How much of a report {@link detectCoverageFormat} needs to see. */
export const DETECT_HEAD_BYTES = 8192;

/**
 * The report format the content starts with, or null when it is none we read.
 *
 * @param head the first {@link DETECT_HEAD_BYTES} or so of the file, decoded as UTF-8
 */
export function detectCoverageFormat(head: string): CoverageFormat | null {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('<')) return detectXml(text);
  if (text.startsWith('{')) return detectJson(text);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  // `go test -coverprofile` always starts with the mode line.
  if (/^mode: (set|count|atomic)\s*$/.test(firstLine)) return 'go';
  // geninfo, c8, coverage.py and lcov 2.x all open with one of these records.
  if (/^(TN|SF|VER):/.test(firstLine)) return 'lcov';
  return null;
}

function detectXml(text: string): CoverageFormat | null {
  const root = findRootElement(text);
  if (root === null) return null;
  if (root.name === 'report') return 'jacoco';
  if (root.name !== 'coverage') return null;
  // Both Cobertura and Clover call their root <coverage>. Clover's carries `clover=` (or at
  // least `generated=`) and opens a <project>; Cobertura's carries rates and <sources>/<packages>.
  if (/\bclover\s*=/.test(root.attributes)) return 'clover';
  if (/\b(line-rate|lines-valid)\s*=/.test(root.attributes)) return 'cobertura';
  const rest = text.slice(root.end);
  const child = /<(project|sources|packages)\b/.exec(rest);
  if (child?.[1] === 'project') return 'clover';
  if (child) return 'cobertura';
  return /\bgenerated\s*=/.test(root.attributes) ? 'clover' : null;
}

/** Skips the XML declaration, comments, processing instructions and DOCTYPE. */
function findRootElement(text: string): { name: string; attributes: string; end: number } | null {
  let at = 0;
  for (;;) {
    while (at < text.length && /\s/.test(text[at] ?? '')) at++;
    if (text.startsWith('<?', at)) at = endOf(text, '?>', at);
    else if (text.startsWith('<!--', at)) at = endOf(text, '-->', at);
    else if (text.startsWith('<!DOCTYPE', at)) at = endOfDoctype(text, at);
    else break;
    if (at < 0) return null;
  }
  const match = /^<([A-Za-z_][\w.:-]*)([^>]*)/.exec(text.slice(at, at + 4096));
  if (!match) return null;
  return { name: match[1] ?? '', attributes: match[2] ?? '', end: at + match[0].length };
}

function endOf(text: string, terminator: string, from: number): number {
  const found = text.indexOf(terminator, from);
  return found < 0 ? -1 : found + terminator.length;
}

function endOfDoctype(text: string, from: number): number {
  // An internal subset `[...]` may contain `>`; skip past it first.
  const bracket = text.indexOf('[', from);
  const close = text.indexOf('>', from);
  if (bracket >= 0 && close > bracket) return endOf(text, ']>', bracket);
  return close < 0 ? -1 : close + 1;
}

function detectJson(text: string): CoverageFormat | null {
  // coverage.py's `coverage json` writes "meta" first; Istanbul's json-summary writes
  // "total" first; coverage-final.json is keyed by file, each value opening with its
  // statementMap.
  if (/^\{\s*"meta"\s*:\s*\{/.test(text)) return 'coveragepy-json';
  if (/^\{\s*"total"\s*:\s*\{\s*"(lines|statements|functions|branches)"\s*:/.test(text)) {
    return 'istanbul-summary';
  }
  if (/"statementMap"\s*:\s*\{/.test(text)) return 'istanbul-final';
  return null;
}
