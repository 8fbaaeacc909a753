/**
 * The audit pipeline: options → inventory → signals → scores → Report. Prints nothing and
 * never touches `process`; the CLI renders what this returns. Programmatic users call
 * {@link audit} directly.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { UserError } from './errors.js';
import { findInventory, loadInventory, type LoadedInventory } from './inventory/index.js';
import { isCalendarDate, type InventoryItem } from './inventory/schema.js';
import { resolveSettings, type ResolvedSettings } from './inventory/settings.js';
import type {
  CoverageSignal,
  Diagnostic,
  GitSignal,
  NotRankedItem,
  Report,
} from './report/model.js';
import { REPORT_SCHEMA_VERSION } from './report/model.js';
import { compareWithBaseline, parseBaseline } from './gate/baseline.js';
import { evaluateGate } from './gate/gate.js';
import { rankItems, scoreItem, type ScoringWindow } from './scoring/score.js';
import { computeTotals } from './scoring/totals.js';
import { collectGitHistory, describeWindow } from './signals/git/index.js';
import { readHead, resolveRepository } from './signals/git/repo.js';
import { collectCoverage, type CoverageIndex } from './signals/coverage/index.js';
import { coverageForItem } from './signals/coverage/item-coverage.js';
import { listFilesOnDisk } from './signals/files-on-disk.js';
import { compileGlob } from './util/glob.js';
import { dayEnd, dayStart, DAY_MS, subtractDuration } from './util/dates.js';
import { VERSION } from './version.js';

export interface AuditOptions {
  /** Directory relative paths are resolved against (the CLI passes process.cwd()). */
  cwd: string;
  /** `--repo`: default is the git top level of `cwd`. */
  repo?: string;
  /** `--config`: default is the first of debt.yaml, debt.yml, .mldebt.yaml in the repo root. */
  config?: string;
  /** `--since`: a duration (`90d`, `26w`, `12m`) or a date `YYYY-MM-DD`. */
  since?: string;
  /** `--until`: a date `YYYY-MM-DD` or a revision. */
  until?: string;
  /** `--category` / `--owner`: select the items ranked, totalled and gated. */
  category?: string;
  owner?: string;
  /** `--no-line-churn`: skip `--numstat` (churn becomes null). */
  lineChurn?: boolean;
  /** `--strict`: a signal that could not be fully measured is an error. */
  strict?: boolean;
  /** `--coverage`: report files, relative to `cwd`; replaces `settings.coverage` (relative to the repo). */
  coverage?: string[];
  /** `--fail-above` / `--fail-total-above`: override `settings.thresholds`. */
  failAbove?: number;
  failTotalAbove?: number;
  /** `--baseline <report.json>`: compare with a previous JSON report (deltas in every output). */
  baseline?: string;
  /** `--fail-on-increase`: the ratchet; needs a baseline. */
  failOnIncrease?: boolean;
  /** Progress of the history pass (commits read so far); the CLI uses it on a terminal only. */
  onProgress?: (commits: number) => void;
}

/** Warning codes that mean a signal was not (fully) measured; `--strict` refuses them. */
export const MEASUREMENT_WARNINGS = new Set([
  'shallow-history',
  'not-git',
  'glob-no-match',
  'coverage-unmapped',
]);

export interface AuditContext {
  report: Report;
  root: string;
  /** Absolute path of the inventory that was read (the CLI never writes a report over it). */
  inventoryPath: string;
  settings: ResolvedSettings;
  loaded: LoadedInventory;
}

/** Runs the whole pipeline and returns the Report, gate included. */
export async function audit(options: AuditOptions): Promise<AuditContext> {
  if (options.failOnIncrease && !options.baseline) {
    throw new UserError('--fail-on-increase needs --baseline <report.json> to compare with');
  }
  // Read the baseline first: a bad baseline should fail before any history is walked.
  const baselineFile = options.baseline;
  const baseline = baselineFile
    ? parseBaseline(await readBaselineFile(options.cwd, baselineFile), baselineFile)
    : null;
  const repo = await resolveRepository(resolve(options.cwd, options.repo ?? '.'));
  const root = repo.root;
  const inventoryPath = options.config ? resolve(options.cwd, options.config) : findInventory(root);
  const inventoryDisplay = displayPath(inventoryPath, root, options.cwd);
  const loaded = await loadInventory(inventoryPath, inventoryDisplay);
  const { inventory } = loaded;
  const settings = resolveSettings(inventory.settings);
  const lineChurn = options.lineChurn ?? settings.lineChurn;

  const warnings: Diagnostic[] = loaded.problems
    .filter((p) => p.severity === 'warning')
    .map((p) => ({
      code: p.code,
      message: p.message,
      ...(p.itemId ? { itemId: p.itemId } : {}),
      ...(p.location ? { location: p.location } : {}),
    }));
  const notes: Diagnostic[] = [];

  // Items are selected before anything is measured: --category/--owner decide what is ranked.
  const indexed = inventory.items.map((item, index) => ({ item, index }));
  const selected = indexed.filter(({ item }) => selects(item, options));
  const ranked = selected.filter(
    ({ item }) => item.status === 'open' || item.status === 'in-progress',
  );
  const notRanked: NotRankedItem[] = selected
    .filter(({ item }) => item.status === 'accepted' || item.status === 'resolved')
    .map(({ item }) => ({
      id: item.id,
      title: item.title,
      category: item.category,
      owner: item.owner ?? null,
      status: item.status as 'accepted' | 'resolved',
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));

  let head: string | null = null;
  let window: ScoringWindow | null = null;
  let gitSignals: (GitSignal | null)[] = ranked.map(() => null);
  let itemFiles: string[][] | null = null;
  let repoFiles: string[] | null = null;
  let shallow = false;

  if (!repo.git) {
    warnings.push({
      code: 'not-git',
      message: `${root} is not a git repository: git signals (commits, fixes, authors, churn) are not measured`,
    });
  } else {
    const { untilMs, rev, hash } = await resolveUntil(root, options.until);
    head = hash;
    if (untilMs === null) {
      notes.push({
        code: 'empty-repository',
        message: 'the repository has no commit yet: no window, nothing is overdue',
      });
    } else {
      const sinceMs = resolveSince(untilMs, options.since ?? settings.window);
      window = { sinceMs, untilMs, days: (untilMs - sinceMs) / DAY_MS };
      const collected = await collectGitHistory({
        root,
        rev,
        sinceMs,
        untilMs,
        staleAfter: settings.staleAfter,
        fixPattern: settings.fixPattern,
        lineChurn,
        onProgress: options.onProgress,
        items: ranked.map(({ item, index }) => ({
          id: item.id,
          paths: item.paths,
          pathLocations: item.paths.map((_, p) =>
            loaded.locator.value(['items', index, 'paths', p]),
          ),
        })),
      });
      gitSignals = collected.signals;
      itemFiles = collected.itemFiles;
      repoFiles = collected.trackedFiles;
      shallow = collected.shallow;
      warnings.push(...collected.warnings);
      notes.push(...collected.notes);
    }
  }

  // Coverage: --coverage (relative to cwd) replaces settings.coverage (relative to the repo).
  const coverageReports = options.coverage ?? settings.coverage;
  const coverageCwd = options.coverage ? options.cwd : root;
  let coverageSignals: (CoverageSignal | null)[] = ranked.map(() => null);
  if (coverageReports.length > 0) {
    repoFiles ??= await listFilesOnDisk(root);
    itemFiles ??= ranked.map(({ item }) => matchFiles(item.paths, repoFiles!));
    const index = await collectCoverage(coverageReports, {
      cwd: coverageCwd,
      repoRoot: root,
      repoFiles,
    });
    warnings.push(...describeUnmapped(index));
    coverageSignals = ranked.map(({ item }, i) =>
      item.paths.length === 0 ? null : coverageForItem(index, itemFiles![i] ?? []),
    );
  }

  const scored = ranked.map(({ item, index }, i) =>
    scoreItem(
      item,
      { git: gitSignals[i] ?? null, coverage: coverageSignals[i] ?? null, config: null },
      window,
      settings,
      loaded.itemLocations[index] ?? null,
    ),
  );
  const items = rankItems(scored);

  if (options.strict) {
    const refused = warnings.filter((w) => MEASUREMENT_WARNINGS.has(w.code));
    if (refused.length > 0) {
      throw new UserError(
        `--strict: ${refused.length} signal${refused.length === 1 ? '' : 's'} could not be fully measured:\n` +
          refused.map((w) => `  ${w.message}`).join('\n'),
      );
    }
  }

  const totals = computeTotals(items);
  const comparison =
    baseline && baselineFile
      ? compareWithBaseline(items, totals.score, baseline, baselineFile)
      : null;
  const thresholds = {
    failAbove: options.failAbove ?? settings.thresholds.failAbove,
    failTotalAbove: options.failTotalAbove ?? settings.thresholds.failTotalAbove,
    failOnIncrease: options.failOnIncrease ?? false,
  };

  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'mldebt', version: VERSION },
    project: inventory.project,
    inventory: inventoryDisplay,
    repository: { head, git: repo.git, shallow },
    window: window ? describeWindow(window.sinceMs, window.untilMs) : null,
    settings: { coverageFloor: settings.coverageFloor, lineChurn, coverageReports },
    totals,
    items,
    notRanked,
    warnings,
    notes,
    gate: evaluateGate(items, totals, thresholds, comparison),
    baseline: comparison,
  };
  return { report, root, inventoryPath, settings, loaded };
}

function matchFiles(globs: string[], files: string[]): string[] {
  const matchers = globs.map(compileGlob);
  return files.filter((f) => matchers.some((m) => m(f)));
}

/** A report whose entries partly match no repository file: say how many, never drop silently. */
function describeUnmapped(index: CoverageIndex): Diagnostic[] {
  return index.reports
    .filter((r) => r.unmappedCount > 0)
    .map((r) => ({
      code: 'coverage-unmapped',
      message:
        `${r.file}: ${r.unmappedCount} of ${r.entries} file entries match no repository file ` +
        `(e.g. ${r.unmapped.slice(0, 3).join(', ')}); their lines are not counted`,
    }));
}

async function readBaselineFile(cwd: string, file: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`baseline not found: ${file}`);
    throw new UserError(`cannot read baseline ${file}: ${code ?? String(error)}`);
  }
}

function selects(item: InventoryItem, options: AuditOptions): boolean {
  if (options.category !== undefined && item.category !== options.category) return false;
  if (options.owner !== undefined) {
    const owner = item.owner ?? 'unowned';
    if (owner !== options.owner) return false;
  }
  return true;
}

/** `--until`: a date (end of that day, UTC) or a revision (its committer date). */
async function resolveUntil(
  root: string,
  until: string | undefined,
): Promise<{ untilMs: number | null; rev: string; hash: string | null }> {
  if (until !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(until)) {
    if (!isCalendarDate(until)) throw new UserError(`--until: "${until}" is not a real date`);
    const head = await readHead(root, 'HEAD');
    return { untilMs: head.time === null ? null : dayEnd(until), rev: 'HEAD', hash: head.hash };
  }
  const rev = until ?? 'HEAD';
  const head = await readHead(root, rev);
  return { untilMs: head.time === null ? null : head.time * 1000, rev, hash: head.hash };
}

/** `--since` / `settings.window`: a duration back from the window end, or a start date. */
function resolveSince(untilMs: number, since: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(since)) {
    if (!isCalendarDate(since)) throw new UserError(`--since: "${since}" is not a real date`);
    const start = dayStart(since);
    if (start > untilMs) throw new UserError(`--since: ${since} is after the window end`);
    return start;
  }
  if (!/^[1-9]\d*[dwmy]$/.test(since)) {
    throw new UserError(
      `--since: expected a duration like 90d, 26w, 12m or a date YYYY-MM-DD, got "${since}"`,
    );
  }
  return subtractDuration(untilMs, since);
}

/** Inventory path for reports: relative to the repository root when inside it, else to cwd. */
export function displayPath(path: string, root: string, cwd: string): string {
  const inRoot = relative(root, path);
  const chosen = !inRoot.startsWith('..') && !isAbsolute(inRoot) ? inRoot : relative(cwd, path);
  return chosen.split(sep).join('/');
}
