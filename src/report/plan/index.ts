/**
 * Every format `mldebt plan` writes, by name: the one list the CLI's `--format` choices for
 * plan and the API read. Renderers are pure functions of the Plan, loaded on first use.
 */
import type { Plan } from '../../model/plan.js';

export interface PlanRenderOptions {
  /** ANSI colors (table only). */
  color: boolean;
}

export type PlanRenderer = (plan: Plan, options: PlanRenderOptions) => string;

const PLAN_RENDERERS = {
  table: async () => (await import('./table.js')).renderPlanTable,
  markdown: async () => (await import('./markdown.js')).renderPlanMarkdown,
  json: async () => (await import('./json.js')).renderPlanJson,
  csv: async () => (await import('./csv.js')).renderPlanCsv,
} satisfies Record<string, () => Promise<PlanRenderer>>;

export type PlanFormat = keyof typeof PLAN_RENDERERS;

/** The plan format names, in the order `--help` lists them. */
export const PLAN_FORMATS = Object.keys(PLAN_RENDERERS) as PlanFormat[];

/** Renders a Plan in a format. */
export async function renderPlan(
  plan: Plan,
  format: PlanFormat,
  options: PlanRenderOptions,
): Promise<string> {
  return (await PLAN_RENDERERS[format]())(plan, options);
}
