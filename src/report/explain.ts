/**
 * `mldebt explain <id>`: every number behind one item's score and where it came from —
 * declared values, each rule that raised a component, the fix commits by hash and subject,
 * incidents, coverage sources. Pure text from the Report.
 */
import type { NotRankedItem, Report, ScoredItem } from '../model/index.js';
import { formatFindingLocation } from './config-findings.js';
import { PRACTICE_RULES, practiceKindsOf } from './practice-findings.js';
import { listExtensions } from './evidence-summary.js';
import { formatScore, describeOwner } from './format.js';
import { describeChange } from './item-history.js';
import type { ItemHistory } from '../commands/explain.js';
import { plural } from '../util/text.js';
import { formatPercent } from '../util/numbers.js';

export function renderExplain(report: Report, item: ScoredItem, history?: ItemHistory): string {
  const out: string[] = [];
  const push = (line = '') => out.push(line);
  push(`${item.id}  ${item.title}`);
  push(
    `category ${item.category} · owner ${describeOwner(item)} · status ${item.status} · ` +
      `rank ${item.rank} of ${report.items.length}` +
      (item.due ? ` · due ${item.due}${item.overdue ? ' (overdue)' : ''}` : ''),
  );
  if (item.location)
    push(`declared at ${item.location.file}:${item.location.line}:${item.location.column}`);
  push();
  push(
    `score ${formatScore(item.score)} = R ${item.risk.effective} × F ${item.frequency.effective} × ` +
      `C ${item.costOfDelay.effective} × M ${item.multiplier}` +
      (item.wsjf !== null
        ? `   (WSJF ${formatScore(item.wsjf)} = score / ${item.effortDays}d effort)`
        : ''),
  );
  push();
  push(`Risk (R) ${item.risk.effective}: declared ${item.risk.declared}`);
  for (const r of item.risk.reasons) push(`  ${r}`);
  const f = item.frequency;
  push(
    `Frequency (F) ${f.effective}: declared ${f.declared ?? '-'}, observed ${f.observed ?? 'not measured'}`,
  );
  for (const r of f.reasons) push(`  ${r}`);
  const c = item.costOfDelay;
  const declaredC = c.money
    ? `money ${c.money.amount}/${c.money.per} (${c.money.perWeek}/week)`
    : `declared ${c.declared}`;
  push(`Cost of delay (C) ${c.effective}: ${declaredC}`);
  for (const r of c.reasons) push(`  ${r}`);
  const tags = Object.entries(item.multipliers).map(([tag, m]) => `${tag} ×${m}`);
  push(
    `Multiplier (M) ${item.multiplier}${tags.length ? `: ${tags.join(', ')}` : ': no weighted tags'}`,
  );
  push();

  push('Evidence');
  push(
    `  paths: ${item.paths.length ? item.paths.join(', ') : '(none declared: no repository evidence)'}`,
  );
  const git = item.signals.git;
  if (item.signals.deadGlobs.length > 0) {
    push(`  globs matching nothing: ${item.signals.deadGlobs.join(', ')}`);
  }
  const window = report.window ? `${report.window.since} → ${report.window.until}` : 'no window';
  if (git === null) {
    push(`  git: not measured (${item.signals.gitNotMeasured ?? 'see warnings'})`);
  } else {
    push(`  git, window ${window}:`);
    const shared =
      git.sharedFixCommits > 0 ? ` (${git.sharedFixCommits} shared with other items)` : '';
    push(
      `    ${plural(git.commits, 'commit')} · ${plural(git.fixCommits, 'fix commit')}${shared} · ` +
        `${plural(git.authors, 'author')} · churn ${git.churn === null ? 'not measured' : `${git.churn} lines`} · ` +
        `last change ${git.lastChange ?? 'never'} · ${plural(git.matchedFiles, 'file')} matched`,
    );
    if (git.hotFiles.length) {
      push('    hottest files:');
      for (const h of git.hotFiles)
        push(`      ${h.path} (${plural(h.commits, 'commit')}, ${plural(h.fixCommits, 'fix')})`);
    }
    if (git.fixes.length) {
      push('    fix commits:');
      for (const fix of git.fixes) push(`      ${fix.commit} ${fix.date} ${fix.subject}`);
      if (git.fixCommits > git.fixes.length)
        push(`      … ${git.fixCommits - git.fixes.length} more`);
    }
    const months = Object.entries(git.fixesByMonth);
    if (months.length)
      push(`    fixes by month: ${months.map(([m, n]) => `${m} ${n}`).join(' · ')}`);
  }
  if (item.incidents.length) {
    push('  incidents:');
    for (const i of item.incidents) {
      push(
        `    ${i.date}${i.ref ? ` ${i.ref}` : ''}${i.summary ? ` ${i.summary}` : ''} ` +
          `(${i.inWindow ? 'in window: counted' : 'outside the window: not counted'}` +
          `${i.source === 'inventory' ? '' : `; from ${i.source}`})`,
      );
    }
  }
  const cov = item.signals.coverage;
  if (cov === null) {
    push('  coverage: not measured (no coverage report given)');
  } else {
    const untested = new Set(cov.untestedFiles);
    const otherLanguage = cov.unmeasuredFiles.filter((f) => !untested.has(f));
    const relevant = cov.measuredFiles + cov.unmeasuredFiles.length;
    if (cov.percent === null && cov.unmeasuredFiles.length === 0) {
      push('  coverage: no source files among its files (nothing a coverage tool measures)');
    } else if (cov.measuredFiles === 0 && untested.size === 0) {
      push(`  coverage: not measured (no report covers ${listExtensions(otherLanguage)} files)`);
    } else {
      const pct = cov.percent === null ? 'no data' : formatPercent(cov.percent);
      const from =
        cov.measuredFiles < relevant
          ? ` from ${cov.measuredFiles} of ${plural(relevant, 'file')}`
          : '';
      push(`  coverage: ${pct} (${cov.covered}/${cov.coverable} lines)${from}`);
    }
    for (const s of cov.sources) push(`    from ${s.report}: ${s.files.join(', ')}`);
    if (untested.size) push(`    unmeasured (in no report): ${cov.untestedFiles.join(', ')}`);
    if (otherLanguage.length) {
      push(`    not measured (no report covers their language): ${otherLanguage.join(', ')}`);
    }
  }
  const config = item.signals.config;
  if (config === null) push('  config: not examined');
  else if (config.length === 0) push('  config: no findings');
  else for (const f of config) push(`  config ${f.kind}: ${formatFindingLocation(f)}: ${f.detail}`);
  const practices = item.signals.practices;
  if (practices === null) push('  practices: not examined');
  else if (practices.length === 0) push('  practices: no findings');
  else {
    for (const f of practices)
      push(`  practice ${f.kind}: ${formatFindingLocation(f)}: ${f.detail}`);
    for (const kind of practiceKindsOf(practices)) {
      push(`    ${kind}: why it matters: ${PRACTICE_RULES[kind].why}`);
      push(`    ${kind}: fix: ${PRACTICE_RULES[kind].fix}`);
    }
  }
  if (item.evidence) push(`  declared evidence: ${item.evidence.trim()}`);
  if (item.fix) push(`  proposed fix: ${item.fix.trim()}`);
  if (history !== undefined) {
    push();
    for (const line of renderHistory(history)) push(line);
  }
  const related = report.warnings.filter((w) => w.itemId === item.id);
  if (related.length) {
    push();
    for (const w of related) push(`warning: ${w.message}`);
  }
  return `${out.join('\n')}\n`;
}

/** For an item that is not ranked (accepted or resolved): say so rather than fail. */
export function renderNotRanked(item: NotRankedItem): string {
  return `${item.id}  ${item.title}\nstatus ${item.status}: not ranked, not scored (only open and in-progress items are)\n`;
}

/**
 * The score at each trend point (`—` where not ranked) and, between two points whose score
 * differs, why: fix commits or incidents entering or leaving the window, a due date passing.
 */
function renderHistory(history: ItemHistory): string[] {
  if (history.points === undefined)
    return [`Score over time: not available (${history.unavailable})`];
  const lines = ['Score over time (each point: audit --until that day, the inventory as it stood)'];
  history.points.forEach((point, i) => {
    const { item } = point;
    const figures =
      item === null
        ? '—  not ranked'
        : `${formatScore(item.score).padStart(5)}  R ${item.risk.effective} × F ${item.frequency.effective} × ` +
          `C ${item.costOfDelay.effective} × M ${item.multiplier}` +
          (item.frequency.events === null ? '' : ` · ${plural(item.frequency.events, 'event')}`);
    lines.push(`  ${point.date}  ${figures}`);
    const next = history.points[i + 1];
    if (next === undefined) return;
    const changed = (item?.score ?? null) !== (next.item?.score ?? null);
    const reasons = describeChange(point, next);
    if (changed || reasons.length > 0) {
      for (const reason of reasons) lines.push(`      ↳ ${reason}`);
    }
  });
  return lines;
}
