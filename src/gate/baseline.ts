/**
 * Baselines for the ratchet (`--baseline <report.json> --fail-on-increase`): compare the
 * current items with a previous JSON report (read by baseline-file.ts) by id.
 */
import type {
  BaselineComparison,
  ItemDelta,
  Report,
  ReportWindow,
  ScoredItem,
} from '../model/index.js';
import { roundToTenth } from '../util/numbers.js';
import { clipText, compareText } from '../util/text.js';
import type { BaselineReport } from './baseline-file.js';

export type { BaselineReport } from './baseline-file.js';

/** The settings that change a score, as `key: how it reads` for a message. */
const SCORING_SETTINGS: [keyof Report['settings'], string][] = [
  ['window', 'window'],
  ['fixPattern', 'fix_pattern'],
  ['fixExclude', 'fix_exclude'],
  ['bots', 'bots'],
  ['coverageFloor', 'coverage_floor'],
  ['frequencyLevels', 'frequency_levels'],
  ['costLevels', 'cost_levels'],
  ['tagMultipliers', 'tag_multipliers'],
  ['practiceRisk', 'practices.risk'],
];

/**
 * What makes a baseline's scores incomparable with the current ones: each scoring setting
 * that differs, named as the inventory names it (`window 90d, now 180d`). Settings an older
 * report does not record are not compared; without its window setting, the window lengths
 * in days are.
 */
export function compareBaselineSettings(
  baseline: BaselineReport,
  current: Report['settings'],
  currentWindow: ReportWindow | null,
  currentSelection: Report['selection'] = { category: null, owner: null },
): string[] {
  const recorded = baseline.settings ?? {};
  const differences: string[] = [];
  // Totals of another selection of items (`--category`, `--owner`) are not comparable either.
  if (baseline.selection !== undefined) {
    const describe = (s: Report['selection']) =>
      [
        ...(s.category !== null ? [`--category ${clipText(s.category)}`] : []),
        ...(s.owner !== null ? [`--owner ${clipText(s.owner)}`] : []),
      ].join(' ') || 'every item';
    const before = describe(baseline.selection);
    const now = describe(currentSelection);
    if (before.toLowerCase() !== now.toLowerCase())
      differences.push(`selection ${before}, now ${now}`);
  }
  for (const [key, name] of SCORING_SETTINGS) {
    const before = (recorded as Record<string, unknown>)[key];
    if (before === undefined) continue;
    const now = current[key];
    if (JSON.stringify(before) === JSON.stringify(now)) continue;
    differences.push(
      key === 'window' || key === 'coverageFloor'
        ? `${name} ${String(before)}, now ${String(now)}`
        : `${name} differs`,
    );
  }
  const beforeDays = baseline.window?.days;
  if (recorded.window === undefined && beforeDays !== undefined && currentWindow !== null) {
    if (Math.abs(beforeDays - currentWindow.days) >= 0.5) {
      differences.push(`window ${beforeDays} days, now ${currentWindow.days}`);
    }
  }
  return differences;
}

/**
 * Compare the current ranked items with a baseline, by id.
 *
 * - same id in both: `changed` or `unchanged` (delta rounded to one decimal);
 * - id only in the baseline: `resolved`;
 * - id only now: `new` — unless exactly one vanished baseline item has the same title
 *   (case-insensitive, trimmed, inner whitespace collapsed) and no other new item claims that
 *   title too: then `renamed`, with `previousId`, compared with that item's score. Ambiguous
 *   matches stay `new` + `resolved`, because guessing would hide a real new item.
 *
 * Order: current items by rank, then resolved items by id.
 */
export function compareWithBaseline(
  current: ScoredItem[],
  currentTotal: number,
  baseline: BaselineReport,
  file: string,
): BaselineComparison {
  const currentIds = new Set(current.map((item) => item.id));
  const previousById = new Map(baseline.items.map((item) => [item.id, item]));
  const vanished = baseline.items.filter((item) => !currentIds.has(item.id));
  const renames = matchRenames(
    current.filter((item) => !previousById.has(item.id)),
    vanished,
  );

  const items: ItemDelta[] = [...current]
    .sort((a, b) => a.rank - b.rank)
    .map((item) => {
      const previous = previousById.get(item.id);
      if (previous) {
        const delta = roundToTenth(item.score - previous.score);
        const status = delta === 0 ? 'unchanged' : 'changed';
        return { id: item.id, status, previous: previous.score, current: item.score, delta };
      }
      const renamedFrom = renames.get(item.id);
      if (renamedFrom) {
        return {
          id: item.id,
          status: 'renamed',
          previousId: renamedFrom.id,
          previous: renamedFrom.score,
          current: item.score,
          delta: roundToTenth(item.score - renamedFrom.score),
        };
      }
      return { id: item.id, status: 'new', previous: null, current: item.score, delta: null };
    });

  const renamedIds = new Set([...renames.values()].map((item) => item.id));
  const resolved = vanished
    .filter((item) => !renamedIds.has(item.id))
    .sort((a, b) => compareText(a.id, b.id))
    .map((item): ItemDelta => ({
      id: item.id,
      status: 'resolved',
      previous: item.score,
      current: null,
      delta: null,
    }));

  return {
    file,
    previousTotal: baseline.totals.score,
    totalDelta: roundToTenth(currentTotal - baseline.totals.score),
    items: [...items, ...resolved],
  };
}

type BaselineItem = BaselineReport['items'][number];

/** New id → the vanished baseline item it was renamed from (one-to-one matches only). */
function matchRenames(newItems: ScoredItem[], vanished: BaselineItem[]): Map<string, BaselineItem> {
  const vanishedByTitle = groupByTitle(vanished, (item) => item.title);
  const newByTitle = groupByTitle(newItems, (item) => item.title);
  const renames = new Map<string, BaselineItem>();
  for (const [title, candidates] of newByTitle) {
    const previous = vanishedByTitle.get(title);
    if (candidates.length === 1 && previous?.length === 1) {
      renames.set(candidates[0]!.id, previous[0]!);
    }
  }
  return renames;
}

function groupByTitle<T>(items: T[], titleOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = normalizeTitle(titleOf(item));
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}

/** Titles match case-insensitively, ignoring surrounding and repeated whitespace. */
function normalizeTitle(title: string): string {
  return title.trim().replace(/\s+/g, ' ').toLowerCase();
}
