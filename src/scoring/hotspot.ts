/**
 * The hotspot ranking of `mldebt scan`, pure: per-file facts in, ranked rows out. Nothing here
 * reads files, git or the clock.
 *
 * **Hotspot score** = fix commits × (1 + uncovered share) × (1 + 0.5 × config finding kinds),
 * one decimal. Fix commits are the failure fixes of the window (the audit's rule). The
 * uncovered share is 1 − covered / coverable over the row's files the coverage reports list;
 * 1 when the reports list none of them although they cover their language (untested); 0 when
 * coverage was not measured (no report, or a language no report covers): a missing
 * measurement never weighs. Config finding kinds are the distinct kinds (drift, secret,
 * stale, unversioned) found on the row's files. Order: score desc, then commits desc, then
 * path asc.
 *
 * A **hotspot** is a file with at least one failure fix commit in the window; **undeclared**
 * means no inventory item's globs select it (without an inventory, every file).
 *
 * **Grouping**: a directory (not the root) is shown as one row instead of its files when at
 * least 2 of its direct files are undeclared hotspots, they are more than half of its direct
 * files, and no inventory item selects any of its direct files (a row never hides a declared
 * file). Its figures count each commit once however many of its files it touched.
 */
import { RISK_RAISING_CONFIG_KINDS } from './score.js';
import type { ConfigFinding, PracticeFinding } from '../model/index.js';
import type { ScanCoverage, ScanRow } from '../model/scan.js';
import { roundToTenth } from '../util/numbers.js';
import { compareText } from '../util/text.js';

/** Git figures of a file or of a directory's direct files, over the window. */
export interface HotspotGit {
  commits: number;
  fixCommits: number;
  authors: number;
  /** `null` when churn was not measured. */
  churn: number | null;
  lastChange: string | null;
}

/** One file's coverage as the reports give it. */
export type FileCoverageFact =
  | { kind: 'measured'; covered: number; coverable: number }
  /** A source file of a language the reports cover, listed in none of them. */
  | { kind: 'untested' };

export interface HotspotInput {
  /** Every file scanned (tracked at HEAD, or on disk outside git). */
  files: readonly string[];
  /**
   * Git figures per file and per directory (direct files only, no trailing slash); `null`
   * when history was not measured. A file or directory absent from its map had no commit.
   */
  git: {
    files: ReadonlyMap<string, HotspotGit>;
    directories: ReadonlyMap<string, HotspotGit>;
  } | null;
  /**
   * Per file, its coverage; a file absent from the map is not measured (no source file, or a
   * language no report covers). `null` when no coverage report was given.
   */
  coverage: ReadonlyMap<string, FileCoverageFact> | null;
  /** Per file, the ids of the inventory items selecting it; absent: none (or no inventory). */
  declaredBy: ReadonlyMap<string, readonly string[]>;
  /**
   * Per file, the config findings on it (src/signals/config). `undefined`: config files were
   * not examined, and rows carry `configFindings: null` and no config weight.
   */
  configFindings?: ReadonlyMap<string, readonly ConfigFinding[]>;
  /**
   * Per file, the ML practice findings on it. `undefined`: not examined, and rows carry
   * `practiceFindings: null`. They weigh nothing in the hotspot score (a hotspot is about
   * failures); they are shown beside it.
   */
  practiceFindings?: ReadonlyMap<string, readonly PracticeFinding[]>;
  /**
   * Files of {@link files} git does not track (unversioned config files): they have no history
   * to measure (git figures null, never 0) and are never grouped into a directory row.
   */
  untracked?: ReadonlySet<string>;
}

/** Minimum undeclared hotspots among a directory's direct files for it to be grouped. */
export const GROUP_MIN_HOTSPOTS = 2;

const NO_GIT: HotspotGit = { commits: 0, fixCommits: 0, authors: 0, churn: 0, lastChange: null };

/** The hotspot score of a row; see the module comment. */
export function hotspotScore(
  fixCommits: number,
  uncoveredShare: number,
  configKinds: number,
): number {
  return roundToTenth(fixCommits * (1 + uncoveredShare) * (1 + 0.5 * configKinds));
}

/** The share of a row's code no test covers, as the score weighs it (see the module comment). */
export function uncoveredShare(coverage: ScanCoverage | null): number {
  if (coverage === null) return 0;
  if (coverage.coverable > 0) return 1 - coverage.covered / coverage.coverable;
  return coverage.untestedFiles > 0 ? 1 : 0;
}

/** Coverage of a set of files, summed; null when none of them is measured or untested. */
export function coverageOfFiles(
  coverage: ReadonlyMap<string, FileCoverageFact> | null,
  files: readonly string[],
): ScanCoverage | null {
  if (coverage === null) return null;
  let covered = 0;
  let coverable = 0;
  let measuredFiles = 0;
  let untestedFiles = 0;
  for (const file of files) {
    const fact = coverage.get(file);
    if (fact === undefined) continue;
    if (fact.kind === 'untested') {
      untestedFiles++;
      continue;
    }
    measuredFiles++;
    covered += fact.covered;
    coverable += fact.coverable;
  }
  if (measuredFiles === 0 && untestedFiles === 0) return null;
  return {
    covered,
    coverable,
    percent: coverable === 0 ? null : roundToTenth((100 * covered) / coverable),
    untestedFiles,
    measuredFiles,
  };
}

/** Ranks every file (and grouped directory) by hotspot score. */
export function rankHotspots(input: HotspotInput): ScanRow[] {
  const fileRows = new Map<string, ScanRow>();
  for (const path of input.files) {
    const git =
      input.git === null || input.untracked?.has(path)
        ? null
        : (input.git.files.get(path) ?? NO_GIT);
    fileRows.set(path, makeRow(input, 'file', path, [path], git));
  }

  // Directories and their direct (tracked) files.
  const byDirectory = new Map<string, string[]>();
  for (const path of input.files) {
    if (input.untracked?.has(path)) continue;
    const slash = path.lastIndexOf('/');
    if (slash === -1) continue;
    const directory = path.slice(0, slash);
    const list = byDirectory.get(directory);
    if (list) list.push(path);
    else byDirectory.set(directory, [path]);
  }

  const rows: ScanRow[] = [];
  const grouped = new Set<string>();
  for (const [directory, files] of byDirectory) {
    const members = files.map((f) => fileRows.get(f)!);
    const undeclaredHot = members.filter((r) => r.hotspot && r.undeclared).length;
    const anyDeclared = members.some((r) => !r.undeclared);
    if (anyDeclared || undeclaredHot < GROUP_MIN_HOTSPOTS || undeclaredHot * 2 <= files.length) {
      continue;
    }
    const git = input.git === null ? null : (input.git.directories.get(directory) ?? NO_GIT);
    const row = makeRow(input, 'directory', `${directory}/`, files, git);
    row.hottestFile = [...members].sort(compareRows)[0]!.path;
    rows.push(row);
    for (const f of files) grouped.add(f);
  }
  for (const [path, row] of fileRows) if (!grouped.has(path)) rows.push(row);

  rows.sort(compareRows);
  rows.forEach((row, i) => (row.rank = i + 1));
  return rows;
}

function makeRow(
  input: HotspotInput,
  kind: ScanRow['kind'],
  path: string,
  files: readonly string[],
  git: HotspotGit | null,
): ScanRow {
  const sorted = [...files].sort(compareText);
  const items = [...new Set(sorted.flatMap((f) => input.declaredBy.get(f) ?? []))].sort(
    compareText,
  );
  const coverage = coverageOfFiles(input.coverage, sorted);
  const findings = input.configFindings
    ? sorted.flatMap((f) => input.configFindings!.get(f) ?? [])
    : null;
  // Kinds that are debt: a file that does not parse is shown, and weighs nothing (as in risk).
  const kinds = new Set(
    (findings ?? []).map((f) => f.kind).filter((k) => RISK_RAISING_CONFIG_KINDS.has(k)),
  ).size;
  const fixes = git?.fixCommits ?? 0;
  return {
    rank: 0,
    kind,
    path,
    files: sorted,
    commits: git?.commits ?? null,
    fixCommits: git?.fixCommits ?? null,
    authors: git?.authors ?? null,
    churn: git?.churn ?? null,
    lastChange: git?.lastChange ?? null,
    coverage,
    configFindings: findings,
    practiceFindings: input.practiceFindings
      ? sorted.flatMap((f) => input.practiceFindings!.get(f) ?? [])
      : null,
    undeclared: items.length === 0,
    items,
    hotspot: fixes > 0,
    score: hotspotScore(fixes, uncoveredShare(coverage), kinds),
    hottestFile: path,
  };
}

/** Score desc, then commits desc, then path asc. */
function compareRows(a: ScanRow, b: ScanRow): number {
  return b.score - a.score || (b.commits ?? 0) - (a.commits ?? 0) || compareText(a.path, b.path);
}
