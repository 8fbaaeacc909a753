/** JSON: the Plan itself, two-space indented, newline-terminated, key order as the model. */
import type { PlanRenderer } from './index.js';

export const renderPlanJson: PlanRenderer = (plan) => `${JSON.stringify(plan, null, 2)}\n`;
