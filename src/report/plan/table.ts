/**
 * The terminal view of a plan: the capacity and what the plan achieves, the planned items in
 * the order they were taken, then what was left out and why, and the audit's warnings.
 * Colors only when the CLI says so.
 */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
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

/** Titles are cut here: the table is a summary, markdown and JSON keep them whole. */
const TITLE_WIDTH = 48;

function shortTitle(title: string): string {
  const line = title.replace(/\s+/g, ' ').trim();
  return line.length > TITLE_WIDTH ? `${line.slice(0, TITLE_WIDTH - 1)}…` : line;
}

export const renderPlanTable: PlanRenderer = (plan, options) => {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const lines = [
    c.bold(`mldebt plan · ${plan.project}`) + ` · ${describePlanScope(plan)}`,
    describeUse(plan),
    describeOutcome(plan),
  ];
  if (plan.planned.length > 0) {
    const table = new Table({
      head: ['#', 'Stage', 'ID', 'Title', 'Effort', 'Cumulative', 'Score', 'WSJF'].map((h) =>
        c.bold(h),
      ),
      style: { head: [], border: [], compact: true },
      wordWrap: false,
    });
    plan.planned.forEach((p, i) => {
      table.push([
        String(i + 1),
        String(p.stage),
        p.id,
        shortTitle(p.title),
        formatDays(p.effort),
        formatDays(p.cumulative),
        c.bold(formatScore(p.score)),
        formatScore(p.wsjf),
      ]);
    });
    lines.push(table.toString());
  } else {
    lines.push(c.yellow('no item fits the capacity'));
  }
  lines.push(c.dim(STAGE_RULES[1]), c.dim(STAGE_RULES[2]));
  if (plan.doesNotFit.length > 0) {
    lines.push(c.bold('not this sprint:'));
    for (const u of plan.doesNotFit) {
      const why = describeReason(u, plan);
      lines.push(
        `  ${u.id} · stage ${u.stage} · ${formatDays(u.effort)} · score ${formatScore(u.score)} · ` +
          (u.reason === 'larger-than-capacity' ? c.yellow(why) : why),
      );
    }
  }
  if (plan.unestimated.length > 0) {
    lines.push(c.bold('needs an estimate (no effort):'));
    for (const u of plan.unestimated) {
      lines.push(
        `  ${u.id} · stage ${u.stage} · score ${formatScore(u.score)} · ${shortTitle(u.title)}`,
      );
    }
  }
  for (const w of plan.warnings) lines.push(c.yellow(`warning: ${w.message}`));
  for (const n of plan.notes) lines.push(c.dim(`note: ${n.message}`));
  return `${lines.join('\n')}\n`;
};
