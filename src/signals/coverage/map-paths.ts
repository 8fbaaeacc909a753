/**
 * Maps the paths a coverage report wrote onto repository files. Pure: it sees only strings
 * (the tracked files, the repository root, where the report sits), never the file system,
 * so every case is a unit test.
 *
 * Reports write paths every which way: absolute on the machine that ran the tests (often a
 * CI runner with another checkout path), relative to wherever the tool ran (the repository
 * root, a monorepo package), relative to a Cobertura `<source>`, with `./`, `..` or
 * Windows separators, or as a Go import path / Java package path. In order:
 *
 * 1. absolute under the repository root: strip the root;
 * 2. relative: try it against the report's directory and its parents, the working
 *    directory and its parents, then the root (nearest first: in a monorepo the package's
 *    own `src/a.js` beats the root's);
 * 3. last resort, suffix matching: the tracked file sharing the longest tail of path
 *    segments, if exactly one does; ambiguity maps nowhere rather than guessing.
 *
 * A path under the repository root that is not tracked (a build output, a vendored file)
 * maps nowhere: suffix matching would only find a look-alike.
 */
import { posix } from 'node:path';
import type { FileHits, RawCoverageReport, ReportSummary } from './types.js';

/** The tracked files, indexed for exact and suffix look-ups. Build once, share across reports. */
export interface RepoFileIndex {
  files: ReadonlySet<string>;
  byBasename: ReadonlyMap<string, readonly string[]>;
}

/** Where one report's relative paths may be relative to. */
export interface PathMappingContext {
  /** Absolute repository root(s), `/`-separated (the root as given and its real path). */
  repoRoots: string[];
  /** Repository-relative directories to try relative paths against, nearest first; `''` is the root. */
  bases: string[];
}

/** Indexes repo-relative posix paths of tracked files. */
export function indexRepoFiles(repoFiles: readonly string[]): RepoFileIndex {
  const byBasename = new Map<string, string[]>();
  for (const file of repoFiles) {
    const name = posix.basename(file);
    const list = byBasename.get(name);
    if (list) list.push(file);
    else byBasename.set(name, [file]);
  }
  return { files: new Set(repoFiles), byBasename };
}

/**
 * The repository file a report path denotes, or null when none does (or several could).
 *
 * @param sourceRoots Cobertura `<source>` roots the path may be relative to
 */
export function mapReportPath(
  index: RepoFileIndex,
  context: PathMappingContext,
  reportPath: string,
  sourceRoots: readonly string[] = [],
): string | null {
  const path = normalizeSeparators(reportPath);
  if (path.length === 0) return null;
  const candidates = isAbsolutePath(path)
    ? [path]
    : [...sourceRoots.map((root) => joinPath(normalizeSeparators(root), path)), path];

  let insideRepo = false;
  for (const candidate of unique(candidates)) {
    const result = resolveExactly(index, context, candidate);
    if (typeof result === 'string') return result;
    insideRepo ||= result === INSIDE_UNTRACKED;
  }
  if (insideRepo) return null;
  for (const candidate of unique(candidates)) {
    const found = matchBySuffix(index, candidate);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Turns Windows separators and `file://` URLs into plain `/` paths; collapses `//`. A
 * percent-escape that decodes to nothing (`%zz`, or `%C3` alone, which is no UTF-8
 * character) is kept as written, never an error: the path then maps as the literal text.
 */
export function normalizeSeparators(path: string): string {
  let text = path.trim().replace(/\\/g, '/');
  if (text.startsWith('file://')) {
    text = decodePercentEscapes(text.slice('file://'.length));
    // file:///C:/x -> C:/x
    if (/^\/[A-Za-z]:\//.test(text)) text = text.slice(1);
  }
  return text.replace(/\/{2,}/g, '/');
}

/** `decodeURIComponent`, except that escapes it cannot decode stay as they are. */
function decodePercentEscapes(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, decodeEscapeRun);
  }
}

/**
 * Decodes a run of `%XX` escapes one UTF-8 character at a time (one to four escapes);
 * an escape that starts no valid character is kept as written and decoding resumes after it.
 */
function decodeEscapeRun(run: string): string {
  let out = '';
  let at = 0;
  next: while (at < run.length) {
    for (let escapes = 4; escapes >= 1; escapes--) {
      const piece = run.slice(at, at + 3 * escapes);
      if (piece.length < 3 * escapes) continue;
      try {
        out += decodeURIComponent(piece);
        at += piece.length;
        continue next;
      } catch {
        // Not one whole character: try fewer escapes.
      }
    }
    out += run.slice(at, at + 3);
    at += 3;
  }
  return out;
}

/** Absolute on any platform the report may come from: `/x`, `C:/x` (after normalising). */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:\//.test(path);
}

const INSIDE_UNTRACKED = Symbol('inside-untracked');

function resolveExactly(
  index: RepoFileIndex,
  context: PathMappingContext,
  path: string,
): string | typeof INSIDE_UNTRACKED | null {
  if (isAbsolutePath(path)) {
    const relative = relativeToRoots(context.repoRoots, path);
    if (relative === null) return null;
    return index.files.has(relative) ? relative : INSIDE_UNTRACKED;
  }
  for (const base of context.bases) {
    const joined = posix.normalize(base ? `${base}/${path}` : path);
    if (joined === '..' || joined.startsWith('../')) continue;
    if (index.files.has(joined)) return joined;
  }
  return null;
}

function relativeToRoots(roots: readonly string[], path: string): string | null {
  const normalized = posix.normalize(path);
  for (const rawRoot of roots) {
    const root = posix.normalize(normalizeSeparators(rawRoot)).replace(/\/$/, '');
    // Drive letters and Windows paths compare case-insensitively, as the file system does.
    const windows = /^[A-Za-z]:\//.test(root);
    const head = normalized.slice(0, root.length + 1);
    const prefix = `${root}/`;
    if (windows ? head.toLowerCase() === prefix.toLowerCase() : head === prefix) {
      return normalized.slice(prefix.length);
    }
  }
  return null;
}

/**
 * The tracked file a foreign path most plausibly is, by common tail of path segments:
 *
 * - a tracked file whose *whole* path is a tail of `path` (the same layout in a checkout
 *   elsewhere) is taken first, the longest such one (`web/src/a.js` over `src/a.js` for
 *   `/ci/web/src/a.js`); two different files cannot both be whole tails of equal length;
 * - otherwise the one file sharing the longest tail, if that tail has at least two segments
 *   (a package path like `com/example/A.java` under `src/main/java/`) or `path` is a bare
 *   file name. A tie maps nowhere, and so does a lone shared base name under different
 *   directories: a guess would credit coverage to the wrong file.
 */
function matchBySuffix(index: RepoFileIndex, path: string): string | null {
  const segments = path
    .split('/')
    .filter((s) => s !== '' && s !== '.' && s !== '..' && !/^[A-Za-z]:$/.test(s));
  const name = segments[segments.length - 1];
  if (name === undefined) return null;
  const sameName = index.byBasename.get(name);
  if (!sameName) return null;

  let whole: string | null = null;
  let wholeLength = 0;
  let partial: string | null = null;
  let partialLength = 0;
  let partialTied = false;
  for (const file of sameName) {
    const fileSegments = file.split('/');
    const length = countCommonTail(fileSegments, segments);
    if (length === fileSegments.length) {
      if (length > wholeLength) {
        whole = file;
        wholeLength = length;
      }
    } else if (length > partialLength) {
      partial = file;
      partialLength = length;
      partialTied = false;
    } else if (length === partialLength) {
      partialTied = true;
    }
  }
  if (whole !== null) return whole;
  if (partial === null || partialTied) return null;
  return partialLength >= 2 || segments.length === 1 ? partial : null;
}

function countCommonTail(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

function joinPath(root: string, path: string): string {
  if (root === '' || root === '.') return path;
  return root.endsWith('/') ? `${root}${path}` : `${root}/${path}`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/**
 * The bases for a report: its directory and the directories above it, then the working
 * directory and those above it, then the root, each repository-relative; directories
 * outside the repository are skipped.
 *
 * @param reportDir the report's directory relative to the repository root (may start `..`)
 * @param cwd the working directory relative to the repository root (may start `..`)
 */
export function listBases(reportDir: string, cwd: string): string[] {
  const bases: string[] = [];
  for (const start of [reportDir, cwd]) {
    const dir = posix.normalize(normalizeSeparators(start));
    if (dir === '..' || dir.startsWith('../') || isAbsolutePath(dir)) continue;
    for (let at = dir === '.' ? '' : dir; at !== ''; at = parentOf(at)) {
      if (!bases.includes(at)) bases.push(at);
    }
  }
  bases.push('');
  return bases;
}

function parentOf(dir: string): string {
  const slash = dir.lastIndexOf('/');
  return slash < 0 ? '' : dir.slice(0, slash);
}

/** A report whose entries are keyed by repository path, and what could not be mapped. */
export interface MappedReport {
  summary: ReportSummary;
  /** Repository path -> hits; entries mapping to the same file are already combined. */
  files: Map<string, FileHits>;
}

/** How many unmapped report paths a summary lists by name (the count is always exact). */
export const UNMAPPED_LISTED = 20;

/** Maps every entry of a report onto repository files, combining entries that meet. */
export function mapCoverageReport(
  report: RawCoverageReport,
  index: RepoFileIndex,
  context: PathMappingContext,
): MappedReport {
  const files = new Map<string, FileHits>();
  const unmapped: string[] = [];
  for (const [reportPath, hits] of report.files) {
    const repoPath = mapReportPath(index, context, reportPath, report.sourceRoots);
    if (repoPath === null) unmapped.push(reportPath);
    else files.set(repoPath, combineHits(files.get(repoPath), hits));
  }
  unmapped.sort();
  return {
    summary: {
      file: report.file,
      format: report.format,
      entries: report.files.size,
      mapped: report.files.size - unmapped.length,
      unmapped: unmapped.slice(0, UNMAPPED_LISTED),
      unmappedCount: unmapped.length,
    },
    files,
  };
}

/**
 * Two entries of one report for the same file (`./src/a.js` and `/ci/src/a.js`): lines are
 * united, hits added; line data beats totals; of two totals the better-covered one stands.
 */
export function combineHits(previous: FileHits | undefined, next: FileHits): FileHits {
  if (previous === undefined) return next;
  if (previous.kind === 'lines' && next.kind === 'lines') {
    const lines = new Map(previous.lines);
    for (const [line, hits] of next.lines) lines.set(line, (lines.get(line) ?? 0) + hits);
    return { kind: 'lines', lines };
  }
  if (previous.kind === 'lines') return previous;
  if (next.kind === 'lines') return next;
  return next.covered > previous.covered ||
    (next.covered === previous.covered && next.coverable > previous.coverable)
    ? next
    : previous;
}
