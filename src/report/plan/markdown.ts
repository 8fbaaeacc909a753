/**
 * Markdown: a title, the capacity and outcome, the planned items as a GFM table (cells
 * escaped), what was left out and why, then the warnings and notes. Byte-identical for the
 * same inputs, fit for a sprint-planning page or a PR comment.
 */
import { escapeText } from '../renderers/markdown.js';
import { formatScore } from '../format.js';
import {
  describeOutcome,
  describePlanScope,
  describeReason,
  describeUse,
  formatDays,
  STAGE_RULES,
} from './cells.js';
import type { PlanRenderer } from './index.js';

const line = (cells: string[]) => `| ${cells.join(' | ')} |`;

export const renderPlanMarkdown: PlanRenderer = (plan) => {
  const blocks = [
    `# ${escapeText(`Sprint plan: ${plan.project}`)}`,
    // Table rows cannot wrap at 80 columns, and GitHub renders long lines fine: markdownlint's
    // line-length rule is off for the document, as in the audit's markdown.
    '<!-- markdownlint-disable MD013 -->',
    escapeText(describePlanScope(plan)),
    [escapeText(describeUse(plan)), escapeText(describeOutcome(plan))]
      .map((text) => `- ${text}`)
      .join('\n'),
    '## Planned',
  ];
  if (plan.planned.length === 0) {
    blocks.push('No item fits the capacity.');
  } else {
    blocks.push(
      [
        line(['#', 'Stage', 'ID', 'Title', 'Effort', 'Cumulative', 'Score', 'WSJF']),
        line(['---:', '---:', '---', '---', '---:', '---:', '---:', '---:']),
        ...plan.planned.map((p, i) =>
          line([
            String(i + 1),
            String(p.stage),
            escapeText(p.id),
            escapeText(p.title),
            formatDays(p.effort),
            formatDays(p.cumulative),
            formatScore(p.score),
            formatScore(p.wsjf),
          ]),
        ),
      ].join('\n'),
    );
  }
  blocks.push([STAGE_RULES[1], STAGE_RULES[2]].map((rule) => `- ${escapeText(rule)}`).join('\n'));
  if (plan.doesNotFit.length > 0) {
    blocks.push(
      '## Not this sprint',
      plan.doesNotFit
        .map(
          (u) =>
            `- ${escapeText(u.id)} (stage ${u.stage}, ${formatDays(u.effort)}, score ` +
            `${formatScore(u.score)}): ${escapeText(describeReason(u, plan))}`,
        )
        .join('\n'),
    );
  }
  if (plan.unestimated.length > 0) {
    blocks.push(
      '## Needs an estimate',
      plan.unestimated
        .map(
          (u) =>
            `- ${escapeText(u.id)} (stage ${u.stage}, score ${formatScore(u.score)}): ` +
            escapeText(u.title),
        )
        .join('\n'),
    );
  }
  if (plan.warnings.length > 0) {
    blocks.push('## Warnings', plan.warnings.map((w) => `- ${escapeText(w.message)}`).join('\n'));
  }
  if (plan.notes.length > 0) {
    blocks.push('## Notes', plan.notes.map((n) => `- ${escapeText(n.message)}`).join('\n'));
  }
  return `${blocks.join('\n\n')}\n`;
};
