/**
 * What every renderer shares: a renderer is a pure function of the Report (plus display
 * options) to text, and these are the formatters they have in common. No renderer touches
 * the file system, the clock or `process`.
 */
import type { GateResult, OwnerSource, Report, ScoredItem } from '../model/index.js';
import { INVENTORY_INCIDENT_SOURCE } from '../scoring/score.js';

export { formatScore } from '../util/numbers.js';

export interface RenderOptions {
  /** ANSI colors (table only); the CLI decides from TTY / NO_COLOR / FORCE_COLOR / --no-color. */
  color: boolean;
  /** Show only the first N ranked items; totals and the gate still cover every item. */
  top?: number;
  /** Terminal width (table only): flexible columns shrink to fit. Unset when not a terminal. */
  width?: number;
}

export type Renderer = (report: Report, options: RenderOptions) => string;

/** The items a renderer shows: `--top` shortens the list, nothing else. */
/**
 * An item's owner as every format shows it: `unowned` without one, and an owner taken from
 * CODEOWNERS marked so (`@ml-platform (CODEOWNERS)`), since nobody declared it.
 */
export function ownerLabel(item: {
  owner: string | null;
  ownerSource?: OwnerSource | null;
}): string {
  if (item.owner === null) return 'unowned';
  return item.ownerSource === 'codeowners' ? `${item.owner} (CODEOWNERS)` : item.owner;
}

/**
 * The owner with where it came from, for an item's own section: an owner from CODEOWNERS
 * names the rule and the file it was matched against (`@ml (CODEOWNERS: .github/CODEOWNERS:4
 * src/train/ owns src/train/loop.py)`).
 */
export function describeOwner(item: ScoredItem): string {
  const rule = item.signals.codeowners;
  if (item.ownerSource !== 'codeowners' || rule === null) return ownerLabel(item);
  return (
    `${item.owner} (CODEOWNERS: ${rule.file}:${rule.line} ${rule.pattern} owns ${rule.path}` +
    (rule.owners.length > 1 ? `; also ${rule.owners.slice(1).join(', ')}` : '') +
    ')'
  );
}

/** The export an incident was read from, or null for the inventory's own. */
export function incidentSource(incident: { source: string }): string | null {
  return incident.source === INVENTORY_INCIDENT_SOURCE ? null : incident.source;
}

export function shownItems(report: Report, options: RenderOptions): Report['items'] {
  return options.top === undefined ? report.items : report.items.slice(0, options.top);
}

/** Money for people: whole units with thousands separators (`3,885`). */
export function formatAmount(amount: number): string {
  return String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A multiplier or effort: up to three decimals, at least one (`1.0`, `1.5`, `1.875`). */
export function formatFactor(value: number): string {
  const text = String(Number(value.toFixed(3)));
  return text.includes('.') ? text : `${text}.0`;
}

/** The gate's thresholds in words: `fail above 50, fail on increase`, or `no thresholds set`. */
export function describeThresholds(gate: GateResult): string {
  const thresholds = [
    gate.thresholds.failAbove === null ? null : `fail above ${gate.thresholds.failAbove}`,
    gate.thresholds.failTotalAbove === null
      ? null
      : `fail total above ${gate.thresholds.failTotalAbove}`,
    gate.thresholds.failOnIncrease ? 'fail on increase' : null,
  ].filter((text) => text !== null);
  return thresholds.length > 0 ? thresholds.join(', ') : 'no thresholds set';
}
