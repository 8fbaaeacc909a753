/**
 * The default terminal view: a header with the window and totals, the ranked table, and a
 * footer with every warning. Colors only when the CLI says so (TTY, no NO_COLOR).
 */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { deltaOf, describeDelta, formatDelta } from '../delta.js';
import { summarizeEvidence } from '../evidence-summary.js';
import type { Report } from '../model.js';
import { formatScore, shownItems, type Renderer } from '../render.js';

const TITLE_WIDTH = 42;

function truncate(text: string, width: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > width ? `${oneLine.slice(0, width - 1)}…` : oneLine;
}

export const renderTable: Renderer = (report, options) => {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const lines: string[] = [];
  lines.push(c.bold(`mldebt · ${report.project}`) + ` · ${describeScope(report)}`);
  const categories = Object.entries(report.totals.byCategory)
    .map(([name, score]) => `${name} ${formatScore(score)}`)
    .join(' · ');
  const money =
    report.totals.costOfDelayPerWeek === null
      ? ''
      : ` · cost of delay ${report.totals.costOfDelayPerWeek}/week`;
  lines.push(
    `${report.totals.items} item${report.totals.items === 1 ? '' : 's'} ranked · total ${c.bold(formatScore(report.totals.score))}` +
      (categories ? ` (${categories})` : '') +
      money,
  );

  const items = shownItems(report, options);
  const showWsjf = report.items.some((i) => i.wsjf !== null);
  const withDelta = report.baseline !== null;
  const head = [
    '#',
    'ID',
    'Title',
    'Category',
    'Owner',
    'R',
    'F',
    'C',
    'Score',
    ...(showWsjf ? ['WSJF'] : []),
    'Evidence',
    'Due',
    ...(withDelta ? ['Δ'] : []),
  ];
  const table = new Table({
    head: head.map((h) => c.bold(h)),
    style: { head: [], border: [], compact: true },
    wordWrap: false,
  });
  for (const item of items) {
    table.push([
      String(item.rank),
      item.id,
      truncate(item.title, TITLE_WIDTH),
      item.category,
      item.owner ?? c.dim('unowned'),
      raised(c, item.risk.effective, item.risk.declared),
      raised(c, item.frequency.effective, item.frequency.declared ?? 1),
      raised(
        c,
        item.costOfDelay.effective,
        item.costOfDelay.declared ?? item.costOfDelay.effective,
      ),
      c.bold(formatScore(item.score)),
      ...(showWsjf ? [item.wsjf === null ? '' : formatScore(item.wsjf)] : []),
      summarizeEvidence(item, report.window),
      item.due === null ? '' : item.overdue ? c.red(`${item.due} overdue`) : item.due,
      ...(withDelta ? [describeDelta(deltaOf(report, item.id))] : []),
    ]);
  }
  if (items.length > 0) lines.push(table.toString());
  else lines.push('no open or in-progress items to rank');
  if (items.length < report.items.length) {
    lines.push(c.dim(`… ${report.items.length - items.length} more (--top ${options.top})`));
  }
  if (report.baseline) {
    const resolved = report.baseline.items.filter((d) => d.status === 'resolved').map((d) => d.id);
    lines.push(
      `baseline ${report.baseline.file}: total ${formatScore(report.baseline.previousTotal)} → ` +
        `${formatScore(report.totals.score)} (${formatDelta(report.baseline.totalDelta)})` +
        (resolved.length ? ` · resolved since: ${resolved.join(', ')}` : ''),
    );
  }
  if (report.notRanked.length > 0) {
    lines.push(
      c.dim(`not ranked: ${report.notRanked.map((i) => `${i.id} (${i.status})`).join(', ')}`),
    );
  }
  for (const w of report.warnings) lines.push(c.yellow(`warning: ${w.message}`));
  for (const n of report.notes) lines.push(c.dim(`note: ${n.message}`));
  // The reasons themselves go to stderr (the CLI prints them); the table says the verdict.
  const { thresholds } = report.gate;
  if (!report.gate.passed) {
    lines.push(
      c.red(
        `gate: failed (${report.gate.reasons.length} reason${report.gate.reasons.length === 1 ? '' : 's'})`,
      ),
    );
  } else if (
    thresholds.failAbove !== null ||
    thresholds.failTotalAbove !== null ||
    thresholds.failOnIncrease
  ) {
    lines.push(c.green('gate: passed'));
  }
  return `${lines.join('\n')}\n`;
};

/** A component raised by evidence shows in yellow, so the eye finds what evidence changed. */
function raised(c: InstanceType<typeof Chalk>, effective: number, declared: number): string {
  return effective > declared ? c.yellow(String(effective)) : String(effective);
}

export function describeScope(report: Report): string {
  const parts: string[] = [];
  if (report.window) {
    parts.push(
      `window ${report.window.since} → ${report.window.until} (${Math.round(report.window.days)}d)`,
    );
  } else {
    parts.push('no window');
  }
  if (report.repository.head) parts.push(`HEAD ${report.repository.head.slice(0, 10)}`);
  return parts.join(' · ');
}
