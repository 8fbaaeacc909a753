/**
 * The default terminal view: a header with the window and totals, the ranked table, and a
 * footer with every warning. Colors only when the CLI says so (TTY, no NO_COLOR).
 */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { deltaOf, describeDelta, formatDelta } from '../delta.js';
import { summarizeEvidence } from '../evidence-summary.js';
import type { Report } from '../../model/index.js';
import { formatAmount, formatScore, ownerLabel, shownItems, type Renderer } from '../format.js';
import { plural } from '../../util/text.js';

/** Titles longer than this are cut even on a wide terminal: the table is a summary. */
const TITLE_WIDTH = 42;
/** How narrow the two flexible columns may get when the terminal is narrow. */
const MIN_TITLE = 16;
const MIN_EVIDENCE = 20;

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function truncate(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, Math.max(1, width - 1))}…` : text;
}

/** Columns a narrow terminal drops, first to last, once the flexible ones are at their minimum. */
const DROPPABLE = ['WSJF', 'Category', 'Owner'];

/**
 * Which columns to show and how wide (content only). Titles are capped at
 * {@link TITLE_WIDTH}; with a terminal width, the layout starts from the flexible columns'
 * minimums, drops {@link DROPPABLE} columns until it fits, then widens evidence and title
 * into the room left. Best effort: a very narrow terminal still wraps. A column costs 3
 * characters besides its content (padding and a border), the table one more.
 */
export function layoutColumns(
  head: string[],
  rows: string[][],
  terminalWidth: number | undefined,
): { visible: number[]; widths: number[] } {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const title = head.indexOf('Title');
  const evidence = head.indexOf('Evidence');
  widths[title] = Math.min(widths[title]!, TITLE_WIDTH);
  let visible = head.map((_, i) => i);
  if (terminalWidth === undefined) return { visible, widths };
  const cost = (ws: number[]) => visible.reduce((sum, i) => sum + ws[i]! + 3, 1);
  const natural = [...widths];
  widths[evidence] = Math.min(MIN_EVIDENCE, natural[evidence]!);
  widths[title] = Math.min(MIN_TITLE, natural[title]!);
  // Drop columns until the narrowest layout fits, then give the room back to the flexible
  // columns: evidence first (it is what the table is for), then the title.
  for (const name of DROPPABLE) {
    if (cost(widths) <= terminalWidth) break;
    visible = visible.filter((i) => head[i] !== name);
  }
  for (const column of [evidence, title]) {
    const room = terminalWidth - cost(widths);
    if (room > 0) widths[column] = Math.min(natural[column]!, widths[column]! + room);
  }
  return { visible, widths };
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
      : ` · cost of delay ${formatAmount(report.totals.costOfDelayPerWeek)}/week`;
  lines.push(
    `${plural(report.totals.items, 'item')} ranked · total ${c.bold(formatScore(report.totals.score))}` +
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
  // Cells are plain text plus an optional paint, so widths are measured without ANSI codes
  // and a cell is truncated before it is colored.
  type Cell = { text: string; paint?: (s: string) => string };
  const rows: Cell[][] = items.map((item) => [
    { text: String(item.rank) },
    { text: item.id },
    { text: oneLine(item.title) },
    { text: item.category },
    item.owner === null ? { text: 'unowned', paint: c.dim } : { text: ownerLabel(item) },
    raised(c, item.risk.effective, item.risk.declared),
    raised(c, item.frequency.effective, item.frequency.declared ?? 1),
    raised(c, item.costOfDelay.effective, item.costOfDelay.declared ?? item.costOfDelay.effective),
    { text: formatScore(item.score), paint: c.bold },
    ...(showWsjf ? [{ text: item.wsjf === null ? '' : formatScore(item.wsjf) }] : []),
    { text: summarizeEvidence(item, report.window) },
    item.due === null
      ? { text: '' }
      : item.overdue
        ? { text: `${item.due} overdue`, paint: c.red }
        : { text: item.due },
    ...(withDelta ? [{ text: describeDelta(deltaOf(report, item.id)) }] : []),
  ]);
  const { visible, widths } = layoutColumns(
    head,
    rows.map((row) => row.map((cell) => cell.text)),
    options.width,
  );
  const table = new Table({
    head: visible.map((i) => c.bold(head[i]!)),
    style: { head: [], border: [], compact: true },
    wordWrap: false,
  });
  for (const row of rows) {
    table.push(
      visible.map((i) => {
        const cell = row[i]!;
        const text = truncate(cell.text, widths[i]!);
        return cell.paint ? cell.paint(text) : text;
      }),
    );
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
    lines.push(c.red(`gate: failed (${plural(report.gate.reasons.length, 'reason')})`));
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
function raised(
  c: InstanceType<typeof Chalk>,
  effective: number,
  declared: number,
): { text: string; paint?: (s: string) => string } {
  return effective > declared
    ? { text: String(effective), paint: c.yellow }
    : { text: String(effective) };
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
