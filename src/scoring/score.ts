/**
 * Scoring: priority = R × F × C × M, pure. Inputs are the inventory item, the
 * evidence gathered for it and the window; nothing here reads files, git or the clock.
 *
 * Evidence only ever raises a declared value, and every raise leaves a reason string, which
 * is what `explain` and the reports print. With no evidence and no tags the score is exactly
 * R × F × C of the declared values.
 */
import type { InventoryItem, Money } from '../inventory/schema.js';
import { DEFAULT_PRACTICE_RISK, type ResolvedSettings } from '../inventory/settings.js';
import type {
  ConfigFindingKind,
  Incident,
  ItemSignals,
  WindowBounds,
  MoneyPerWeek,
  ScoredItem,
  SourceLocation,
} from '../model/index.js';
import { isoDay } from '../util/dates.js';
import { formatPercent, roundTo, roundToTenth } from '../util/numbers.js';
import { compareText, plural } from '../util/text.js';
import { effectiveOwner } from '../signals/owners/item-owner.js';

/** The evidence scoring reads: the item's signals as the Report shows them. */
export type ItemEvidence = ItemSignals;

/** The window scoring measures against: its end is "now". */
export type ScoringWindow = WindowBounds;

export type ScoringSettings = Pick<
  ResolvedSettings,
  'coverageFloor' | 'frequencyLevels' | 'costLevels' | 'tagMultipliers'
> &
  /** Absent: every practice finding kind raises risk by the default, one. */
  Partial<Pick<ResolvedSettings, 'practices'>>;

export type UnrankedScore = Omit<ScoredItem, 'rank'>;

/**
 * The kinds of config finding that raise risk, by one each. A file that fails to parse is
 * shown, but it is not evidence of debt by itself (it may be a template, or a dialect the
 * parser does not read).
 */
export const RISK_RAISING_CONFIG_KINDS: ReadonlySet<ConfigFindingKind> = new Set([
  'drift',
  'secret',
  'stale',
  'unversioned',
]);

const clamp5 = (n: number) => Math.min(5, Math.max(1, n));

/** Days of effort from `6h`, `3d`, `2w` (8h = 1d, 1w = 5d) or a bare number of days. */
export function effortInDays(effort: string | number | undefined): number | null {
  if (effort === undefined) return null;
  if (typeof effort === 'number') return effort;
  const value = Number(effort.slice(0, -1));
  switch (effort.at(-1)) {
    case 'h':
      return value / 8;
    case 'w':
      return value * 5;
    default:
      return value;
  }
}

/** Money per period → per week: 7 days a week, 52 weeks a year, 12 months a year. */
export function moneyPerWeek(money: Money): number {
  switch (money.per) {
    case 'day':
      return money.amount * 7;
    case 'week':
      return money.amount;
    case 'month':
      return (money.amount * 12) / 52;
    case 'year':
      return money.amount / 52;
  }
}

/** Level 1-5 from a value and the four ascending thresholds for levels 2-5. */
export function levelFor(value: number, thresholds: readonly number[]): number {
  let level = 1;
  thresholds.forEach((t, i) => {
    if (value >= t) level = i + 2;
  });
  return level;
}

function scoreRisk(item: InventoryItem, evidence: ItemEvidence, settings: ScoringSettings) {
  const reasons: string[] = [];
  let raise = 0;
  const cov = evidence.coverage;
  if (cov !== null) {
    // With no coverable line measured, only untested files (of a language the reports
    // cover, in none of them) raise risk: a file of another language is merely not
    // measured (a Go package next to a Python-only report), and says so in the summary.
    if (cov.percent === null && cov.untestedFiles.length > 0) {
      raise += 2;
      reasons.push(
        cov.measuredFiles === 0
          ? '+2 no coverage data for any of its files'
          : `+2 no coverable line measured, ${plural(cov.untestedFiles.length, 'untested file')}`,
      );
    } else if (cov.percent === 0) {
      raise += 2;
      reasons.push('+2 coverage 0%');
    } else if (
      cov.percent !== null &&
      (cov.covered / cov.coverable) * 100 < settings.coverageFloor
    ) {
      raise += 1;
      reasons.push(`+1 coverage ${formatPercent(cov.percent)} < ${settings.coverageFloor}%`);
    }
  }
  const kinds = [...new Set((evidence.config ?? []).map((f) => f.kind))]
    .filter((kind) => RISK_RAISING_CONFIG_KINDS.has(kind))
    .sort();
  for (const kind of kinds) {
    raise += 1;
    reasons.push(`+1 config finding: ${kind}`);
  }
  // Each kind of practice finding once, by its configured raise (0: shown, raises nothing).
  const practiceRisk = settings.practices?.risk ?? DEFAULT_PRACTICE_RISK;
  const practiceKinds = [...new Set((evidence.practices ?? []).map((f) => f.kind))].sort();
  for (const kind of practiceKinds) {
    const by = practiceRisk[kind];
    if (by === 0) continue;
    raise += by;
    reasons.push(`+${by} practice finding: ${kind}`);
  }
  const effective = clamp5(item.risk + raise);
  if (item.risk + raise > 5) reasons.push('clamped to 5');
  return { declared: item.risk, effective, reasons };
}

function scoreFrequency(
  item: InventoryItem,
  evidence: ItemEvidence,
  window: ScoringWindow | null,
  settings: ScoringSettings,
  incidents: Incident[],
) {
  const reasons: string[] = [];
  const declared = item.frequency ?? null;
  let observed: number | null = null;
  let events: number | null = null;
  let rate: number | null = null;
  const git = evidence.git;
  const inWindow = incidents.filter((i) => i.inWindow).length;
  // Fix commits measured, or none to measure (no paths), or incidents that alone are events.
  const observable = git !== null || item.paths.length === 0 || inWindow > 0;
  if (window !== null && observable) {
    const fixes = git?.fixCommits ?? 0;
    events = fixes + inWindow;
    rate = roundTo(events / (window.days / 30), 2);
    observed = levelFor(rate, settings.frequencyLevels);
    const parts = [];
    if (git !== null) {
      const shared =
        git.sharedFixCommits > 0 ? ` (${git.sharedFixCommits} shared with other items)` : '';
      parts.push(`${plural(fixes, 'fix commit')}${shared}`);
    }
    parts.push(plural(inWindow, 'incident'));
    reasons.push(
      `observed ${parts.join(' + ')} in ${Math.round(window.days)}d = ${rate.toFixed(2)}/30d -> level ${observed}`,
    );
    if (git === null && item.paths.length > 0) {
      reasons.push(
        `fix commits not measured (${evidence.gitNotMeasured ?? 'no git history'}): incidents only`,
      );
    }
  } else if (window === null) {
    reasons.push('no window (no git history): frequency not observed');
  } else {
    reasons.push(
      `fix commits not measured (${evidence.gitNotMeasured ?? 'no git history'}): frequency not observed`,
    );
  }
  const effective = Math.max(declared ?? 1, observed ?? 1);
  if (declared === null && observed === null) reasons.push('no declared frequency, no evidence: 1');
  else if (observed !== null && observed > (declared ?? 1)) {
    reasons.push(
      `raised from ${declared === null ? 'default 1' : `declared ${declared}`} to observed ${observed}`,
    );
  }
  return { declared, observed, effective, events, ratePer30Days: rate, reasons };
}

function scoreCostOfDelay(
  item: InventoryItem,
  window: ScoringWindow | null,
  settings: ScoringSettings,
) {
  const reasons: string[] = [];
  let declared: number | null = null;
  let money: MoneyPerWeek | null = null;
  let base: number;
  if (typeof item.cost_of_delay === 'number') {
    declared = item.cost_of_delay;
    base = declared;
  } else {
    const perWeek = roundTo(moneyPerWeek(item.cost_of_delay), 2);
    money = { amount: item.cost_of_delay.amount, per: item.cost_of_delay.per, perWeek };
    base = levelFor(perWeek, settings.costLevels);
    reasons.push(`${perWeek}/week -> level ${base}`);
  }
  const overdue = isOverdue(item, window);
  if (overdue) reasons.push(`+1 past due (${item.due})`);
  const effective = clamp5(base + (overdue ? 1 : 0));
  if (base + (overdue ? 1 : 0) > 5) reasons.push('clamped to 5');
  return { costOfDelay: { declared, money, effective, reasons }, overdue };
}

/** Past due means due before the window's end day; with no window nothing is overdue. */
function isOverdue(item: InventoryItem, window: ScoringWindow | null): boolean {
  return item.due !== undefined && window !== null && item.due < isoDay(window.untilMs);
}

function scoreMultiplier(tags: string[], settings: ScoringSettings) {
  const applied: [string, number][] = [];
  let multiplier = 1;
  for (const tag of [...new Set(tags)].sort()) {
    const m = settings.tagMultipliers.get(tag);
    if (m !== undefined) {
      applied.push([tag, m]);
      multiplier *= m;
    }
  }
  // fromEntries defines own properties: a tag named __proto__ stays a plain key.
  return {
    multiplier: roundTo(multiplier, 4),
    applied: Object.fromEntries(applied),
  };
}

/** Where the inventory's own incidents come from, in `Incident.source`. */
export const INVENTORY_INCIDENT_SOURCE = 'inventory';

/**
 * The item's incidents with whether each falls inside the window (inclusive, by day): its own,
 * then those of incident exports. The same reference counts once (case-insensitive, first
 * kept: the inventory's own, then the exports in the order given); incidents without a
 * reference count each. Exported incidents outside the window are left out: an export spans
 * years, and only the window's count; the inventory's own are all shown.
 */
export function placeIncidents(
  item: InventoryItem,
  window: ScoringWindow | null,
  exported: readonly Omit<Incident, 'inWindow'>[] = [],
): Incident[] {
  const since = window ? isoDay(window.sinceMs) : null;
  const until = window ? isoDay(window.untilMs) : null;
  const inWindow = (date: string) =>
    since !== null && until !== null && date >= since && date <= until;
  const seen = new Set<string>();
  const firstOfRef = (ref: string | null) => {
    if (ref === null) return true;
    const key = ref.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
  const own = item.incidents
    .map((i) => ({
      date: i.date,
      ref: i.ref ?? null,
      summary: i.summary ?? null,
      inWindow: inWindow(i.date),
      source: INVENTORY_INCIDENT_SOURCE,
    }))
    .filter((i) => firstOfRef(i.ref));
  const fromExports = exported
    .filter((i) => firstOfRef(i.ref) && inWindow(i.date))
    .map((i) => ({ ...i, inWindow: true }));
  return [...own, ...fromExports];
}

/**
 * Scores one ranked-status item. `rank` is assigned by {@link rankItems}.
 *
 * @param exportedIncidents the item's rows of incident exports, counted with its own incidents
 */
export function scoreItem(
  item: InventoryItem,
  evidence: ItemEvidence,
  window: ScoringWindow | null,
  settings: ScoringSettings,
  location: SourceLocation | null = null,
  exportedIncidents: readonly Omit<Incident, 'inWindow'>[] = [],
): UnrankedScore {
  const incidents = placeIncidents(item, window, exportedIncidents);
  const risk = scoreRisk(item, evidence, settings);
  const frequency = scoreFrequency(item, evidence, window, settings, incidents);
  const { costOfDelay, overdue } = scoreCostOfDelay(item, window, settings);
  const { multiplier, applied } = scoreMultiplier(item.tags, settings);
  const score = roundToTenth(
    risk.effective * frequency.effective * costOfDelay.effective * multiplier,
  );
  const effortDays = effortInDays(item.effort);
  return {
    id: item.id,
    title: item.title,
    category: item.category,
    ...effectiveOwner(item.owner, evidence.codeowners),
    status: item.status === 'in-progress' ? 'in-progress' : 'open',
    score,
    risk,
    frequency,
    costOfDelay,
    multiplier,
    multipliers: applied,
    effortDays,
    wsjf: effortDays === null || effortDays === 0 ? null : roundToTenth(score / effortDays),
    due: item.due ?? null,
    overdue,
    created: item.created ?? null,
    tags: item.tags,
    paths: item.paths,
    incidents,
    evidence: item.evidence ?? null,
    fix: item.fix ?? null,
    location,
    signals: evidence,
  };
}

/** The ranking order: priority desc, then C desc, then R desc, then id asc. Assigns ranks. */
export function rankItems(items: UnrankedScore[]): ScoredItem[] {
  return [...items]
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.costOfDelay.effective - a.costOfDelay.effective ||
        b.risk.effective - a.risk.effective ||
        compareText(a.id, b.id),
    )
    .map((item, i) => ({ rank: i + 1, ...item }));
}
