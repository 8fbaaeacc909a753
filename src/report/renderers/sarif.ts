/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
 *
 * One result per shown ranked item whose score is above the gate's `failAbove` (every shown
 * item when there is no such threshold), in rank order. One rule per category among those
 * results, ids namespaced `mldebt/<category>`. Locations are the item's hottest files (at
 * most {@link MAX_LOCATIONS}, relative POSIX URIs against `%SRCROOT%`), or else the item's
 * line in the inventory. Run warnings travel as tool execution notifications, so "not
 * measured" is visible in SARIF too.
 *
 * Then one result per config finding of every shown item (whatever its score), on the
 * finding's file and line, under a rule per kind (`mldebt/config-secret`, ...): `warning`
 * for the kinds that raise risk, `note` for a file that does not parse.
 *
 * The selection, levels and locations are shared with the `github` renderer, which annotates
 * exactly the same items (and the same secrets).
 */
import { deltaOf, describeDelta, sarifBaselineState } from '../delta.js';
import type {
  ConfigFinding,
  ConfigFindingKind,
  PracticeFinding,
  PracticeFindingKind,
  Report,
  ScoredItem,
  SourceLocation,
} from '../../model/index.js';
import { CONFIG_KINDS } from '../config-findings.js';
import {
  isHint,
  PRACTICE_KINDS,
  PRACTICE_RULES,
  selectPracticeFindings,
} from '../practice-findings.js';
import type { RenderOptions, Renderer } from '../format.js';
import { formatScore, shownItems } from '../format.js';
import { formatFactor } from '../format.js';
import { compareText } from '../../util/text.js';

/**
 * Score bands for items that do not fail the gate. 25 needs at least two strong factors
 * (R 5 × F 5, or 3 × 3 × 3 = 27 on the 1-125 scale), which is where debt stops being
 * background noise: `warning` from there, `note` below.
 */
export const WARNING_MIN_SCORE = 25;

/** A result lists at most this many hot files (GitHub shows the first; the rest are context). */
export const MAX_LOCATIONS = 3;

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://www.npmjs.com/package/mldebt';
/** Key of the fingerprint GitHub uses to follow an alert across commits: the item id. */
const FINGERPRINT_KEY = 'mldebtItemId/v1';
/** A config finding's: item, kind, file and key (not the line: an edit above it moves it). */
const CONFIG_FINGERPRINT_KEY = 'mldebtConfigFinding/v1';
/** A practice finding's: item, kind and file (not the line: an edit above it moves it). */
const PRACTICE_FINGERPRINT_KEY = 'mldebtPracticeFinding/v1';

const CONFIG_RULE_DESCRIPTIONS: Record<ConfigFindingKind, string> = {
  drift:
    'Environment drift: config files that differ only by an environment name have different keys',
  secret: 'Hardcoded secret: a literal value under a secret-like key (the value is never shown)',
  stale:
    "Stale configuration: unchanged for longer than stale_after while the item's other files changed",
  unversioned: 'Unversioned configuration: a config file git does not track (untracked or ignored)',
  unparsable: 'A config file that does not parse (shown; it raises no risk)',
};

/** Short rule descriptions for the built-in categories. */
const CATEGORY_DESCRIPTIONS: Record<string, string> = {
  data: 'Data debt: unvalidated inputs, schema drift, feature pipeline fragility',
  model: 'Model debt: unversioned weights, untracked training, brittle retraining',
  configuration: 'Configuration debt: drift between environments, secrets, stale settings',
  pipeline: 'Pipeline debt: fragile orchestration, missing retries or alerting',
  testing: 'Testing debt: untested code paths and evaluation logic',
  monitoring: 'Monitoring debt: silent failures, missing drift or quality monitoring',
  infrastructure: 'Infrastructure debt: serving, compute and deployment shortcuts',
  reproducibility: 'Reproducibility debt: results that cannot be rebuilt from source',
};

export type AnnotationLevel = 'error' | 'warning' | 'note';

/** Where an annotation points: a repository-relative path, or the inventory's item line. */
export interface AnnotationLocation {
  path: string;
  line: number;
  column: number | null;
}

/** The items SARIF and GitHub annotations list: shown items above `failAbove`, by rank. */
export function selectAnnotatedItems(report: Report, options: RenderOptions): ScoredItem[] {
  const { failAbove } = report.gate.thresholds;
  return shownItems(report, options)
    .filter((item) => failAbove === null || item.score > failAbove)
    .sort((a, b) => a.rank - b.rank);
}

/**
 * `error` when the item fails the gate's threshold (score strictly above `failAbove`);
 * otherwise `warning` from {@link WARNING_MIN_SCORE}, `note` below it.
 */
export function levelOf(item: ScoredItem, report: Report): AnnotationLevel {
  const { failAbove } = report.gate.thresholds;
  if (failAbove !== null && item.score > failAbove) return 'error';
  return item.score >= WARNING_MIN_SCORE ? 'warning' : 'note';
}

/** The item's hottest files (line 1), or its `- id:` line in the inventory. */
export function locateItem(item: ScoredItem, report: Report): AnnotationLocation[] {
  const hot = item.signals.git?.hotFiles ?? [];
  if (hot.length > 0) {
    return hot.slice(0, MAX_LOCATIONS).map((file) => ({ path: file.path, line: 1, column: null }));
  }
  return [inventoryLocation(item.location, report.inventory)];
}

/** `DATA-001 Feature pipeline … — score 60.0 (5×4×3×1.0)`, on one line. */
export function describeItem(item: ScoredItem): string {
  const title = item.title.replace(/\s+/g, ' ').trim();
  const factors = [
    item.risk.effective,
    item.frequency.effective,
    item.costOfDelay.effective,
    formatFactor(item.multiplier),
  ].join('×');
  return `${item.id} ${title} — score ${formatScore(item.score)} (${factors})`;
}

/** Render SARIF 2.1.0 (pretty-printed JSON, trailing newline). */
export const renderSarif: Renderer = (report, options) => {
  const items = selectAnnotatedItems(report, options);
  const categories = [...new Set(items.map((item) => item.category))].sort(compareText);
  const ruleIndex = new Map(categories.map((category, index) => [category, index]));
  const findings = selectConfigFindings(report, options);
  const findingKinds = CONFIG_KINDS.filter((kind) => findings.some((f) => f.finding.kind === kind));
  const kindIndex = new Map(findingKinds.map((kind, index) => [kind, categories.length + index]));
  const practices = selectPracticeFindings(report, options);
  const practiceKinds = PRACTICE_KINDS.filter((kind) =>
    practices.some((f) => f.finding.kind === kind),
  );
  const practiceIndex = new Map(
    practiceKinds.map((kind, index) => [kind, categories.length + findingKinds.length + index]),
  );

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mldebt',
            version: report.tool.version,
            informationUri: INFORMATION_URI,
            rules: [
              ...categories.map((category) => ({
                id: ruleId(category),
                name: `${category}-debt`,
                shortDescription: {
                  text: CATEGORY_DESCRIPTIONS[category] ?? `Technical debt in category ${category}`,
                },
                defaultConfiguration: { level: 'warning' },
              })),
              ...findingKinds.map((kind) => ({
                id: configRuleId(kind),
                name: `config-${kind}`,
                shortDescription: { text: CONFIG_RULE_DESCRIPTIONS[kind] },
                defaultConfiguration: { level: configLevel(kind) },
              })),
              ...practiceKinds.map((kind) => ({
                id: practiceRuleId(kind),
                name: `practice-${kind}`,
                shortDescription: { text: PRACTICE_RULES[kind].rule },
                fullDescription: { text: `${PRACTICE_RULES[kind].why}.` },
                help: { text: PRACTICE_RULES[kind].fix },
                defaultConfiguration: { level: practiceLevel(kind) },
              })),
            ],
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.warnings.map((warning) => ({
              level: 'warning',
              message: { text: warning.message },
              descriptor: { id: warning.code },
              ...(warning.location
                ? { locations: [toSarifLocation(locateDiagnostic(warning.location, report))] }
                : {}),
            })),
          },
        ],
        results: [
          ...items.map((item) => ({
            ...baselineFields(report, item.id),
            ruleId: ruleId(item.category),
            ruleIndex: ruleIndex.get(item.category)!,
            level: levelOf(item, report),
            message: { text: describeItem(item) },
            locations: locateItem(item, report).map(toSarifLocation),
            partialFingerprints: { [FINGERPRINT_KEY]: item.id },
            properties: {
              id: item.id,
              rank: item.rank,
              score: item.score,
              category: item.category,
              owner: item.owner,
              ownerSource: item.ownerSource,
              risk: item.risk.effective,
              frequency: item.frequency.effective,
              costOfDelay: item.costOfDelay.effective,
              multiplier: item.multiplier,
              ...(report.baseline ? { delta: describeDelta(deltaOf(report, item.id)) } : {}),
            },
          })),
          ...findings.map(({ item, finding }) => configResult(item, finding, kindIndex)),
          ...practices.map(({ item, finding }) => practiceResult(item, finding, practiceIndex)),
        ],
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

/** `baselineState` (SARIF's own field) and the score change, when a baseline was given. */
function baselineFields(report: Report, id: string): { baselineState?: string } {
  const state = sarifBaselineState(deltaOf(report, id));
  return state ? { baselineState: state } : {};
}

function ruleId(category: string): string {
  return `mldebt/${category}`;
}

function configRuleId(kind: ConfigFindingKind): string {
  return `mldebt/config-${kind}`;
}

/** Findings that raise risk are warnings; a file that does not parse is a note. */
function configLevel(kind: ConfigFindingKind): AnnotationLevel {
  return kind === 'unparsable' ? 'note' : 'warning';
}

/** One result per config finding, on its file and line (line 1 for a whole-file finding). */
function configResult(
  item: ScoredItem,
  finding: ConfigFinding,
  kindIndex: Map<ConfigFindingKind, number>,
): object {
  const fingerprint = [item.id, finding.kind, finding.file, finding.key ?? ''].join(':');
  return {
    ruleId: configRuleId(finding.kind),
    ruleIndex: kindIndex.get(finding.kind)!,
    level: configLevel(finding.kind),
    message: { text: `${item.id}: ${finding.kind} in ${finding.file}: ${finding.detail}` },
    locations: [toSarifLocation({ path: finding.file, line: finding.line ?? 1, column: null })],
    partialFingerprints: { [CONFIG_FINGERPRINT_KEY]: fingerprint },
    properties: { id: item.id, kind: finding.kind, key: finding.key },
  };
}

function practiceRuleId(kind: PracticeFindingKind): string {
  return `mldebt/practice-${kind}`;
}

/** Hints (drawn from what was not found) are notes; the other practice findings warnings. */
function practiceLevel(kind: PracticeFindingKind): AnnotationLevel {
  return isHint(kind) ? 'note' : 'warning';
}

/** One result per practice finding, on its file and line (line 1 for a whole-file finding). */
function practiceResult(
  item: ScoredItem,
  finding: PracticeFinding,
  kindIndex: Map<PracticeFindingKind, number>,
): object {
  const fingerprint = [item.id, finding.kind, finding.file].join(':');
  return {
    ruleId: practiceRuleId(finding.kind),
    ruleIndex: kindIndex.get(finding.kind)!,
    level: practiceLevel(finding.kind),
    message: { text: `${item.id}: ${finding.kind} in ${finding.file}: ${finding.detail}` },
    locations: [toSarifLocation({ path: finding.file, line: finding.line ?? 1, column: null })],
    partialFingerprints: { [PRACTICE_FINGERPRINT_KEY]: fingerprint },
    properties: { id: item.id, kind: finding.kind, count: finding.count },
  };
}

/**
 * The config findings SARIF places on files: every finding of every shown item, whatever its
 * score (a committed secret deserves an alert in a low-scored item too), in rank order.
 */
export function selectConfigFindings(
  report: Report,
  options: RenderOptions,
): { item: ScoredItem; finding: ConfigFinding }[] {
  return [...shownItems(report, options)]
    .sort((a, b) => a.rank - b.rank)
    .flatMap((item) => (item.signals.config ?? []).map((finding) => ({ item, finding })));
}

/**
 * Where a run warning points. A location in the inventory is named as the Report names the
 * inventory (repository-relative), whatever form the loader kept (possibly absolute); any
 * other file as given.
 */
export function locateDiagnostic(location: SourceLocation, report: Report): AnnotationLocation {
  const file = location.file.replace(/\\/g, '/');
  const inventory = report.inventory.replace(/\\/g, '/');
  const isInventory =
    file === inventory || (file.startsWith('/') && file.endsWith(`/${inventory}`));
  return {
    path: isInventory ? report.inventory : location.file,
    line: location.line,
    column: location.column,
  };
}

/**
 * An item's `- id:` line. The path is always `report.inventory`: the item's location carries the
 * file as it was opened (possibly absolute), the Report its repository-relative form.
 */
function inventoryLocation(location: SourceLocation | null, inventory: string): AnnotationLocation {
  if (!location) return { path: inventory, line: 1, column: null };
  return { path: inventory, line: location.line, column: location.column };
}

function toSarifLocation(location: AnnotationLocation): object {
  return {
    physicalLocation: {
      artifactLocation: toArtifactLocation(location.path),
      region: {
        startLine: location.line,
        ...(location.column === null ? {} : { startColumn: location.column }),
      },
    },
  };
}

/**
 * A relative POSIX path becomes a percent-encoded URI reference against `%SRCROOT%`; an
 * absolute one (an inventory outside the repository) a `file:` URI with no base.
 */
function toArtifactLocation(path: string): { uri: string; uriBaseId?: string } {
  const posix = path.replace(/\\/g, '/');
  const encoded = posix.split('/').map(encodeURIComponent).join('/');
  if (/^[A-Za-z]:\//.test(posix)) return { uri: `file:///${encoded.replace('%3A', ':')}` };
  if (posix.startsWith('/')) return { uri: `file://${encoded}` };
  return { uri: encoded.replace(/^(\.\/)+/, ''), uriBaseId: '%SRCROOT%' };
}
