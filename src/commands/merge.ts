/**
 * `merge`: the JSON reports of many repositories (`mldebt audit --format json`, one per
 * project, typically one CI job each) merged into one ranked portfolio. It reads only the
 * files it is given: it never clones, audits or schedules anything itself. Prints nothing.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';
import type { Portfolio } from '../model/portfolio.js';
import { mergeReports } from '../scoring/portfolio.js';
import { readFailure } from '../util/fs-errors.js';
import { VERSION } from '../version.js';
import { parseReportForMerge, type ReportFile } from './merge/parse-report.js';

export interface MergeOptions {
  /** The report files, as the user named them (relative to `cwd`). */
  files: string[];
  cwd: string;
}

export interface MergeResult {
  portfolio: Portfolio;
  /** The reports as read, in the order given. */
  reports: ReportFile[];
}

/**
 * Reads, checks and merges the reports.
 *
 * @throws UserError naming the file when one cannot be read, is not JSON (with line:column),
 *   is not an mldebt report, has another schema version, was written with `--top`, repeats
 *   another's project, or was scored with other settings; or when no file is given.
 */
export async function merge(options: MergeOptions): Promise<MergeResult> {
  if (options.files.length === 0) {
    throw new UserError('merge needs at least one report: mldebt merge <report.json...>');
  }
  const given = new Map<string, string>();
  for (const file of options.files) {
    const absolute = resolve(options.cwd, file);
    const earlier = given.get(absolute);
    if (earlier !== undefined) {
      throw new UserError(`${file}: given twice (also as ${earlier}): name each report once`);
    }
    given.set(absolute, file);
  }
  const reports: ReportFile[] = [];
  for (const file of options.files) {
    reports.push(parseReportForMerge(await readReport(options.cwd, file), file));
  }
  return { portfolio: mergeReports(reports, VERSION), reports };
}

async function readReport(cwd: string, file: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw readFailure('report', file, error);
  }
}
