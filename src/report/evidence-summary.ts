/**
 * The one-line evidence summary shared by the table and markdown: "9 fixes/180d · 3 authors ·
 * cov 23%". Unmeasured signals say so ("git not measured"), never print as zero.
 */
import type { CoverageSignal, ReportWindow, ScoredItem } from '../model/index.js';
import { plural } from '../util/text.js';
import { formatPercent } from '../util/numbers.js';
import { summarizeFindings } from './config-findings.js';
import { summarizePractices } from './practice-findings.js';

export function summarizeEvidence(item: ScoredItem, window: ReportWindow | null): string {
  const parts: string[] = [];
  const git = item.signals.git;
  if (item.paths.length === 0) {
    parts.push('no paths');
  } else if (git === null) {
    const why = item.signals.gitNotMeasured;
    parts.push(`git not measured${why ? ` (${why})` : ''}`);
  } else {
    const days = window ? `${Math.round(window.days)}d` : 'window';
    const shared = git.sharedFixCommits > 0 ? ` (${git.sharedFixCommits} shared)` : '';
    parts.push(`${plural(git.fixCommits, 'fix')}/${days}${shared}`);
    parts.push(plural(git.commits, 'commit'));
    parts.push(plural(git.authors, 'author'));
    // Some globs select files, others nothing: the figures rest on the first only.
    const dead = item.signals.deadGlobs;
    if (dead.length > 0) parts.push(`matches nothing: ${dead.join(', ')}`);
  }
  const incidents = item.incidents.filter((i) => i.inWindow).length;
  if (incidents > 0) parts.push(plural(incidents, 'incident'));
  const cov = item.signals.coverage;
  const coverage = cov === null ? null : summarizeCoverage(cov);
  if (coverage !== null) parts.push(coverage);
  const config = summarizeFindings(item);
  if (config !== null) parts.push(`config: ${config}`);
  const practices = summarizePractices(item);
  if (practices !== null) parts.push(`practice: ${practices}`);
  return parts.join(' · ');
}

/**
 * "cov 23%", with "· 1 of 7 files" when not all of the item's files a coverage tool would
 * measure are in a report; "cov not measured (.go)" when none is and no report covers
 * their language. Null when there is nothing to say (no source file: YAML, a Dockerfile).
 */
function summarizeCoverage(cov: CoverageSignal): string | null {
  if (cov.percent === null && cov.unmeasuredFiles.length === 0) return null;
  if (cov.measuredFiles === 0 && cov.untestedFiles.length === 0) {
    return `cov not measured (${listExtensions(cov.unmeasuredFiles)})`;
  }
  const value =
    cov.percent === null ? 'cov none' : `cov ${formatPercent(cov.percent, { whole: true })}`;
  const relevant = cov.measuredFiles + cov.unmeasuredFiles.length;
  if (cov.measuredFiles >= relevant) return value;
  return `${value} · ${cov.measuredFiles} of ${plural(relevant, 'file')}`;
}

/** `.go, .rs`: the distinct extensions of `files`, sorted. */
export function listExtensions(files: readonly string[]): string {
  const extensions = new Set<string>();
  for (const file of files) {
    const base = file.slice(file.lastIndexOf('/') + 1);
    const dot = base.lastIndexOf('.');
    if (dot > 0 && dot < base.length - 1) extensions.add(base.slice(dot).toLowerCase());
  }
  return [...extensions].sort().join(', ');
}
