/**
 * What every renderer shares: a renderer is a pure function of the Report (plus display
 * options) to text. No renderer touches the file system, the clock or `process`.
 */
import type { Report } from '../model/index.js';

export interface RenderOptions {
  /** ANSI colors (table only); the CLI decides from TTY / NO_COLOR / FORCE_COLOR / --no-color. */
  color: boolean;
  /** Show only the first N ranked items; totals and the gate still cover every item. */
  top?: number;
  /** Terminal width (table only): flexible columns shrink to fit. Unset when not a terminal. */
  width?: number;
}

export type Renderer = (report: Report, options: RenderOptions) => string;

export const FORMATS = ['table', 'markdown', 'json', 'sarif', 'csv', 'html', 'github'] as const;
export type Format = (typeof FORMATS)[number];

/** The items a renderer shows: `--top` shortens the list, nothing else. */
export function shownItems(report: Report, options: RenderOptions): Report['items'] {
  return options.top === undefined ? report.items : report.items.slice(0, options.top);
}

/** Scores always print with one decimal, so `60` reads `60.0` everywhere. */
export function formatScore(score: number): string {
  return score.toFixed(1);
}

/** Money for people: whole units with thousands separators (`3,885`). */
export function formatAmount(amount: number): string {
  return String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
