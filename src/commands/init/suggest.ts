/**
 * From scan rows to suggested inventory items, pure: which rows become items, their category
 * guessed from the path, risk and frequency from the evidence, ids that collide with none,
 * and an owner from CODEOWNERS.
 *
 * - Rows: undeclared hotspots (a grouped directory or a file), best score first, and (once
 *   undeclared rows with config findings.
 * - Frequency: fix commits per 30 days of the window, mapped by `frequency_levels`, the
 *   levels scoring uses (audit keeps max(declared, observed), so this never counts twice).
 * - Risk: 2, +1 when the row's coverage is below `coverage_floor` or its source files are
 *   untested, +1 per kind of config finding; at most 5.
 * - Cost of delay: 3, the middle of the scale, for the team to set.
 * - Then one item per kind of ML practice finding on undeclared files, in the category the
 *   kind belongs to (data files → data, unpinned environments and missing tracking →
 *   reproducibility, literal hyperparameters → configuration, missing validation →
 *   monitoring), naming its files (their directories past 20); risk 2 + the kind's raise.
 */
import type { ResolvedSettings } from '../../inventory/settings.js';
import type { PracticeFinding, PracticeFindingKind, ReportWindow } from '../../model/index.js';
import { PRACTICE_KINDS } from '../../report/practice-findings.js';
import type { ScanRow } from '../../model/scan.js';
import { levelFor, RISK_RAISING_CONFIG_KINDS } from '../../scoring/score.js';
import { ownerRuleOf, type CodeownersRule } from '../../signals/owners/index.js';
import { formatPercent, roundTo } from '../../util/numbers.js';
import { compareText, plural } from '../../util/text.js';

export interface SuggestedItem {
  id: string;
  title: string;
  category: string;
  /** The first owner of the CODEOWNERS rule owning the row's hottest file, or null. */
  owner: string | null;
  /** Where that owner came from (`.github/CODEOWNERS:4`), or null. */
  ownerSource: string | null;
  risk: number;
  frequency: number;
  costOfDelay: number;
  paths: string[];
  evidence: string;
  /** The scan row it was made from; null for an item made from a kind of practice finding. */
  row: ScanRow | null;
}

/** The neutral cost of delay a suggestion starts with. */
export const SUGGESTED_COST_OF_DELAY = 3;
/** Risk a suggestion starts from before the evidence raises it. */
const BASE_RISK = 2;

/** Id prefix per category (`DATA-001`); categories of settings.categories use their name. */
const ID_PREFIXES: Record<string, string> = {
  data: 'DATA',
  model: 'MODEL',
  configuration: 'CONF',
  pipeline: 'PIPE',
  testing: 'TEST',
  monitoring: 'MON',
  infrastructure: 'INFRA',
  reproducibility: 'REPRO',
};

/** Directory names that say what a path is about, in the order they are tried. */
const DIRECTORY_CATEGORIES: [string, ReadonlySet<string>][] = [
  ['testing', new Set(['tests', 'test', 'testing', '__tests__', 'spec'])],
  [
    'infrastructure',
    new Set(['.github', 'infra', 'infrastructure', 'docker', 'deploy', 'terraform', 'k8s', 'helm']),
  ],
  ['configuration', new Set(['configs', 'config', 'conf', 'settings'])],
  ['monitoring', new Set(['monitoring', 'monitor', 'alerts', 'observability'])],
  ['pipeline', new Set(['pipelines', 'pipeline', 'dags', 'workflows', 'jobs'])],
  ['data', new Set(['data', 'features', 'feature_store', 'ingest', 'ingestion', 'etl'])],
  ['model', new Set(['train', 'training', 'models', 'model', 'serving', 'serve', 'inference'])],
  ['reproducibility', new Set(['notebooks', 'experiments'])],
];

const CONFIG_FILE = /\.(ya?ml|json|toml|ini|cfg|properties)$|^\.env(\.|$)/i;

/**
 * The category a path suggests. Directory names decide first (tests/ → testing, .github/,
 * infra/, docker/ → infrastructure, configs/ → configuration, monitoring/, pipelines/,
 * data/, features/ and ingest/ → data, train/, models/ and serving/ → model, notebooks/ →
 * reproducibility); then the file name (Dockerfile, docker-compose, *.tf → infrastructure;
 * test_*.py → testing; a config file type → configuration); anything else is pipeline code.
 */
export function guessCategory(path: string): string {
  const segments = path.replace(/\/$/, '').toLowerCase().split('/');
  const isDirectory = path.endsWith('/');
  const directories = isDirectory ? segments : segments.slice(0, -1);
  for (const [category, names] of DIRECTORY_CATEGORIES) {
    if (directories.some((d) => names.has(d))) return category;
  }
  const file = isDirectory ? '' : (segments.at(-1) ?? '');
  if (/^dockerfile|^docker-compose|\.tf$/.test(file)) return 'infrastructure';
  if (/^test_.*\.py$|_test\.\w+$|\.test\.\w+$/.test(file)) return 'testing';
  if (CONFIG_FILE.test(file)) return 'configuration';
  return 'pipeline';
}

/** Whether a scan row deserves an item: undeclared, and a hotspot or a config finding. */
export function isSuggestible(row: ScanRow): boolean {
  return row.undeclared && (row.hotspot || (row.configFindings?.length ?? 0) > 0);
}

/** Escapes the characters picomatch reads as syntax, so a path matches only itself. */
export function escapeGlob(path: string): string {
  return path.replace(/[\\*?[\]{}()!+@]/g, '\\$&');
}

/**
 * Suggested items for the first `limit` suggestible rows, with ids that collide with none
 * of `existingIds`.
 */
export function suggestItems(
  rows: readonly ScanRow[],
  context: {
    window: ReportWindow | null;
    settings: Pick<ResolvedSettings, 'coverageFloor' | 'frequencyLevels'> &
      Partial<Pick<ResolvedSettings, 'practices'>>;
    existingIds: readonly string[];
    codeowners: { file: string; rules: readonly CodeownersRule[] } | null;
    limit: number;
  },
): SuggestedItem[] {
  const taken = new Set(context.existingIds);
  const next = new Map<string, number>();
  const nextId = (prefix: string): string => {
    let n = next.get(prefix) ?? highestNumber(taken, prefix) + 1;
    while (taken.has(formatId(prefix, n))) n++;
    next.set(prefix, n + 1);
    const id = formatId(prefix, n);
    taken.add(id);
    return id;
  };
  const fromRows = rows
    .filter(isSuggestible)
    .slice(0, context.limit)
    .map((row): SuggestedItem => {
      const category = guessCategory(row.kind === 'directory' ? row.path : row.hottestFile);
      const rule = context.codeowners
        ? ownerRuleOf(context.codeowners.rules, row.hottestFile)
        : null;
      const owner = rule?.owners[0] ?? null;
      return {
        id: nextId(ID_PREFIXES[category] ?? category.toUpperCase().replace(/[^A-Z0-9]/g, '')),
        title: describeTitle(row, context.window),
        category,
        owner,
        ownerSource:
          owner !== null && context.codeowners ? `${context.codeowners.file}:${rule!.line}` : null,
        risk: suggestRisk(row, context.settings.coverageFloor),
        frequency: suggestFrequency(row, context.window, context.settings.frequencyLevels),
        costOfDelay: SUGGESTED_COST_OF_DELAY,
        paths: [row.kind === 'directory' ? directFiles(row.path) : escapeGlob(row.path)],
        evidence: describeEvidence(row, context.window),
        row,
      };
    });
  const fromPractices = PRACTICE_KINDS.flatMap((kind): SuggestedItem[] => {
    const findings = undeclaredPracticeFindings(rows, kind);
    if (findings.length === 0) return [];
    const files = [...new Set(findings.map((f) => f.file))].sort(compareText);
    const rule = context.codeowners ? ownerRuleOf(context.codeowners.rules, files[0]!) : null;
    const owner = rule?.owners[0] ?? null;
    const category = PRACTICE_CATEGORIES[kind];
    return [
      {
        id: nextId(ID_PREFIXES[category] ?? category.toUpperCase().replace(/[^A-Z0-9]/g, '')),
        title: `${PRACTICE_TITLES[kind]}: ${plural(files.length, 'file')}`,
        category,
        owner,
        ownerSource:
          owner !== null && context.codeowners ? `${context.codeowners.file}:${rule!.line}` : null,
        risk: Math.min(5, BASE_RISK + (context.settings.practices?.risk[kind] ?? 1)),
        frequency: 1,
        costOfDelay: SUGGESTED_COST_OF_DELAY,
        paths: practicePaths(files),
        evidence:
          `Found by mldebt init: ${plural(findings.length, `${kind} finding`)}, e.g. ` +
          `${findings[0]!.file}: ${findings[0]!.detail}.`,
        row: null,
      },
    ];
  });
  return [...fromRows, ...fromPractices];
}

/** Where each kind of practice finding belongs in the inventory. */
export const PRACTICE_CATEGORIES: Record<PracticeFindingKind, string> = {
  'data-in-git': 'data',
  'unpinned-dependency': 'reproducibility',
  'magic-number': 'configuration',
  'no-tracking': 'reproducibility',
  'no-validation': 'monitoring',
};

const PRACTICE_TITLES: Record<PracticeFindingKind, string> = {
  'data-in-git': 'Data and model files kept in git',
  'unpinned-dependency': 'Unpinned dependencies without a lock file',
  'magic-number': 'Literal hyperparameters in training and serving code',
  'no-tracking': 'No experiment tracking near training code',
  'no-validation': 'No data validation near data-loading code',
};

/**
 * The glob of a directory's own files (`src/common/*`), not of its subdirectories: what a
 * directory row of scan counts. `src/common/**` would give the item every subdirectory's
 * commits too, figures its title and evidence never showed, shared with the items made
 * from those subdirectories' own rows.
 */
function directFiles(directory: string): string {
  return `${escapeGlob(directory)}*`;
}

/** An item names at most this many files one by one; beyond, their directories. */
const MAX_PRACTICE_PATHS = 20;

/**
 * The files as globs that match only them; past {@link MAX_PRACTICE_PATHS}, the files
 * directly in their directories.
 */
function practicePaths(files: readonly string[]): string[] {
  if (files.length <= MAX_PRACTICE_PATHS) return files.map(escapeGlob);
  const directories = [...new Set(files.map((f) => f.slice(0, f.lastIndexOf('/') + 1)))];
  return directories
    .sort(compareText)
    .map((dir) =>
      dir === '' ? files.filter((f) => !f.includes('/')).map(escapeGlob) : [directFiles(dir)],
    )
    .flat();
}

/** The findings of one kind on files no inventory item declares, each once. */
function undeclaredPracticeFindings(
  rows: readonly ScanRow[],
  kind: PracticeFindingKind,
): PracticeFinding[] {
  const seen = new Set<PracticeFinding>();
  for (const row of rows) {
    if (!row.undeclared) continue;
    for (const f of row.practiceFindings ?? []) if (f.kind === kind) seen.add(f);
  }
  return [...seen].sort((a, b) => compareText(a.file, b.file));
}

function formatId(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(3, '0')}`;
}

function highestNumber(ids: ReadonlySet<string>, prefix: string): number {
  let highest = 0;
  for (const id of ids) {
    if (id.startsWith(`${prefix}-`)) {
      const n = Number(id.slice(prefix.length + 1));
      if (Number.isSafeInteger(n)) highest = Math.max(highest, n);
    }
  }
  return highest;
}

/** Risk from the evidence; see the module comment. */
export function suggestRisk(row: ScanRow, coverageFloor: number): number {
  let risk = BASE_RISK;
  const cov = row.coverage;
  if (cov !== null) {
    const below = cov.percent !== null && (100 * cov.covered) / cov.coverable < coverageFloor;
    const untested = cov.percent === null && cov.untestedFiles > 0;
    if (below || untested) risk += 1;
  }
  risk += new Set(
    (row.configFindings ?? []).map((f) => f.kind).filter((k) => RISK_RAISING_CONFIG_KINDS.has(k)),
  ).size;
  return Math.min(5, risk);
}

/** Frequency from the fix rate, with the levels scoring uses. */
export function suggestFrequency(
  row: ScanRow,
  window: ReportWindow | null,
  levels: readonly number[],
): number {
  if (window === null || row.fixCommits === null || window.days <= 0) return 1;
  return levelFor(roundTo(row.fixCommits / (window.days / 30), 2), levels);
}

function describeTitle(row: ScanRow, window: ReportWindow | null): string {
  const what = row.kind === 'directory' ? `${row.path} (${row.files.length} files)` : row.path;
  if (!row.hotspot || window === null) return `Undeclared: ${what}`;
  return `Undeclared hotspot: ${what}, ${plural(row.fixCommits ?? 0, 'fix commit')} in ${Math.round(window.days)} days`;
}

function describeEvidence(row: ScanRow, window: ReportWindow | null): string {
  const parts: string[] = [];
  if (window !== null && row.commits !== null) {
    parts.push(
      `${plural(row.fixCommits ?? 0, 'fix commit')} among ${plural(row.commits, 'commit')} ` +
        `by ${plural(row.authors ?? 0, 'author')} from ${window.since} to ${window.until}`,
    );
  }
  const cov = row.coverage;
  if (cov?.percent != null) parts.push(`line coverage ${formatPercent(cov.percent)}`);
  else if (cov && cov.untestedFiles > 0) parts.push('no test covers its source files');
  const kinds = [...new Set((row.configFindings ?? []).map((f) => f.kind))].sort();
  if (kinds.length > 0) parts.push(`config findings: ${kinds.join(', ')}`);
  if (row.kind === 'directory') parts.push(`hottest file ${row.hottestFile}`);
  return `Found by mldebt init: ${parts.join('; ')}.`;
}
