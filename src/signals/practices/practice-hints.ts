/**
 * The `no-tracking` and `no-validation` hints. Given a set of files (an item's files, or a
 * top-level directory's in `scan`): when some are training code and *no* file of the set
 * imports an experiment-tracking library, one `no-tracking` finding on the first training
 * file; the same for data-loading code and data-validation libraries. An import anywhere in
 * the set (a shared `logging_utils.py`, even a test) silences the hint for the whole set.
 *
 * These are hints drawn from what was not found, worded as facts about files ("no tracking
 * import … in 3 training files"), never about the team: tracking may be configured outside
 * the code (a framework's default logger, a wrapper script, a library not listed).
 */
import type { PracticeFinding } from '../../model/index.js';
import { compareText, plural } from '../../util/text.js';
import {
  DEFAULT_TRACKING_LIBRARIES,
  DEFAULT_VALIDATION_LIBRARIES,
  importedLibrary,
} from './practice-libraries.js';
import { isPythonPath, scanPythonFile, type PythonFileScan } from './scan-python.js';

export interface PracticeHintOptions {
  /** Module names whose import is evidence of experiment tracking (see practice-libraries.ts). */
  trackingLibraries: readonly string[];
  /** Module names whose import is evidence of data validation. */
  validationLibraries: readonly string[];
}

export const DEFAULT_PRACTICE_HINT_OPTIONS: Readonly<PracticeHintOptions> = {
  trackingLibraries: DEFAULT_TRACKING_LIBRARIES,
  validationLibraries: DEFAULT_VALIDATION_LIBRARIES,
};

/** A file's path and text, as the reader gives them. */
export interface PythonSource {
  path: string;
  text: string;
}

/**
 * The hints for one set of files: at most one `no-tracking` and one `no-validation`
 * finding, sorted by file. Files other than `.py` and `.ipynb` are ignored, and so is a
 * notebook that is not one (it can neither import nor train).
 */
export function findPracticeHints(
  files: readonly PythonSource[],
  options: Partial<PracticeHintOptions> = {},
): PracticeFinding[] {
  const scans: PythonFileScan[] = [];
  const { trackingLibraries, validationLibraries } = {
    ...DEFAULT_PRACTICE_HINT_OPTIONS,
    ...options,
  };
  const libraries = [...trackingLibraries, ...validationLibraries];
  for (const file of files) {
    const scan = isPythonPath(file.path)
      ? scanPythonFile(file.path, file.text, { libraries })
      : null;
    if (scan !== null) scans.push(scan);
  }
  return practiceHintsOf(scans, options);
}

/** {@link findPracticeHints} on files already scanned (scan once, group many times). */
export function practiceHintsOf(
  scans: readonly PythonFileScan[],
  options: Partial<PracticeHintOptions> = {},
): PracticeFinding[] {
  const { trackingLibraries, validationLibraries } = {
    ...DEFAULT_PRACTICE_HINT_OPTIONS,
    ...options,
  };
  const sorted = [...scans].sort((a, b) => compareText(a.path, b.path));
  const imports = sorted.flatMap((scan) => scan.imports);
  const findings: PracticeFinding[] = [];
  const training = sorted.filter((scan) => scan.roles.training).map((scan) => scan.path);
  if (training.length > 0 && importedLibrary(imports, trackingLibraries) === null) {
    findings.push(hint('no-tracking', 'tracking', trackingLibraries, training, 'training'));
  }
  const loading = sorted.filter((scan) => scan.roles.dataLoading).map((scan) => scan.path);
  if (loading.length > 0 && importedLibrary(imports, validationLibraries) === null) {
    findings.push(
      hint('no-validation', 'data-validation', validationLibraries, loading, 'data-loading'),
    );
  }
  return findings.sort((a, b) => compareText(a.file, b.file) || compareText(a.kind, b.kind));
}

/** `no tracking import (mlflow, wandb, …) in 3 training files under src/train/`. */
function hint(
  kind: 'no-tracking' | 'no-validation',
  what: string,
  libraries: readonly string[],
  files: readonly string[],
  role: string,
): PracticeFinding {
  const named = libraries.slice(0, 2).join(', ') + (libraries.length > 2 ? ', …' : '');
  const dir = commonDirectory(files);
  const where = dir === '' ? '' : ` under ${dir}`;
  return {
    kind,
    file: files[0]!,
    line: null,
    count: 1,
    detail: `no ${what} import (${named}) in ${plural(files.length, `${role} file`)}${where}`,
  };
}

/** The deepest directory holding every one of `paths`, with a trailing `/`; '' for the top. */
export function commonDirectory(paths: readonly string[]): string {
  let common: string[] | null = null;
  for (const path of paths) {
    const dirs = path.split('/').slice(0, -1);
    if (common === null) {
      common = dirs;
      continue;
    }
    let n = 0;
    while (n < common.length && n < dirs.length && common[n] === dirs[n]) n++;
    common = common.slice(0, n);
  }
  return common === null || common.length === 0 ? '' : `${common.join('/')}/`;
}

/**
 * `files` grouped by their first `depth` directories (`src/` for `src/train/a.py` at depth
 * 1), as `scan` sets its scopes; files with fewer directories form the group of the
 * directory they are in ('' for the top level). Groups sorted by scope, files kept in order.
 */
export function groupByScope<T extends { path: string }>(
  files: readonly T[],
  depth = 1,
): { scope: string; files: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const file of files) {
    const dirs = file.path.split('/').slice(0, -1).slice(0, Math.max(0, depth));
    const scope = dirs.length === 0 ? '' : `${dirs.join('/')}/`;
    const list = groups.get(scope) ?? [];
    list.push(file);
    groups.set(scope, list);
  }
  return [...groups.keys()]
    .sort(compareText)
    .map((scope) => ({ scope, files: groups.get(scope)! }));
}
