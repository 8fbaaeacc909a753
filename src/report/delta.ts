/**
 * How an item changed against the baseline, in words every renderer shares: `new`,
 * `▲ 4.5`, `▼ 2.0`, `=`, `renamed from X`, `resolved`.
 */
import type { ItemDelta, Report } from '../model/index.js';
import { formatScore } from './format.js';

/** The baseline comparison entry of an item, when a baseline was given. */
export function deltaOf(report: Report, id: string): ItemDelta | undefined {
  return report.baseline?.items.find((entry) => entry.id === id);
}

export function formatDelta(delta: number): string {
  if (delta > 0) return `▲ ${formatScore(delta)}`;
  if (delta < 0) return `▼ ${formatScore(-delta)}`;
  return '=';
}

/** The Δ text of one item (`—` when the item has no entry, e.g. no baseline). */
export function describeDelta(delta: ItemDelta | undefined): string {
  if (!delta) return '—';
  switch (delta.status) {
    case 'new':
      return 'new';
    case 'renamed': {
      const from = `renamed from ${delta.previousId ?? '?'}`;
      return delta.delta ? `${from}, ${formatDelta(delta.delta)}` : from;
    }
    case 'resolved':
      return 'resolved';
    default:
      return delta.delta ? formatDelta(delta.delta) : '=';
  }
}

/** SARIF's own `baselineState` for a result (SARIF 2.1.0 §3.27.24). */
export function sarifBaselineState(
  delta: ItemDelta | undefined,
): 'new' | 'unchanged' | 'updated' | undefined {
  if (!delta) return undefined;
  if (delta.status === 'new') return 'new';
  return delta.delta ? 'updated' : 'unchanged';
}
