/**
 * Markdown (GitHub-flavoured) for `DEBT.md`, PR comments and `$GITHUB_STEP_SUMMARY`.
 *
 * Layout: title, window/commit line, totals, summary by category, ranked table, items resolved
 * since the baseline, one section per item, reconciliation (when the inventory and the history
 * disagree), warnings and the gate.
 *
 * Constraints this file is built around:
 * - Byte-identical for the same Report: no clock, no locale-dependent formatting, every map
 *   iterated in a sorted order.
 * - markdownlint's default rules pass, except MD013 (line length), switched off by a comment
 *   after the title: table rows cannot wrap, and GitHub renders long lines fine. Hence also:
 *   no repeated sub-headings (MD024) — item details are lists; item headings drop trailing
 *   punctuation (MD026); user text is escaped so it can never become HTML (MD033), a bare
 *   link (MD034) or emphasis.
 * - GitHub rejects a step summary over 1 MiB, so per-item sections (then, in extreme cases,
 *   table rows) are dropped from the end with a note saying so; see {@link renderMarkdownWithin}.
 */
import type { Diagnostic, Report, ScoredItem } from '../../model/index.js';
import type { RenderOptions, Renderer } from '../format.js';
import { categoryRows, shareOf } from '../categories.js';
import { formatFindingLocation } from '../config-findings.js';
import { PRACTICE_RULES, practiceKindsOf } from '../practice-findings.js';
import { summarizeEvidence } from '../evidence-summary.js';
import { describeDelta, formatDelta } from '../delta.js';
import { describeReconciliation, RECONCILIATION_INTRO } from '../reconciliation.js';
import {
  describeCostOfDelay,
  describeCoverage,
  describeFrequency,
  describeGitActivity,
  describeMultiplier,
  describeRisk,
} from '../breakdown.js';
import {
  describeOwner,
  describeThresholds,
  formatAmount,
  formatFactor,
  formatScore,
  incidentSource,
  ownerLabel,
  shownItems,
} from '../format.js';
import { compareText, plural } from '../../util/text.js';

/** GitHub's limit for one step's `$GITHUB_STEP_SUMMARY` (1 MiB). */
export const GITHUB_STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024;

/** How many hot files, fix commits and unmeasured files an item section lists. */
const MAX_LISTED = 5;

/** Render the report as GitHub-flavoured markdown, within the step-summary limit. */
export const renderMarkdown: Renderer = (report, options) =>
  renderMarkdownWithin(report, options, GITHUB_STEP_SUMMARY_LIMIT_BYTES);

/**
 * Render the report in at most `maxBytes` UTF-8 bytes.
 *
 * What gives way first is the least needed: per-item sections, last-ranked first; only when
 * the document without any section is still too large, ranked-table rows, last first. A note
 * says what was left out. The title, totals, category summary, warnings and gate always stay.
 */
export function renderMarkdownWithin(
  report: Report,
  options: RenderOptions,
  maxBytes: number,
): string {
  const items = shownItems(report, options);
  const sections = items.map((item) => renderItemSection(item, report));
  const compose = (rows: number, sectionCount: number): string =>
    composeDocument(report, options, items, rows, sections, sectionCount);

  const full = compose(items.length, sections.length);
  if (byteLength(full) <= maxBytes) return full;

  // Each section adds its bytes plus a blank-line separator; the omission note only gets
  // shorter as fewer items are omitted, so sizing it for "all omitted" is safe.
  let size = byteLength(compose(items.length, 0));
  let kept = 0;
  while (kept < sections.length && size + byteLength(sections[kept]!) + 2 <= maxBytes) {
    size += byteLength(sections[kept]!) + 2;
    kept++;
  }
  if (kept > 0 || size <= maxBytes) return compose(items.length, kept);

  // Binary search for the most rows that fit: composing once per row would be quadratic.
  let fits = 0;
  let tooMany = items.length;
  while (tooMany - fits > 1) {
    const middle = Math.floor((fits + tooMany) / 2);
    if (byteLength(compose(middle, 0)) <= maxBytes) fits = middle;
    else tooMany = middle;
  }
  return compose(fits, 0);
}

function composeDocument(
  report: Report,
  options: RenderOptions,
  items: ScoredItem[],
  rows: number,
  sections: string[],
  sectionCount: number,
): string {
  const blocks: string[] = [
    `# Technical debt: ${headingText(report.project)}`,
    // Tables cannot wrap at 80 columns; see the file comment.
    '<!-- markdownlint-disable MD013 -->',
    renderRunLine(report),
    renderTotalsLine(report),
    ...renderBaselineLine(report),
    '## Summary by category',
    renderCategoryTable(report),
    '## Ranked items',
    ...renderShownNote(report, options, items.length, rows),
    ...(rows > 0 ? [renderRankedTable(report, items.slice(0, rows))] : []),
    ...renderResolved(report),
    ...sections.slice(0, sectionCount),
    ...renderOmittedSections(items.length, sectionCount),
    ...renderReconciliation(report),
    ...renderWarnings(report),
  ];
  return `${blocks.join('\n\n')}\n`;
}

/** Window and commit: what the report describes. Never a wall-clock time. */
function renderRunLine(report: Report): string {
  const window = report.window
    ? `${report.window.since} → ${report.window.until} (${report.window.days} days)`
    : 'none (no commit to anchor it)';
  const head = report.repository.head ? code(report.repository.head.slice(0, 7)) : 'none';
  return `Window ${window} · commit ${head} · inventory ${code(report.inventory)}`;
}

function renderTotalsLine(report: Report): string {
  const { totals } = report;
  const parts = [
    `Total score **${formatScore(totals.score)}** over ${plural(totals.items, 'ranked item')}`,
  ];
  if (totals.costOfDelayPerWeek !== null) {
    parts.push(`cost of delay ${formatAmount(totals.costOfDelayPerWeek)} per week`);
  }
  parts.push(`gate **${report.gate.passed ? 'passed' : 'failed'}**`);
  const notRanked = [...report.notRanked]
    .sort((a, b) => compareText(a.id, b.id))
    .map((item) => `${escapeText(item.id)} (${item.status})`);
  if (notRanked.length > 0) parts.push(`not ranked: ${notRanked.join(', ')}`);
  return parts.join(' · ');
}

function renderBaselineLine(report: Report): string[] {
  const { baseline } = report;
  if (!baseline) return [];
  return [
    `Baseline ${code(baseline.file)}: total ${formatScore(baseline.previousTotal)} → ` +
      `${formatScore(report.totals.score)} (${formatDelta(baseline.totalDelta)})`,
  ];
}

function renderCategoryTable(report: Report): string {
  const rows = categoryRows(report).map((row) => [
    escapeText(row.category),
    String(row.items),
    formatScore(row.score),
    row.share,
  ]);
  rows.push([
    '**Total**',
    String(report.totals.items),
    `**${formatScore(report.totals.score)}**`,
    shareOf(report, report.totals.score),
  ]);
  return renderTable(
    [
      ['Category', 'left'],
      ['Items', 'right'],
      ['Score', 'right'],
      ['Share', 'right'],
    ],
    rows,
  );
}

function renderShownNote(
  report: Report,
  options: RenderOptions,
  shown: number,
  rows: number,
): string[] {
  const notes: string[] = [];
  if (report.items.length === 0) notes.push('No ranked items.');
  if (options.top !== undefined && shown < report.items.length) {
    notes.push(
      `Showing the top ${shown} of ${report.items.length} ranked items (${code(`--top ${options.top}`)}); ` +
        'totals and the gate cover all of them.',
    );
  }
  if (rows < shown) {
    notes.push(
      `The table lists the first ${rows} of ${shown} items to stay under GitHub's 1 MiB ` +
        `step-summary limit; ${code('--format json')} has every item.`,
    );
  }
  return notes;
}

function renderRankedTable(report: Report, items: ScoredItem[]): string {
  const withWsjf = items.some((item) => item.effortDays !== null);
  const deltas = new Map(report.baseline?.items.map((delta) => [delta.id, delta]));
  const columns: [string, Align][] = [
    ['#', 'right'],
    ['ID', 'left'],
    ['Title', 'left'],
    ['Category', 'left'],
    ['Owner', 'left'],
    ['R', 'right'],
    ['F', 'right'],
    ['C', 'right'],
    ['Score', 'right'],
    ...(withWsjf ? [['WSJF', 'right'] as [string, Align]] : []),
    ['Evidence', 'left'],
    ['Due', 'left'],
    ...(report.baseline ? [['Δ', 'left'] as [string, Align]] : []),
  ];
  const rows = items.map((item) => [
    String(item.rank),
    escapeText(item.id),
    escapeText(item.title),
    escapeText(item.category),
    escapeText(ownerLabel(item)),
    String(item.risk.effective),
    String(item.frequency.effective),
    String(item.costOfDelay.effective),
    formatScore(item.score),
    ...(withWsjf ? [item.wsjf === null ? '—' : formatScore(item.wsjf)] : []),
    escapeText(summarizeEvidence(item, report.window)) || '—',
    item.due === null ? '—' : item.overdue ? `${item.due} (overdue)` : item.due,
    ...(report.baseline ? [escapeText(describeDelta(deltas.get(item.id)))] : []),
  ]);
  return renderTable(columns, rows);
}

function renderResolved(report: Report): string[] {
  const resolved = report.baseline?.items.filter((delta) => delta.status === 'resolved') ?? [];
  if (resolved.length === 0) return [];
  return [
    '## Resolved since the baseline',
    resolved
      .map(
        (delta) =>
          `- ${escapeText(delta.id)}, score ${formatScore(delta.previous ?? 0)} in ` +
          code(report.baseline!.file),
      )
      .join('\n'),
  ];
}

function renderOmittedSections(shown: number, kept: number): string[] {
  if (kept >= shown) return [];
  return [
    `Sections for ${plural(shown - kept, 'more item')} ${shown - kept === 1 ? 'is' : 'are'} ` +
      `omitted to stay under GitHub's 1 MiB ` +
      `step-summary limit; ${code('mldebt explain <id>')} or ${code('--format json')} shows them.`,
  ];
}

/** `## 1. DATA-001 — title`, then the score breakdown and the evidence as lists. */
function renderItemSection(item: ScoredItem, report: Report): string {
  const heading = `## ${item.rank}. ${escapeText(item.id)} — ${headingText(item.title)}`;
  const formula =
    `Score **${formatScore(item.score)}** = R ${item.risk.effective} × F ${item.frequency.effective}` +
    ` × C ${item.costOfDelay.effective} × M ${formatFactor(item.multiplier)}` +
    (item.wsjf !== null && item.effortDays !== null
      ? ` · WSJF ${formatScore(item.wsjf)} (effort ${formatFactor(item.effortDays)}d)`
      : '');
  const facts = [
    ...renderBreakdown(item),
    `- Owner: ${escapeText(describeOwner(item))}`,
    `- Status: ${item.status}`,
    `- Due: ${item.due === null ? 'none' : item.overdue ? `${item.due} (overdue)` : item.due}`,
    ...(item.created ? [`- Created: ${item.created}`] : []),
    ...(item.tags.length > 0 ? [`- Tags: ${item.tags.map(escapeText).join(', ')}`] : []),
    ...(item.paths.length > 0 ? [`- Paths: ${item.paths.map(code).join(', ')}`] : []),
  ];
  const evidence = [
    ...renderGitEvidence(item, report),
    ...renderCoverageEvidence(item),
    ...renderConfigEvidence(item),
    ...renderPracticeEvidence(item),
    ...renderIncidents(item),
    ...(item.evidence ? [`- Evidence notes: ${escapeText(item.evidence)}`] : []),
    ...(item.fix ? [`- Proposed fix: ${escapeText(item.fix)}`] : []),
  ];
  return [
    heading,
    formula,
    facts.join('\n'),
    `Evidence for ${escapeText(item.id)}:`,
    evidence.join('\n'),
  ].join('\n\n');
}

function renderBreakdown(item: ScoredItem): string[] {
  return [describeRisk, describeFrequency, describeCostOfDelay, describeMultiplier].map(
    (describe) => `- ${escapeText(describe(item))}`,
  );
}

function renderGitEvidence(item: ScoredItem, report: Report): string[] {
  const { git, gitNotMeasured, deadGlobs } = item.signals;
  const dead =
    deadGlobs.length > 0
      ? [`- **Globs matching nothing:** ${deadGlobs.map((g) => code(g)).join(', ')}`]
      : [];
  if (git === null) {
    return [`- Git: **not measured** (${escapeText(gitNotMeasured ?? 'see warnings')})`, ...dead];
  }
  const lines = [`- Git: ${escapeText(describeGitActivity(git, report.window))}`, ...dead];
  if (git.hotFiles.length > 0) {
    lines.push('- Hot files:');
    for (const file of git.hotFiles.slice(0, MAX_LISTED)) {
      lines.push(
        `  - ${code(file.path)}: ${plural(file.commits, 'commit')}, ${plural(file.fixCommits, 'fix', 'fixes')}`,
      );
    }
  }
  const months = Object.keys(git.fixesByMonth).sort(compareText);
  if (months.length > 0) {
    lines.push(`- Fixes by month: ${months.map((m) => `${m}: ${git.fixesByMonth[m]}`).join(', ')}`);
  }
  if (git.fixes.length > 0) {
    lines.push('- Fix commits:');
    for (const fix of git.fixes.slice(0, MAX_LISTED)) {
      lines.push(`  - ${code(fix.commit)} ${fix.date} ${escapeText(fix.subject)}`);
    }
    // fixCommits is the exact count; `fixes` lists only the newest 100.
    const unlisted = git.fixCommits - Math.min(git.fixes.length, MAX_LISTED);
    if (unlisted > 0) lines.push(`  - and ${unlisted} more`);
  }
  return lines;
}

function renderCoverageEvidence(item: ScoredItem): string[] {
  const { coverage } = item.signals;
  const unmeasured = coverage?.unmeasuredFiles ?? [];
  const listed = unmeasured.slice(0, MAX_LISTED).map(code).join(', ');
  const more = unmeasured.length > MAX_LISTED ? ` and ${unmeasured.length - MAX_LISTED} more` : '';
  const unmeasuredText = unmeasured.length > 0 ? `; unmeasured: ${listed}${more}` : '';
  return [`- Coverage: ${escapeText(describeCoverage(coverage))}${unmeasuredText}`];
}

function renderConfigEvidence(item: ScoredItem): string[] {
  const { config } = item.signals;
  if (config === null) return ['- Config findings: not examined'];
  if (config.length === 0) return ['- Config findings: none'];
  return [
    '- Config findings:',
    ...config.map(
      (finding) =>
        `  - ${finding.kind} in ${code(formatFindingLocation(finding))}: ${escapeText(finding.detail)}`,
    ),
  ];
}

function renderPracticeEvidence(item: ScoredItem): string[] {
  const { practices } = item.signals;
  if (practices === null) return ['- Practice findings: not examined'];
  if (practices.length === 0) return ['- Practice findings: none'];
  return [
    '- Practice findings:',
    ...practices.map(
      (finding) =>
        `  - ${finding.kind} in ${code(formatFindingLocation(finding))}: ${escapeText(finding.detail)}`,
    ),
    ...practiceKindsOf(practices).map(
      (kind) =>
        `  - ${kind}: ${escapeText(PRACTICE_RULES[kind].why)}. Fix: ${escapeText(PRACTICE_RULES[kind].fix)}`,
    ),
  ];
}

function renderIncidents(item: ScoredItem): string[] {
  if (item.incidents.length === 0) return [];
  return [
    '- Incidents:',
    ...item.incidents.map((incident) => {
      const ref = incident.ref ? ` ${escapeText(incident.ref)}` : '';
      const summary = incident.summary ? `: ${escapeText(incident.summary)}` : '';
      const source = incidentSource(incident);
      return `  - ${incident.date}${ref}${summary}${source ? ` (from ${escapeText(source)})` : ''}${incident.inWindow ? '' : ' (outside the window)'}`;
    }),
  ];
}

/** Where the inventory and the history disagree; absent when they agree (or git was not read). */
function renderReconciliation(report: Report): string[] {
  if (report.reconciliation.length === 0) return [];
  const rows = report.reconciliation.map((finding) => {
    const row = describeReconciliation(finding);
    return [
      escapeText(row.kind),
      row.subjectIsPath ? code(row.subject) : escapeText(row.subject),
      escapeText(row.evidence),
      renderAction(row.action),
    ];
  });
  return [
    '## Reconciliation',
    RECONCILIATION_INTRO,
    renderTable(
      [
        ['Finding', 'left'],
        ['Item or path', 'left'],
        ['Evidence', 'left'],
        ['What to do', 'left'],
      ],
      rows,
    ),
  ];
}

/** An action that may name a command in backticks: the command as code, the rest as text. */
function renderAction(action: string): string {
  const [before = '', command, after = ''] = action.split('`');
  if (command === undefined) return escapeText(action);
  return [escapeText(before), code(command), escapeText(after)].filter((p) => p !== '').join(' ');
}

/** Warnings, notes and the gate: what must never be cut. */
function renderWarnings(report: Report): string[] {
  const blocks = [
    '## Warnings',
    report.warnings.length === 0
      ? 'No warnings.'
      : report.warnings.map((warning) => `- ${describeDiagnostic(warning)}`).join('\n'),
  ];
  if (report.notes.length > 0) {
    blocks.push('Notes:', report.notes.map((note) => `- ${describeDiagnostic(note)}`).join('\n'));
  }
  const { gate } = report;
  const applied = describeThresholds(gate);
  blocks.push(
    `Gate: **${gate.passed ? 'passed' : 'failed'}** (${applied})${gate.reasons.length > 0 ? ':' : '.'}`,
  );
  if (gate.reasons.length > 0) {
    blocks.push(gate.reasons.map((reason) => `- ${escapeText(reason)}`).join('\n'));
  }
  return blocks;
}

/** `` `code` (DATA-001, debt.yaml:12:5): message `` */
function describeDiagnostic(diagnostic: Diagnostic): string {
  const where = [
    diagnostic.itemId ? escapeText(diagnostic.itemId) : null,
    diagnostic.location
      ? escapeText(
          `${diagnostic.location.file}:${diagnostic.location.line}:${diagnostic.location.column}`,
        )
      : null,
  ].filter((text) => text !== null);
  const context = where.length > 0 ? ` (${where.join(', ')})` : '';
  return `${code(diagnostic.code)}${context}: ${escapeText(diagnostic.message)}`;
}

type Align = 'left' | 'right';

/** A compact GFM table (`| a | b |`), the style markdownlint's MD060 accepts unaligned. */
function renderTable(columns: [string, Align][], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [
    line(columns.map(([name]) => name)),
    line(columns.map(([, align]) => (align === 'right' ? '---:' : '---'))),
    ...rows.map(line),
  ].join('\n');
}

/**
 * User text as inline markdown that renders literally: one line (whitespace runs collapsed,
 * control characters dropped); markdown punctuation backslash-escaped, `|` included so table
 * cells stay cells, and `<` so nothing becomes HTML; `_` only where it could start or end
 * emphasis (`merchant_id` stays readable), `&` only where it would start an entity; and `@`,
 * `://` and `www.` escaped so GitHub neither links nor @-mentions anything the inventory says.
 */
export function escapeText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\p{Cc}/gu, '')
    .trim()
    .replace(/[\\`*[\]|~$<@]/g, '\\$&')
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\_')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.');
}

/**
 * User text for a heading: escaped, without the trailing punctuation markdownlint's MD026
 * rejects (the table keeps the full title), and with a trailing ` #` escaped so it is text, not
 * an ATX closing sequence.
 */
function headingText(title: string): string {
  return escapeText(title)
    .replace(/[.,;:!。，；：！]+$/u, '')
    .replace(/(^|\s)(#+)$/, '$1\\$2');
}

/**
 * A code span for paths, hashes and flags, on one line, with a fence longer than any run of
 * backticks inside and, where the content starts or ends with one, the spaces CommonMark needs.
 */
export function code(text: string): string {
  const content = text.replace(/\s+/g, ' ').replace(/\p{Cc}/gu, '');
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = content.startsWith('`') || content.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
