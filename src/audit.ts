/**
 * The audit pipeline: options → inventory → signals → scores → Report. Prints nothing and
 * never touches `process`; the CLI renders what this returns. Programmatic users call
 * {@link audit} directly.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { UserError } from './errors.js';
import { compareBaselineSettings, compareWithBaseline, parseBaseline } from './gate/baseline.js';
import { evaluateGate } from './gate/gate.js';
import { findInventory, loadInventory, type LoadedInventory } from './inventory/index.js';
import { isCalendarDate, type InventoryItem } from './inventory/schema.js';
import { resolveSettings, type ResolvedSettings } from './inventory/settings.js';
import type {
  CoverageSignal,
  Diagnostic,
  GitSignal,
  ItemSignals,
  NotRankedItem,
  Report,
} from './model/index.js';
import { REPORT_SCHEMA_VERSION } from './model/index.js';
import { rankItems, scoreItem, type ScoringWindow } from './scoring/score.js';
import { computeTotals } from './scoring/totals.js';
import { listFilesOnDisk } from './signals/files-on-disk.js';
import { collectGitHistory, describeWindow } from './signals/git/index.js';
import {
  readHead,
  resolveRepository,
  resolveRevision,
  type RepositoryInfo,
} from './signals/git/repo.js';
import { checkDuration, dayEnd, dayStart, DAY_MS, isoDay, subtractDuration } from './util/dates.js';
import { closestMatch } from './util/did-you-mean.js';
import { isNegated, suggestGlob } from './util/glob.js';
import { ItemGlobIndex } from './util/item-globs.js';
import { compileWildcards } from './util/wildcard.js';
import { VERSION } from './version.js';

export interface AuditOptions {
  /** Directory relative paths are resolved against (the CLI passes process.cwd()). */
  cwd: string;
  /** `--repo`: default is the git top level of `cwd` (or of the `--config` file's directory). */
  repo?: string;
  /** `--config`: default is the first of debt.yaml, debt.yml, .mldebt.yaml in the repo root. */
  config?: string;
  /** `--since`: a duration (`90d`, `26w`, `12m`) or a date `YYYY-MM-DD`. */
  since?: string;
  /** `--until`: a date `YYYY-MM-DD` or a revision. */
  until?: string;
  /** `--category` / `--owner`: select the items ranked, totalled and gated (case-insensitive). */
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
  /** Environment git runs with (PATH, HOME, config locations); default: this process's. */
  env?: NodeJS.ProcessEnv;
}

/** Warning codes that mean a signal was not (fully) measured; `--strict` refuses them. */
export const MEASUREMENT_WARNINGS = new Set([
  'shallow-history',
  'not-git',
  'glob-no-match',
  'coverage-unmapped',
  'partial-clone',
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
  const { env } = options;
  // Read the baseline first: a bad baseline should fail before any history is walked.
  const baselineFile = options.baseline;
  const baseline = baselineFile
    ? parseBaseline(await readBaselineFile(options.cwd, baselineFile), baselineFile)
    : null;
  const { repo, inventoryPath } = await resolveAuditTarget(options);
  const root = repo.root;
  const inventoryDisplay = displayPath(inventoryPath, root, options.cwd);
  const loaded = await loadInventory(inventoryPath, inventoryDisplay);
  const { inventory } = loaded;
  if (baseline && baseline.project !== undefined && baseline.project !== inventory.project) {
    throw new UserError(
      `${baselineFile}: baseline is a report of project "${baseline.project}", this inventory is ` +
        `"${inventory.project}": scores of another project are not comparable`,
    );
  }
  const settings = resolveSettings(inventory.settings);

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
  const selected = selectItems(indexed, options, inventoryDisplay);
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

  // Items with the very same globs form one group: paths are matched once per group.
  const globIndex = new ItemGlobIndex(ranked.map(({ item }) => item.paths));
  const windowSetting = options.since ?? settings.window;
  let head: string | null = null;
  let window: ScoringWindow | null = null;
  let groupGit: (GitSignal | null)[] | null = null;
  let groupFiles: string[][] | null = null;
  let gitNotMeasured: string | null = null;
  let repoFiles: string[] | null = null;
  let shallow = false;
  let lineChurn = options.lineChurn ?? settings.lineChurn;

  if (!repo.git) {
    gitNotMeasured = 'not a git repository';
    warnings.push({
      code: 'not-git',
      message: `${root} is not a git repository: git signals (commits, fixes, authors, churn) are not measured`,
    });
  } else {
    const until = await resolveUntil(root, options.until, env);
    head = until.hash;
    if (until.untilMs === null || until.hash === null) {
      gitNotMeasured = 'no commit yet';
      notes.push({
        code: 'empty-repository',
        message: 'the repository has no commit yet: no window, nothing is overdue',
      });
    } else {
      const sinceMs = resolveSince(until.untilMs, windowSetting);
      window = { sinceMs, untilMs: until.untilMs, days: (until.untilMs - sinceMs) / DAY_MS };
      const collected = await collectGitHistory({
        root,
        hash: until.hash,
        sinceMs,
        untilMs: until.untilMs,
        staleAfter: settings.staleAfter,
        fixPattern: settings.fixPattern,
        fixExclude: settings.fixExclude,
        isBot: compileBotMatcher(settings.bots),
        lineChurn,
        index: globIndex,
        env,
        onProgress: options.onProgress,
      });
      groupGit = collected.groupSignals;
      groupFiles = collected.groupFiles;
      repoFiles = collected.trackedFiles;
      shallow = collected.shallow;
      lineChurn = collected.lineChurn;
      warnings.push(...collected.warnings);
      notes.push(...collected.notes);
      warnings.push(...describeDeadGlobs(ranked, globIndex.deadGlobs(), loaded.locator, repoFiles));
    }
  }

  // Coverage: --coverage (relative to cwd) replaces settings.coverage (relative to the repo).
  const coverageReports = options.coverage ?? settings.coverage;
  const coverageCwd = options.coverage ? options.cwd : root;
  let groupCoverage: CoverageSignal[] | null = null;
  if (coverageReports.length > 0) {
    if (repoFiles === null) {
      repoFiles = await listFilesOnDisk(root);
      groupFiles = globIndex.selectFiles(repoFiles);
    }
    // Loaded only when reports are given: the XML readers' parser alone costs ~0.1 s of start-up.
    const { collectCoverage, describeUnmapped } = await import('./signals/coverage/index.js');
    const { coverageForItem } = await import('./signals/coverage/item-coverage.js');
    const index = await collectCoverage(coverageReports, {
      cwd: coverageCwd,
      repoRoot: root,
      repoFiles,
    });
    warnings.push(...describeUnmapped(index));
    groupCoverage = (groupFiles ?? []).map((files) => coverageForItem(index, files));
  }

  const deadGlobs = repoFiles === null ? null : globIndex.deadGlobs();
  const scored = ranked.map(({ item, index }, i) => {
    const group = globIndex.groupOfItem[i]!;
    const git = group >= 0 && groupGit ? (groupGit[group] ?? null) : null;
    const evidence: ItemSignals = {
      git,
      gitNotMeasured:
        group < 0 ? 'no paths' : (gitNotMeasured ?? (git === null ? 'no file' : null)),
      // Globs that matched nothing are known only where files were listed.
      deadGlobs: deadGlobs?.[i] ?? [],
      coverage: group >= 0 && groupCoverage ? (groupCoverage[group] ?? null) : null,
      config: null,
    };
    return scoreItem(item, evidence, window, settings, loaded.itemLocations[index] ?? null);
  });
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

  const reportSettings = describeSettings(settings, { windowSetting, lineChurn, coverageReports });
  const reportWindow = window ? describeWindow(window.sinceMs, window.untilMs) : null;
  if (baseline && baselineFile) {
    const differences = compareBaselineSettings(baseline, reportSettings, reportWindow);
    if (differences.length > 0) {
      const message =
        `${baselineFile} was computed with other scoring settings (${differences.join('; ')}): ` +
        'its scores are not comparable with these';
      if (options.failOnIncrease) {
        throw new UserError(
          `${message}; re-create the baseline with the same settings, or drop --fail-on-increase`,
        );
      }
      warnings.push({ code: 'baseline-incomparable', message });
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
    window: reportWindow,
    settings: reportSettings,
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

/**
 * The repository and the inventory a run is about. Without `--repo`, the repository is the
 * one containing `cwd`, or, when that is none, the one containing the `--config` file (so
 * `-c ~/src/model/debt.yaml` from anywhere audits that repository with its history).
 */
export async function resolveAuditTarget(
  options: Pick<AuditOptions, 'cwd' | 'repo' | 'config' | 'env'>,
): Promise<{ repo: RepositoryInfo; inventoryPath: string }> {
  const { cwd, env } = options;
  let repo = await resolveRepository(resolve(cwd, options.repo ?? '.'), env);
  const configPath = options.config === undefined ? undefined : resolve(cwd, options.config);
  if (options.repo === undefined && !repo.git && configPath !== undefined) {
    const dir = dirname(configPath);
    if (existsSync(dir)) {
      const ofConfig = await resolveRepository(dir, env);
      if (ofConfig.git) repo = ofConfig;
    }
  }
  return { repo, inventoryPath: configPath ?? findInventory(repo.root) };
}

/** The settings a Report records: everything that changes a score, as the user set it. */
function describeSettings(
  settings: ResolvedSettings,
  run: { windowSetting: string; lineChurn: boolean; coverageReports: string[] },
): Report['settings'] {
  return {
    coverageFloor: settings.coverageFloor,
    lineChurn: run.lineChurn,
    coverageReports: run.coverageReports,
    window: run.windowSetting,
    fixPattern: settings.fixPattern.source,
    fixExclude: settings.fixExclude?.source ?? null,
    bots: [...settings.bots],
    frequencyLevels: [...settings.frequencyLevels],
    costLevels: [...settings.costLevels],
    tagMultipliers: Object.fromEntries(
      [...settings.tagMultipliers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ),
  };
}

/** Bots by mailmapped author name or email (`*` wildcards, case-insensitive). */
function compileBotMatcher(patterns: readonly string[]): (name: string, email: string) => boolean {
  const matches = compileWildcards(patterns);
  return (name, email) => matches(name) || matches(email);
}

/**
 * One warning per glob that selects nothing (no tracked file at HEAD, no path changed in the
 * window), with a close match when there is one. An item none of whose globs selects
 * anything has no git figures at all (null, "not measured: no file"), never zeros.
 */
function describeDeadGlobs(
  ranked: { item: InventoryItem; index: number }[],
  dead: string[][],
  locator: LoadedInventory['locator'],
  files: readonly string[],
): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  ranked.forEach(({ item, index }, i) => {
    for (const glob of dead[i] ?? []) {
      const suggestion = suggestGlob(glob, files);
      const what = isNegated(glob)
        ? 'excludes nothing: it matches no tracked file at HEAD and no path changed in the window'
        : 'matches no tracked file at HEAD and no path changed in the window';
      warnings.push({
        code: 'glob-no-match',
        itemId: item.id,
        location: locator.value(['items', index, 'paths', item.paths.indexOf(glob)]),
        message:
          `${item.id}: glob "${glob}" ${what}` +
          (suggestion ? ` (did you mean "${suggestion}"?)` : ''),
      });
    }
  });
  return warnings;
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

/**
 * `--category` and `--owner` select the items that are ranked, totalled and gated; they match
 * case-insensitively. A value no item of the inventory has is an error with a "did you mean":
 * a typo must never turn a CI gate into an empty pass.
 */
function selectItems<T extends { item: InventoryItem }>(
  items: T[],
  options: Pick<AuditOptions, 'category' | 'owner'>,
  inventoryDisplay: string,
): T[] {
  const filters: [string, string | undefined, (item: InventoryItem) => string][] = [
    ['category', options.category, (item) => item.category],
    ['owner', options.owner, (item) => item.owner ?? 'unowned'],
  ];
  let selected = items;
  for (const [flag, wanted, valueOf] of filters) {
    if (wanted === undefined) continue;
    const known = [...new Set(items.map(({ item }) => valueOf(item)))].sort();
    const key = wanted.toLowerCase();
    if (!known.some((value) => value.toLowerCase() === key)) {
      const suggestion = closestMatch(wanted, known);
      throw new UserError(
        `--${flag}: no item of ${inventoryDisplay} has ${flag} "${wanted}"` +
          (suggestion ? ` (did you mean "${suggestion}"?)` : '') +
          `; ${flag === 'category' ? 'categories' : 'owners'} there: ${known.join(', ') || 'none'}`,
      );
    }
    selected = selected.filter(({ item }) => valueOf(item).toLowerCase() === key);
  }
  return selected;
}

/**
 * `--until`: a date (the end of that day, UTC; history is walked from HEAD) or a revision
 * (its committer date; history is walked from it). The revision is resolved to one commit
 * before git sees anything else of it.
 */
async function resolveUntil(
  root: string,
  until: string | undefined,
  env: NodeJS.ProcessEnv | undefined,
): Promise<{ untilMs: number | null; hash: string | null }> {
  if (until !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(until)) {
    if (!isCalendarDate(until)) throw new UserError(`--until: "${until}" is not a real date`);
    const head = await readHead(root, env);
    return { untilMs: head.hash === null ? null : dayEnd(until), hash: head.hash };
  }
  if (until === undefined) {
    const head = await readHead(root, env);
    return { untilMs: head.time === null ? null : head.time * 1000, hash: head.hash };
  }
  const commit = await resolveRevision(root, until, env);
  return { untilMs: commit.time * 1000, hash: commit.hash };
}

/**
 * `--since` / `settings.window`: a duration back from the window end, or a start date. The
 * window must span at least a day: observed frequency is events per 30 days of it, and a
 * shorter (or empty) window would turn one fix into "level 5" or divide by zero.
 */
function resolveSince(untilMs: number, since: string): number {
  let start: number;
  if (/^\d{4}-\d{2}-\d{2}$/.test(since)) {
    if (!isCalendarDate(since)) throw new UserError(`--since: "${since}" is not a real date`);
    start = dayStart(since);
    if (start > untilMs) throw new UserError(`--since: ${since} is after the window end`);
  } else {
    const why = checkDuration(since);
    if (why !== undefined) {
      // The same rule as settings.window; a date is the other form --since takes.
      throw new UserError(`--since: ${why}, or a date YYYY-MM-DD, got "${clip(since)}"`);
    }
    start = subtractDuration(untilMs, since);
  }
  if (!Number.isFinite(start)) throw new UserError(`--since: "${since}" reaches too far back`);
  if (untilMs - start < DAY_MS) {
    const hours = Math.round(((untilMs - start) / 3_600_000) * 10) / 10;
    throw new UserError(
      `--since: the window ${isoDay(start)} → ${isoDay(untilMs)} spans ${hours} hours; ` +
        'it must span at least one day (frequency is measured per 30 days of it)',
    );
  }
  return start;
}

/** A typed value for a message: a 20-digit typo must not become a 20-line message. */
function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Inventory path for reports: relative to the repository root when inside it, else to cwd. */
export function displayPath(path: string, root: string, cwd: string): string {
  const inRoot = relative(root, path);
  const chosen = !inRoot.startsWith('..') && !isAbsolute(inRoot) ? inRoot : relative(cwd, path);
  return chosen.split(sep).join('/');
}
