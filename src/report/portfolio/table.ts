/**
 * The terminal view of a portfolio: the totals and which projects failed their own gate, a
 * table of projects, the ranked items of every project with a project column, the totals by
 * category and owner, then every report's warnings with their project. Colors only when the
 * CLI says so.
 */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { formatScore } from '../format.js';
import {
  describeGates,
  describeMoney,
  describeProjectGate,
  describeTop,
  describeTotals,
  describeWindow,
  ownerText,
  shownPortfolioItems,
  warningLines,
} from './cells.js';
import type { PortfolioRenderer } from './index.js';

/** Titles are cut here: the table is a summary, markdown and JSON keep them whole. */
const TITLE_WIDTH = 42;

function shortTitle(title: string): string {
  const line = title.replace(/\s+/g, ' ').trim();
  return line.length > TITLE_WIDTH ? `${line.slice(0, TITLE_WIDTH - 1)}…` : line;
}

export const renderPortfolioTable: PortfolioRenderer = (portfolio, options) => {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const table = (head: string[]) =>
    new Table({
      head: head.map((h) => c.bold(h)),
      style: { head: [], border: [], compact: true },
      wordWrap: false,
    });
  const lines = [c.bold('mldebt portfolio') + ` · ${describeTotals(portfolio)}`];
  lines.push(
    portfolio.failedGates.length > 0 ? c.red(describeGates(portfolio)) : describeGates(portfolio),
  );

  const projects = table([
    'Project',
    'Items',
    'Score',
    'Cost of delay',
    'Gate',
    'Window',
    'Report',
  ]);
  for (const p of portfolio.projects) {
    const gate = describeProjectGate(p);
    projects.push([
      p.project,
      String(p.items),
      formatScore(p.score),
      describeMoney(p.costOfDelayPerWeek),
      p.gate.passed ? gate : c.red(gate),
      describeWindow(p),
      p.file,
    ]);
  }
  lines.push(projects.toString());

  const items = shownPortfolioItems(portfolio, options);
  if (items.length > 0) {
    const ranked = table([
      '#',
      'Project',
      'ID',
      'Title',
      'Category',
      'Owner',
      'R',
      'F',
      'C',
      'Score',
      'Due',
    ]);
    for (const item of items) {
      ranked.push([
        String(item.rank),
        item.project,
        item.id,
        shortTitle(item.title),
        item.category,
        item.owner === null ? c.dim(ownerText(item)) : ownerText(item),
        String(item.risk),
        String(item.frequency),
        String(item.costOfDelay),
        c.bold(formatScore(item.score)),
        item.due === null ? '' : item.overdue ? c.red(`${item.due} overdue`) : item.due,
      ]);
    }
    lines.push(ranked.toString());
  } else {
    lines.push('no open or in-progress items to rank in any project');
  }
  const top = describeTop(portfolio, items.length);
  if (top !== null) lines.push(c.dim(top));

  const byGroup = (name: string, scores: Record<string, number>) =>
    `by ${name}: ${Object.entries(scores)
      .map(([key, score]) => `${key} ${formatScore(score)}`)
      .join(' · ')}`;
  if (portfolio.items.length > 0) {
    lines.push(byGroup('category', portfolio.totals.byCategory));
    lines.push(byGroup('owner', portfolio.totals.byOwner));
  }
  for (const line of warningLines(portfolio)) lines.push(c.yellow(`warning: ${line}`));
  return `${lines.join('\n')}\n`;
};
