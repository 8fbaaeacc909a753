/**
 * The ML practice detectors run together over a set of files: data and model files in git,
 * unpinned environments, and (over Python code) literal hyperparameters and the hints of
 * missing tracking or validation imports. The audit asks for its items' files, `scan` for
 * every tracked file; both get findings sorted by file, kind and line, and notes that say
 * what could not be read (never a file's content).
 */
import type { ResolvedPractices } from '../../inventory/settings.js';
import type { Diagnostic, PracticeFinding } from '../../model/index.js';
import { compareText } from '../../util/text.js';
import { collectDataFiles } from './collect-data-files.js';
import { collectUnpinnedDependencies } from './collect-unpinned.js';
import {
  DEFAULT_DATA_FILE_OPTIONS,
  dataFileClassifier,
  type DataFileOptions,
} from './data-file-kinds.js';
import type { GitDirectoryFacts } from '../git/repo.js';

export interface PracticeInput {
  root: string;
  /** The commit examined; null outside git or before the first commit (no data-file sizes). */
  head: string | null;
  env?: NodeJS.ProcessEnv;
  /** Every tracked file at HEAD (or on disk outside git), sorted: lock files are looked for among them. */
  files: readonly string[];
  /** The files findings are wanted on (an audit's items' files); null: every file. */
  selected: ReadonlySet<string> | null;
  settings: ResolvedPractices;
  /**
   * Whether Python scans and environment files' parses are read from and written to the warm
   * cache (`--no-cache`: false).
   */
  cache?: boolean;
  /** What git said of the repository as the run found it (where the cache may not go). */
  gitFacts?: GitDirectoryFacts;
}

export interface PracticeExamination {
  /** Findings on single files (not the hints, which depend on a set of files), sorted. */
  findings: PracticeFinding[];
  /** Files the detectors could not read (`path (reason)`), which give no finding. */
  unread: string[];
  /**
   * Said when files with a data or model extension could not be checked: without a commit
   * (outside git, or before the first commit) nothing is kept in git to size or to find
   * outside LFS and DVC. Null otherwise.
   */
  dataNotMeasured: Diagnostic | null;
}

/** The data-file rule's options from the settings. */
export function dataFileOptions(settings: ResolvedPractices): DataFileOptions {
  return {
    ...DEFAULT_DATA_FILE_OPTIONS,
    binaryExtensions: settings.dataExtensions ?? DEFAULT_DATA_FILE_OPTIONS.binaryExtensions,
    tabularMinBytes: settings.tabularMinBytes,
  };
}

/**
 * Examinations kept per listing of the repository's files (the same array for every context
 * of one run at one commit) and per selection: `trend`'s points ask git once, not once a point.
 */
const examinations = new WeakMap<readonly string[], Map<string, Promise<PracticeExamination>>>();

/** Runs the file-level detectors; see the module comment. */
export function examinePractices(input: PracticeInput): Promise<PracticeExamination> {
  let byKey = examinations.get(input.files);
  if (byKey === undefined) examinations.set(input.files, (byKey = new Map()));
  const key = [
    input.head ?? '',
    JSON.stringify(input.settings),
    ...(input.selected === null ? ['*'] : [...input.selected].sort()),
  ].join('\0');
  let examined = byKey.get(key);
  if (examined === undefined) byKey.set(key, (examined = examine(input)));
  return examined;
}

async function examine(input: PracticeInput): Promise<PracticeExamination> {
  const { root, head, env, files, selected } = input;
  const wanted = selected === null ? files : files.filter((f) => selected.has(f));
  const options = dataFileOptions(input.settings);
  const classify = dataFileClassifier(options);
  // Sizes come from git's tree listing: not asked for when no wanted file could be data.
  const mayHoldData = wanted.some((f) => classify(f) !== null);
  const [data, unpinned] = await Promise.all([
    mayHoldData
      ? collectDataFiles({ root, head, env, files: wanted }, options)
      : { findings: [], skipped: [] },
    collectUnpinnedDependencies({
      root,
      files,
      cache: input.cache,
      env,
      gitFacts: input.gitFacts,
    }),
  ]);
  const keep = (f: PracticeFinding) => selected === null || selected.has(f.file);
  const findings = sortPracticeFindings([...data.findings, ...unpinned.findings.filter(keep)]);
  const unread = [
    ...data.skipped.map((s) => `${s.path} (${s.reason})`),
    ...unpinned.skipped
      .filter((s) => selected === null || selected.has(s.file))
      .map((s) => `${s.file} (${s.reason})`),
  ];
  return {
    findings,
    unread,
    dataNotMeasured: mayHoldData && head === null ? DATA_NOT_MEASURED : null,
  };
}

export const DATA_NOT_MEASURED: Diagnostic = {
  code: 'data-files-not-measured',
  message:
    'data and model files are not checked without a commit to read (not a git repository, or ' +
    'no commit yet): whether git keeps them outside LFS and DVC is not measured',
};

const MAX_UNREAD_LISTED = 5;

/** One note for the files the detectors could not read, listed up to a few. */
export function describeUnread(unread: readonly string[]): Diagnostic {
  const listed = unread.slice(0, MAX_UNREAD_LISTED).join(', ');
  const more =
    unread.length > MAX_UNREAD_LISTED ? ` and ${unread.length - MAX_UNREAD_LISTED} more` : '';
  return {
    code: 'practice-files-unread',
    message: `ML practice checks could not read ${unread.length} file${unread.length === 1 ? '' : 's'}, which give no finding: ${listed}${more}`,
  };
}

/** By file, then kind, then line (a whole-file finding first). */
export function sortPracticeFindings(findings: PracticeFinding[]): PracticeFinding[] {
  return findings.sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      compareText(a.kind, b.kind) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      compareText(a.detail, b.detail),
  );
}
