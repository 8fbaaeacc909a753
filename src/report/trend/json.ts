/** JSON: the Trend itself, two-space indented, newline-terminated, key order as the model. */
import type { TrendRenderer } from './index.js';

export const renderTrendJson: TrendRenderer = (trend) => `${JSON.stringify(trend, null, 2)}\n`;
