/**
 * The one-line evidence summary shared by the table and markdown: "9 fixes/180d · 3 authors ·
 * cov 23%". Unmeasured signals say so ("git not measured"), never print as zero.
 */
import type { ReportWindow, ScoredItem } from './model.js';

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
    parts.push(`${git.fixCommits} fix${git.fixCommits === 1 ? '' : 'es'}/${days}${shared}`);
    parts.push(`${git.commits} commit${git.commits === 1 ? '' : 's'}`);
    parts.push(`${git.authors} author${git.authors === 1 ? '' : 's'}`);
    // Some globs select files, others nothing: the figures rest on the first only.
    const dead = item.signals.deadGlobs;
    if (dead.length > 0) parts.push(`matches nothing: ${dead.join(', ')}`);
  }
  const incidents = item.incidents.filter((i) => i.inWindow).length;
  if (incidents > 0) parts.push(`${incidents} incident${incidents === 1 ? '' : 's'}`);
  const cov = item.signals.coverage;
  // No source file to measure (YAML, a Dockerfile): coverage says nothing, so neither does this.
  if (cov !== null && (cov.percent !== null || cov.unmeasuredFiles.length > 0)) {
    parts.push(cov.percent === null ? 'cov none' : `cov ${formatPercent(cov.percent)}`);
  }
  const config = item.signals.config;
  if (config && config.length > 0)
    parts.push(`${config.length} config finding${config.length === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

function formatPercent(percent: number): string {
  return `${Math.round(percent)}%`;
}
