/**
 * Markdown: the portfolio's totals, a table of projects (items, score, cost of delay, own
 * gate), the ranked items with a project column, the totals by category and by owner, then
 * every report's warnings with their project. GitHub-flavoured, cells escaped, byte-identical
 * for the same reports, fit for a wiki page or `$GITHUB_STEP_SUMMARY`.
 */
import { escapeText } from '../renderers/markdown.js';
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
} from './cells.js';
import type { PortfolioRenderer } from './index.js';

const line = (cells: string[]) => `| ${cells.join(' | ')} |`;

export const renderPortfolioMarkdown: PortfolioRenderer = (portfolio, options) => {
  const blocks = [
    '# Technical debt portfolio',
    // Table rows cannot wrap at 80 columns, and GitHub renders long lines fine: markdownlint's
    // line-length rule is off for the document, as in the audit's markdown.
    '<!-- markdownlint-disable MD013 -->',
    [describeTotals(portfolio), describeGates(portfolio)]
      .map((text) => `- ${escapeText(text)}`)
      .join('\n'),
    '## Projects',
    [
      line(['Project', 'Items', 'Score', 'Cost of delay', 'Gate', 'Window', 'Report']),
      line(['---', '---:', '---:', '---:', '---', '---', '---']),
      ...portfolio.projects.map((p) =>
        line([
          escapeText(p.project),
          String(p.items),
          formatScore(p.score),
          escapeText(describeMoney(p.costOfDelayPerWeek)),
          escapeText(describeProjectGate(p)),
          escapeText(describeWindow(p)),
          escapeText(p.file),
        ]),
      ),
    ].join('\n'),
  ];
  const failed = portfolio.projects.filter((p) => !p.gate.passed);
  if (failed.length > 0) {
    blocks.push(
      failed
        .flatMap((p) =>
          p.gate.reasons.map((reason) => `- ${escapeText(`${p.project}: gate failed: ${reason}`)}`),
        )
        .join('\n'),
    );
  }
  blocks.push('## Ranked items');
  const items = shownPortfolioItems(portfolio, options);
  if (items.length === 0) {
    blocks.push('No open or in-progress items to rank in any project.');
  } else {
    blocks.push(
      [
        line(['#', 'Project', 'ID', 'Title', 'Category', 'Owner', 'R', 'F', 'C', 'Score', 'Due']),
        line(['---:', '---', '---', '---', '---', '---', '---:', '---:', '---:', '---:', '---']),
        ...items.map((item) =>
          line([
            String(item.rank),
            escapeText(item.project),
            escapeText(item.id),
            escapeText(item.title),
            escapeText(item.category),
            escapeText(ownerText(item)),
            String(item.risk),
            String(item.frequency),
            String(item.costOfDelay),
            formatScore(item.score),
            item.due === null ? '—' : escapeText(item.overdue ? `${item.due} (overdue)` : item.due),
          ]),
        ),
      ].join('\n'),
    );
  }
  const top = describeTop(portfolio, items.length);
  if (top !== null) blocks.push(escapeText(top));
  for (const [title, scores] of [
    ['By category', portfolio.totals.byCategory],
    ['By owner', portfolio.totals.byOwner],
  ] as const) {
    if (Object.keys(scores).length === 0) continue;
    blocks.push(
      `## ${title}`,
      [
        line([title === 'By owner' ? 'Owner' : 'Category', 'Score']),
        line(['---', '---:']),
        ...Object.entries(scores).map(([key, score]) =>
          line([escapeText(key), formatScore(score)]),
        ),
      ].join('\n'),
    );
  }
  if (portfolio.warnings.length > 0) {
    blocks.push(
      '## Warnings',
      portfolio.warnings
        .map((w) => `- ${escapeText(w.project)}: ${escapeText(w.message)}`)
        .join('\n'),
    );
  }
  return `${blocks.join('\n\n')}\n`;
};
