/**
 * JSON: the Report itself, two-space indented, newline-terminated. Key order follows the
 * model, so the output is byte-identical for the same inputs. `--top` shortens `items` only.
 *
 * JSON has no NaN or Infinity, and JSON.stringify writes them as `null`, which in a Report
 * means "not measured". A measured number that is not finite is a bug upstream: refuse to
 * write it rather than let it pass as "not measured" (or a gate pass as a NaN comparison).
 */
import type { Renderer } from '../format.js';
import { shownItems } from '../format.js';

export const renderJson: Renderer = (report, options) =>
  `${JSON.stringify({ ...report, items: shownItems(report, options) }, refuseNonFinite, 2)}\n`;

function refuseNonFinite(this: unknown, key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error(`report field "${key}" is ${value}, not a number JSON can hold`);
  }
  return value;
}
