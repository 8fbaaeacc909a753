/**
 * Coverage reports as evidence: read any supported report (format detected from
 * its content), map its paths onto tracked repository files, merge several reports, and
 * answer "how covered are this item's files".
 *
 * The I/O lives here and in the readers; path mapping (map-paths.ts) and merging (merge.ts)
 * are pure. Every way a report can be unusable — missing, unreadable, unknown, corrupt,
 * or describing none of the repository's files — is a UserError (exit 2), never 0%.
 */
import { open, realpath, stat } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { UserError } from '../../errors.js';
import type { Diagnostic } from '../../model/index.js';
import { readCloverReport } from './clover.js';
import { readCoberturaReport } from './cobertura.js';
import { readCoveragePyJsonReport } from './coveragepy-json.js';
import { DETECT_HEAD_BYTES, detectCoverageFormat } from './detect.js';
import { readGoProfileReport } from './go.js';
import { readIstanbulFinalReport, readIstanbulSummaryReport } from './istanbul.js';
import { readJacocoReport } from './jacoco.js';
import { readLcovReport } from './lcov.js';
import { indexRepoFiles, listBases, mapCoverageReport } from './map-paths.js';
import { createCoverageMerger } from './merge.js';
import { quotePath, type ReportSource } from './report-errors.js';
import type { CoverageFormat, CoverageIndex, RawCoverageReport } from './types.js';
import { readFailure } from '../../util/fs-errors.js';

export { detectCoverageFormat } from './detect.js';
export { coverageForFiles } from './merge.js';
export type * from './types.js';

/** One reader per format, by the format detected from a report's content. */
export const READERS: Record<CoverageFormat, (source: ReportSource) => Promise<RawCoverageReport>> =
  {
    lcov: readLcovReport,
    cobertura: readCoberturaReport,
    jacoco: readJacocoReport,
    clover: readCloverReport,
    'coveragepy-json': readCoveragePyJsonReport,
    'istanbul-final': readIstanbulFinalReport,
    'istanbul-summary': readIstanbulSummaryReport,
    go: readGoProfileReport,
  };

const SUPPORTED =
  'lcov, Cobertura/JaCoCo/Clover XML, coverage.py JSON, Istanbul coverage-final.json or coverage-summary.json, Go cover profile';

/**
 * Reads one coverage report, detecting its format from its content and streaming it.
 *
 * @param file the report's path, also used as its name in messages and results
 * @throws UserError when the file is missing, unreadable, of an unknown format or corrupt
 */
export async function readCoverageReport(file: string): Promise<RawCoverageReport> {
  return readReport({ path: file, name: file });
}

/**
 * Reads every report, maps its paths onto the repository's tracked files and merges them
 * (a line covered in any report is covered).
 *
 * @param reportFiles report paths as the user gave them, resolved against `opts.cwd`
 * @param opts.repoRoot the repository's top level
 * @param opts.repoFiles repository-relative posix paths of tracked files: what a report
 *   path may map to
 * @throws UserError for any unusable report, including one that maps to no repository file
 */
export async function collectCoverage(
  reportFiles: string[],
  opts: { cwd: string; repoRoot: string; repoFiles: string[] },
): Promise<CoverageIndex> {
  const repoRoot = resolve(opts.repoRoot);
  const repoRoots = [...new Set([repoRoot, await realpath(repoRoot).catch(() => repoRoot)])];
  const cwd = resolve(opts.cwd);
  const index = indexRepoFiles(opts.repoFiles);
  const merger = createCoverageMerger();
  const seen = new Set<string>();

  // One report at a time: its raw line maps are released once merged, so memory stays bounded by one report.
  for (const name of reportFiles) {
    const path = resolve(cwd, name);
    if (seen.has(path)) continue;
    seen.add(path);
    const report = await readReport({ path, name });
    const mapped = mapCoverageReport(report, index, {
      repoRoots,
      bases: listBases(toRepoRelative(repoRoot, dirname(path)), toRepoRelative(repoRoot, cwd)),
    });
    if (mapped.summary.mapped === 0) throw describeUnmappedReport(name, report, repoRoot);
    merger.add(mapped);
  }
  return merger.finish();
}

async function readReport(source: ReportSource): Promise<RawCoverageReport> {
  const format = await detectFormatOf(source);
  try {
    return await READERS[format](source);
  } catch (error) {
    throw readFailure('coverage report', source.name, error);
  }
}

async function detectFormatOf(source: ReportSource): Promise<CoverageFormat> {
  const head = await readHead(source);
  if (head.trim().length === 0) throw new UserError(`coverage report ${source.name} is empty`);
  const format = detectCoverageFormat(head);
  if (format === null) {
    throw new UserError(`unknown coverage report format: ${source.name} (expected ${SUPPORTED})`);
  }
  return format;
}

async function readHead(source: ReportSource): Promise<string> {
  try {
    const info = await stat(source.path);
    if (info.isDirectory()) {
      throw new UserError(`coverage report ${source.name} is a directory, not a file`);
    }
    // A pipe cannot be read twice (once to detect, once to parse).
    if (!info.isFile()) throw new UserError(`coverage report ${source.name} is not a regular file`);
    const handle = await open(source.path, 'r');
    try {
      const buffer = Buffer.alloc(DETECT_HEAD_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw readFailure('coverage report', source.name, error);
  }
}

function describeUnmappedReport(
  name: string,
  report: RawCoverageReport,
  repoRoot: string,
): UserError {
  const [first] = report.files.keys();
  if (first === undefined) {
    return new UserError(`coverage report ${name} (${report.format}) lists no source files`);
  }
  return new UserError(
    `coverage report ${name} (${report.format}): none of its ${report.files.size} file paths ` +
      `matches a file tracked in ${repoRoot} (first: "${quotePath(first)}")`,
  );
}

function toRepoRelative(repoRoot: string, path: string): string {
  return relative(repoRoot, path).split(sep).join('/');
}

/**
 * One warning per report whose entries partly match no repository file: how many, with up
 * to three of them (quoted printably), never dropped silently.
 */
export function describeUnmapped(index: CoverageIndex): Diagnostic[] {
  return index.reports
    .filter((r) => r.unmappedCount > 0)
    .map((r) => ({
      code: 'coverage-unmapped',
      message:
        `${r.file}: ${r.unmappedCount} of ${r.entries} file entries match no repository file ` +
        `(e.g. ${r.unmapped.slice(0, 3).map(quotePath).join(', ')}); their lines are not counted`,
    }));
}
