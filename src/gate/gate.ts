/**
 * The CI gate: pure, from scored items, totals, thresholds and an optional baseline
 * comparison to pass/fail plus one human-readable reason per offence. The CLI turns
 * `passed: false` into exit 1 (unless `--exit-zero`) and prints the reasons on stderr.
 *
 * Reason order is deterministic: item reasons first, in rank order (for one item: its
 * threshold reason, then its increase reason), then the total's reasons (threshold, then
 * increase). Items come first because they are what a reader acts on; the total is a
 * consequence of them.
 */
import { formatScore } from '../util/numbers.js';
import type {
  BaselineComparison,
  GateResult,
  ItemDelta,
  ScoredItem,
  Totals,
} from '../model/index.js';

/** The thresholds the gate applies; `null` disables a check. */
export type GateThresholds = GateResult['thresholds'];

/**
 * Decide whether the debt passes the CI gate.
 *
 * Every comparison is strictly "above": a score equal to `failAbove` passes.
 *
 * - `failAbove`: any item whose score is above it fails.
 * - `failTotalAbove`: the total score above it fails.
 * - `failOnIncrease` (only with a `baseline`; without one the CLI refuses the flag, and the gate
 *   ignores it): the total rose, an existing item's score rose (a renamed item is compared
 *   with its previous id), or a new item appeared above `failAbove`. When `failAbove` is
 *   `null` there is no threshold to appear above, so **any** new item counts as an increase:
 *   the ratchet then means "no new debt at all".
 *
 * A new item above `failAbove` gets the single reason `X is new with score S > T`, not that
 * plus `X score S > T`: one offence, one line.
 *
 * Whenever any of these checks is on, an item with a glob that selects nothing (a typo, or
 * code that is gone) fails it too: its evidence was not measured, so its score is lower
 * than the item's files would make it, and a gate passed on it would be passed by mistake.
 * A `!` glob that excludes nothing is left to the warning: it can only make a score higher.
 */
export function evaluateGate(
  items: ScoredItem[],
  totals: Totals,
  thresholds: GateThresholds,
  baseline: BaselineComparison | null,
): GateResult {
  const ratchet = thresholds.failOnIncrease ? baseline : null;
  const deltas = new Map(ratchet?.items.map((delta) => [delta.id, delta]));
  const reasons: string[] = [];
  const gating =
    thresholds.failAbove !== null || thresholds.failTotalAbove !== null || ratchet !== null;

  for (const item of [...items].sort((a, b) => a.rank - b.rank)) {
    if (gating) {
      const reason = describeDeadGlobs(item);
      if (reason) reasons.push(reason);
    }
    const delta = deltas.get(item.id);
    if (ratchet && delta?.status === 'new') {
      const reason = describeNewItem(item, thresholds.failAbove);
      if (reason) reasons.push(reason);
      continue;
    }
    if (thresholds.failAbove !== null && item.score > thresholds.failAbove) {
      reasons.push(`${item.id} score ${formatScore(item.score)} > ${thresholds.failAbove}`);
    }
    if (delta) {
      const reason = describeItemIncrease(delta);
      if (reason) reasons.push(reason);
    }
  }

  if (thresholds.failTotalAbove !== null && totals.score > thresholds.failTotalAbove) {
    reasons.push(`total ${formatScore(totals.score)} > ${thresholds.failTotalAbove}`);
  }
  if (ratchet && ratchet.totalDelta > 0) {
    reasons.push(`total rose ${formatScore(ratchet.previousTotal)} → ${formatScore(totals.score)}`);
  }

  return { passed: reasons.length === 0, reasons, thresholds: { ...thresholds } };
}

/**
 * `PIPE-004: glob "src/pipline/**" selects no file: its score is not measured (fix the glob,
 * or resolve the item if its code is gone)`, or `null` when every glob selects something.
 */
function describeDeadGlobs(item: ScoredItem): string | null {
  const dead = item.signals.deadGlobs.filter((glob) => !glob.startsWith('!'));
  if (dead.length === 0) return null;
  const globs = dead.map((glob) => JSON.stringify(glob)).join(', ');
  return (
    `${item.id}: ${dead.length === 1 ? `glob ${globs} selects` : `globs ${globs} select`} no ` +
    `file: its score is not measured (fix the glob, or resolve the item if its code is gone)`
  );
}

/** `PIPE-004 is new with score 30.0 > 25`, or `null` when the new item is within the threshold. */
function describeNewItem(item: ScoredItem, failAbove: number | null): string | null {
  if (failAbove === null) return `${item.id} is new with score ${formatScore(item.score)}`;
  if (item.score <= failAbove) return null;
  return `${item.id} is new with score ${formatScore(item.score)} > ${failAbove}`;
}

/** `MODEL-002 score rose 12.0 → 18.0`, or `null` when the item did not get worse. */
function describeItemIncrease(delta: ItemDelta): string | null {
  // `delta.delta` is already rounded to one decimal, so float noise cannot fail the gate.
  if (delta.delta === null || delta.delta <= 0 || delta.previous === null) return null;
  if (delta.current === null) return null;
  const rose = `${delta.id} score rose ${formatScore(delta.previous)} → ${formatScore(delta.current)}`;
  return delta.status === 'renamed' ? `${rose} (renamed from ${delta.previousId})` : rose;
}
