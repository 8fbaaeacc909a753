/**
 * JSON: the Report itself, two-space indented, newline-terminated. Key order follows the
 * model, so the output is byte-identical for the same inputs. `--top` shortens `items` only.
 */
import type { Renderer } from '../render.js';
import { shownItems } from '../render.js';

export const renderJson: Renderer = (report, options) =>
  `${JSON.stringify({ ...report, items: shownItems(report, options) }, null, 2)}\n`;
