/**
 * `scan`: raw repository signals per file, ranked by hotspot score, with or without an
 * inventory. One history pass (the audit's, with the same diagnostics: shallow or partial
 * clone, a sparse window, a young repository), coverage reports when given, and the
 * inventory's globs when there is one, to mark what no item declares. Prints nothing.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  DEFAULT_INVENTORY_NAMES,
  loadInventory,
  type LoadedInventory,
} from '../inventory/index.js';
import { resolveSettings, type ResolvedSettings } from '../inventory/settings.js';
import type { ConfigFinding, Diagnostic, PracticeFinding, WindowBounds } from '../model/index.js';
import { sortPracticeFindings, type PracticeInput } from '../signals/practices/examine.js';
import { examineAllPractices } from '../signals/practices/examine-all.js';
import { groupByScope } from '../signals/practices/practice-hints.js';
import { isPythonPath } from '../signals/practices/scan-python.js';
import { refuseUnmeasured } from '../pipeline/build-report.js';
import {
  displayPath,
  locateRepository,
  resolveTarget,
  resolveWindow,
} from '../pipeline/context.js';
import type { RunOptions } from '../pipeline/options.js';
import { SCAN_SCHEMA_VERSION, type ScanReport } from '../model/scan.js';
import { rankHotspots, type FileCoverageFact, type HotspotGit } from '../scoring/hotspot.js';
import { listFilesOnDisk } from '../signals/files-on-disk.js';
import { directoryOf, FileHistoryAggregator } from '../signals/git/file-history.js';
import { collectGitHistory, type GitCollection } from '../signals/git/index.js';
import { historyRules } from '../signals/git/commit-rules.js';
import { isNotebookPath } from '../signals/git/notebook-sources.js';
import { listTrackedFiles, type RepositoryInfo } from '../signals/git/repo.js';
import {
  CONFIG_HISTORY_NOT_MEASURED,
  examineConfigFiles,
  listUnversionedFiles,
  historyReachMs,
  stalenessHistory,
  unversionedConfigFiles,
  type UnversionedConfigFile,
} from '../signals/config/index.js';
import { DAY_MS, isoDay } from '../util/dates.js';
import { describeDeadGlob } from '../util/glob.js';
import { ItemGlobIndex } from '../util/item-globs.js';
import { mapDeclaredFiles, toHotspotGit } from '../pipeline/undeclared-hotspots.js';
import { roundTo } from '../util/numbers.js';
import { compareText } from '../util/text.js';
import { formatPhase, PhaseTimer } from '../util/phase-timer.js';
import { VERSION } from '../version.js';

/** What `scan` takes: the run options that apply to it. */
export interface ScanOptions extends Pick<
  RunOptions,
  | 'cwd'
  | 'repo'
  | 'config'
  | 'since'
  | 'until'
  | 'coverage'
  | 'lineChurn'
  | 'strict'
  | 'env'
  | 'cache'
  | 'onNotice'
  | 'onDebug'
> {
  /**
   * `false`: ignore any inventory in the repository (`init` writing a fresh one over it with
   * `--force`); settings are then the defaults. Default: use `--config`, or the inventory
   * found in the repository root when there is one.
   */
  inventory?: boolean;
  /** Progress of the history pass (commits read so far). */
  onProgress?: (commits: number) => void;
}

export interface ScanResult {
  report: ScanReport;
  /** The repository's top level (or the plain directory scanned without git). */
  root: string;
  /** The inventory that marked files declared (absolute), or null. */
  inventoryPath: string | null;
  loaded: LoadedInventory | null;
  settings: ResolvedSettings;
  window: WindowBounds | null;
}

/** Scans the repository and returns every file's row, ranked (see src/scoring/hotspot.ts). */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const { env } = options;
  // `--debug`: each phase's time, as the audit prints them (nothing of it enters the report).
  const timer = new PhaseTimer(options.onDebug);
  const started = performance.now();
  const { repo, inventoryPath } = await locateScanTarget(options);
  const root = repo.root;
  const loaded =
    inventoryPath === null
      ? null
      : await loadInventory(inventoryPath, displayPath(inventoryPath, root, options.cwd));
  const settings = resolveSettings(loaded?.inventory.settings ?? {});
  const warnings: Diagnostic[] = [];
  const notes: Diagnostic[] = [];
  if (loaded === null) {
    notes.push({
      code: 'no-inventory',
      message: 'no inventory: every file counts as undeclared (mldebt init writes one)',
    });
  }

  const windowSetting = options.since ?? settings.window;
  const { head, window } = await resolveWindow(
    repo,
    { since: windowSetting, until: options.until, env },
    { warnings, notes },
  );
  const files = (
    head !== null ? await listTrackedFiles(root, head, env) : await listFilesOnDisk(root)
  ).sort();
  options.onDebug?.(formatPhase('context', performance.now() - started));

  const lineChurnAsked = options.lineChurn ?? settings.lineChurn;
  let history: { files: Map<string, HotspotGit>; directories: Map<string, HotspotGit> } | null =
    null;
  let shallow = false;
  let lineChurn = lineChurnAsked;
  let historyFrom: string | null = null;
  let pass: GitCollection | null = null;
  if (head !== null && window !== null) {
    const rules = historyRules(settings);
    const aggregator = new FileHistoryAggregator({
      ...rules,
      sinceSeconds: Math.ceil(window.sinceMs / 1000),
      untilSeconds: Math.floor(window.untilMs / 1000),
      tracked: new Set(files),
    });
    const collected = await timer.time('history', () =>
      collectGitHistory({
        root,
        hash: head,
        sinceMs: window.sinceMs,
        untilMs: window.untilMs,
        ...rules,
        lineChurn: lineChurnAsked,
        // No item groups: the per-file aggregator observes the same pass.
        index: new ItemGlobIndex([]),
        groupFiles: Promise.resolve([]),
        env,
        onProgress: options.onProgress,
        cache: options.cache ?? true,
        onNotice: options.onNotice,
        onDebug: options.onDebug,
        observe: (commit) => aggregator.add(commit),
        notebooks: {
          mode: settings.notebooks,
          present: () => Promise.resolve(files.some(isNotebookPath)),
        },
      }),
    );
    pass = collected;
    warnings.push(...collected.warnings);
    notes.push(...collected.notes);
    shallow = collected.shallow;
    lineChurn = collected.lineChurn;
    const result = aggregator.result();
    history = {
      files: toHotspotGit(result.files, lineChurn),
      directories: toHotspotGit(result.directories, lineChurn),
    };
    if (lineChurn && settings.notebooks === 'exclude') {
      // A notebook's churn was left out: not measured, never 0. A directory keeps the churn
      // of its other files; one of notebooks only has none measured.
      for (const [path, git] of history.files) if (isNotebookPath(path)) git.churn = null;
      const measuredDirs = new Set(
        files.filter((f) => !isNotebookPath(f)).map((f) => directoryOf(f)),
      );
      for (const [dir, git] of history.directories) if (!measuredDirs.has(dir)) git.churn = null;
    }
    historyFrom = isoDay(historyReachMs(window, settings.staleAfter, collected.historyStops));
  }

  const coverageReports = options.coverage ?? settings.coverage;
  const coverage =
    coverageReports.length === 0
      ? null
      : await timer.time('coverage', () =>
          readFileCoverage(coverageReports, {
            cwd: options.coverage ? options.cwd : root,
            root,
            files,
            warnings,
          }),
        );

  const config = await timer.time('config', () =>
    examineConfigByDirectory({
      root,
      files,
      env,
      head,
      window,
      staleAfter: settings.staleAfter,
      pass,
      notes,
    }),
  );
  const practices = await timer.time('practices', () =>
    examinePracticesRepoWide({
      root,
      head,
      env,
      files,
      selected: null,
      settings: settings.practices,
      cache: options.cache ?? true,
      gitFacts: repo.facts,
    }),
  );
  notes.push(...practices.notes);
  let declaredBy = new Map<string, string[]>();
  if (loaded !== null) {
    const items = loaded.inventory.items;
    const mapped = mapDeclaredFiles(items, files, new Set(config.unversionedFiles));
    declaredBy = mapped.declaredBy;
    const { index } = mapped;
    // A glob with a typo would silently leave its files "undeclared": say which.
    index.deadGlobs().forEach((dead, i) => {
      for (const glob of dead) {
        // At the glob itself, as audit and validate point: the item may hold several.
        const places = loaded.places[i];
        warnings.push({
          code: 'glob-no-match',
          itemId: items[i]!.id,
          location: places?.globs[items[i]!.paths.indexOf(glob)] ?? places?.item,
          message: `${items[i]!.id}: ${describeDeadGlob(glob, files, 'tracked file at HEAD')}`,
        });
      }
    });
  }

  if (options.strict) refuseUnmeasured(warnings);

  const rows = timer.timeSync('scoring', () =>
    rankHotspots({
      files: [...files, ...config.unversionedFiles].sort(compareText),
      git: history,
      coverage,
      declaredBy,
      configFindings: config.findings,
      practiceFindings: practices.findings,
      untracked: new Set(config.unversionedFiles),
    }),
  );
  const hotFiles = files.filter((f) => (history?.files.get(f)?.fixCommits ?? 0) > 0);
  const report: ScanReport = {
    schemaVersion: SCAN_SCHEMA_VERSION,
    tool: { name: 'mldebt', version: VERSION },
    project: loaded?.inventory.project ?? null,
    inventory: inventoryPath === null ? null : displayPath(inventoryPath, root, options.cwd),
    repository: { head, git: repo.git, shallow },
    window:
      window === null
        ? null
        : {
            since: isoDay(window.sinceMs),
            until: isoDay(window.untilMs),
            days: roundTo((window.untilMs - window.sinceMs) / DAY_MS, 2),
          },
    historyFrom,
    settings: {
      window: windowSetting,
      lineChurn,
      coverageReports: [...coverageReports],
      fixPattern: settings.fixPattern,
      fixExclude: settings.fixExclude,
      bots: [...settings.bots],
      coverageFloor: settings.coverageFloor,
      frequencyLevels: [...settings.frequencyLevels],
    },
    totals: {
      files: files.length,
      hotspots: hotFiles.length,
      undeclaredHotspots: hotFiles.filter((f) => !declaredBy.has(f)).length,
    },
    rows,
    warnings,
    notes,
  };
  return { report, root, inventoryPath, loaded, settings, window };
}

/**
 * The repository, and the inventory when there is one: `--config` must exist (the loader
 * says so when it does not); without it, the first default name in the repository root, or
 * none.
 */
async function locateScanTarget(
  options: ScanOptions,
): Promise<{ repo: RepositoryInfo; inventoryPath: string | null }> {
  if (options.inventory !== false && options.config !== undefined) {
    return resolveTarget(options);
  }
  const repo = await locateRepository({ ...options, config: undefined });
  if (options.inventory === false) return { repo, inventoryPath: null };
  const found = DEFAULT_INVENTORY_NAMES.map((name) => join(repo.root, name)).find((p) =>
    existsSync(p),
  );
  return { repo, inventoryPath: found ?? null };
}

/** Per file, its coverage from the reports (the readers load only when reports are given). */
async function readFileCoverage(
  reports: readonly string[],
  run: { cwd: string; root: string; files: string[]; warnings: Diagnostic[] },
): Promise<Map<string, FileCoverageFact>> {
  const { collectCoverage, describeUnmapped } = await import('../signals/coverage/index.js');
  const { isSourceFile } = await import('../signals/coverage/item-coverage.js');
  const { extensionOf } = await import('../signals/coverage/file-extension.js');
  const index = await collectCoverage([...reports], {
    cwd: run.cwd,
    repoRoot: run.root,
    repoFiles: run.files,
  });
  run.warnings.push(...describeUnmapped(index));
  const facts = new Map<string, FileCoverageFact>();
  for (const file of run.files) {
    const measured = index.files.get(file);
    if (measured) {
      facts.set(file, {
        kind: 'measured',
        covered: measured.covered,
        coverable: measured.coverable,
      });
    } else if (isSourceFile(file) && index.extensions.has(extensionOf(file) ?? '')) {
      facts.set(file, { kind: 'untested' });
    }
  }
  return facts;
}

/**
 * ML practice findings per file, repository-wide; the hints are drawn per top-level
 * directory (its Python files are one set, the top level's own files another) and sit on the
 * file they name.
 */
async function examinePracticesRepoWide(
  input: PracticeInput,
): Promise<{ findings: Map<string, PracticeFinding[]>; notes: Diagnostic[] }> {
  const found = await examineAllPractices(input);
  const scopes = groupByScope(input.files.filter(isPythonPath).map((path) => ({ path })));
  const hints = scopes.flatMap((scope) => found.hintsFor(scope.files.map((f) => f.path)));
  const findings = new Map<string, PracticeFinding[]>();
  for (const path of input.files) {
    const onFile = found.onFile(path);
    if (onFile.length > 0) findings.set(path, [...onFile]);
  }
  for (const hint of hints) findings.set(hint.file, [...(findings.get(hint.file) ?? []), hint]);
  for (const list of findings.values()) sortPracticeFindings(list);
  return { findings, notes: found.notes };
}

/**
 * Config findings per file, repository-wide: each directory's files are one group (so a
 * config file is stale when it is older than `stale_after` while another file of its
 * directory changed in the window), environment siblings are drawn from every tracked file,
 * and unversioned config files (untracked or ignored, outside wholesale-ignored directories)
 * get rows of their own. Without a commit, stale and unversioned are not measured.
 */
async function examineConfigByDirectory(run: {
  root: string;
  files: readonly string[];
  env?: NodeJS.ProcessEnv;
  head: string | null;
  window: WindowBounds | null;
  staleAfter: string;
  pass: GitCollection | null;
  notes: Diagnostic[];
}): Promise<{ findings: Map<string, ConfigFinding[]>; unversionedFiles: string[] }> {
  const unversioned =
    run.head === null
      ? null
      : unversionedConfigFiles(await listUnversionedFiles(run.root, run.env));
  const byDirectory = new Map<string, { files: string[]; unversioned: UnversionedConfigFile[] }>();
  const directory = (path: string) => {
    const dir = dirname(path);
    let entry = byDirectory.get(dir);
    if (entry === undefined) byDirectory.set(dir, (entry = { files: [], unversioned: [] }));
    return entry;
  };
  for (const file of run.files) directory(file).files.push(file);
  for (const file of unversioned ?? []) directory(file.path).unversioned.push(file);
  const directories = [...byDirectory.keys()].sort(compareText);
  const examination = await examineConfigFiles({
    root: run.root,
    repoFiles: run.files,
    groups: directories.map((dir) => ({
      files: byDirectory.get(dir)!.files,
      unversioned: unversioned === null ? null : byDirectory.get(dir)!.unversioned,
    })),
    history:
      run.pass === null || run.window === null
        ? null
        : stalenessHistory(run.pass.history, run.window, run.staleAfter, run.pass.historyStops),
  });
  run.notes.push(...examination.notes);
  if (run.head === null) {
    run.notes.push(CONFIG_HISTORY_NOT_MEASURED);
  }
  const findings = new Map<string, ConfigFinding[]>();
  for (const finding of examination.groups.flat()) {
    const list = findings.get(finding.file) ?? [];
    list.push(finding);
    findings.set(finding.file, list);
  }
  const tracked = new Set(run.files);
  const unversionedFiles = [...findings.keys()].filter((file) => !tracked.has(file));
  return { findings, unversionedFiles };
}
