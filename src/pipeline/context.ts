/**
 * Resolving a run before anything is measured: the repository and inventory it is about, the
 * settings, the baseline, the items selected for ranking, the commit and the window. Every
 * mistake a user can make here is a UserError, raised before the history is walked.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { UserError } from '../errors.js';
import type { BaselineReport } from '../gate/baseline.js';
import { findInventory, loadInventory, type LoadedInventory } from '../inventory/index.js';
import type { InventoryItem } from '../inventory/schema.js';
import { isCalendarDate } from '../inventory/vocabulary.js';
import { resolveSettings } from '../inventory/settings.js';
import type { Diagnostic, NotRankedItem, WindowBounds } from '../model/index.js';
import type { CollectContext } from '../signals/collector.js';
import { listFilesOnDisk } from '../signals/files-on-disk.js';
import { loadIncidentExports, type IncidentExports } from '../signals/incidents/index.js';
import { runHistoryPass } from '../signals/git/history.js';
import type { GitCollection } from '../signals/git/index.js';
import {
  listTrackedFiles,
  listUnversionedFiles,
  readHead,
  resolveRepository,
  resolveRevision,
  type HeadInfo,
  type RepositoryInfo,
} from '../signals/git/repo.js';
import {
  checkDuration,
  dayEnd,
  dayStart,
  DAY_MS,
  isoDay,
  subtractDuration,
} from '../util/dates.js';
import { closestMatch } from '../util/did-you-mean.js';
import { ItemGlobIndex } from '../util/item-globs.js';
import { roundToTenth } from '../util/numbers.js';
import { clipText, compareText } from '../util/text.js';
import { readCodeowners } from '../signals/owners/index.js';
import type { Codeowners } from '../signals/owners/item-owner.js';
import { itemsAsOf } from './as-of.js';
import { firstFileOwners, isRankedStatus, ownersOfItems, type ItemOwner } from './owners.js';
import type { RunOptions } from './options.js';
import { readFailure } from '../util/fs-errors.js';
import { PhaseTimer } from '../util/phase-timer.js';

/** An inventory item with its position in the inventory (for locations in messages). */
export interface IndexedItem {
  item: InventoryItem;
  index: number;
}

/** A run, resolved: what the collectors measure and the report is built from. */
export interface RunContext extends CollectContext {
  options: RunOptions;
  repo: RepositoryInfo;
  /** The inventory's absolute path, and as reports name it. */
  inventoryPath: string;
  inventoryDisplay: string;
  loaded: LoadedInventory;
  /** The window as asked for: a duration or a start date. */
  windowSetting: string;
  /** Why git signals cannot be measured at all in this run (no git, no commit), or null. */
  gitNotMeasured: string | null;
  /** Open and in-progress items of the selection, in inventory order; index-aligned with globIndex. */
  ranked: IndexedItem[];
  notRanked: NotRankedItem[];
  baseline: { file: string; report: BaselineReport } | null;
  /** Rows of the incident exports, per item id (none when no export is given). */
  incidents: IncidentExports;
  /** Diagnostics found while resolving (inventory warnings, no git, an empty repository). */
  warnings: Diagnostic[];
  notes: Diagnostic[];
  /** With `--owner`: every category-selected item's owner, by id, as the selection saw it. */
  selectionOwners: Map<string, ItemOwner> | null;
  /** Whether {@link CollectContext.files} was listed (glob hits are known only then). */
  filesListed(): boolean;
  /**
   * Hands the run a history pass made elsewhere, so that {@link CollectContext.history}
   * resolves to it instead of walking the history itself: `runHistoryPasses` serves several
   * runs (the same audit as of several days) with one `git log`. Call it before anything
   * reads the history; after, it throws (the run would mix two passes).
   */
  useHistory(pass: GitCollection | null | Promise<GitCollection | null>): void;
}

/**
 * Resolves everything a run needs before it measures anything.
 *
 * @param from a context of the same repository and inventory resolved before (trend's today):
 *   what describes them now — where they are, the loaded inventory, the files tracked at its
 *   commit and the files git does not track — is taken from it instead of being read again.
 *   Only `until`, `asOf` and the selection may differ between the two.
 */
export async function resolveContext(options: RunOptions, from?: RunContext): Promise<RunContext> {
  if (options.failOnIncrease && !options.baseline) {
    throw new UserError('--fail-on-increase needs --baseline <report.json> to compare with');
  }
  const { env } = options;
  // Read the baseline first: a bad baseline should fail before any history is walked.
  const baseline = options.baseline
    ? {
        file: options.baseline,
        // Its parser (and the schema library) is loaded only for a run that has one.
        report: (await import('../gate/baseline-file.js')).parseBaseline(
          await readBaselineFile(options.cwd, options.baseline),
          options.baseline,
        ),
      }
    : null;
  const { repo, inventoryPath } = from ?? (await resolveTarget(options));
  const root = repo.root;
  // HEAD is read while the inventory is loaded (its failure, if any, is said after the
  // inventory's, as before): the window ends at it unless --until names a revision.
  const headRead =
    repo.git && (options.until === undefined || /^\d{4}-\d{2}-\d{2}$/.test(options.until))
      ? readHead(root, env)
      : undefined;
  headRead?.catch(() => undefined);
  const inventoryDisplay = displayPath(inventoryPath, root, options.cwd);
  // Read back from the cache directory when an earlier run checked these very bytes.
  const loaded =
    from?.loaded ??
    (await loadInventory(
      inventoryPath,
      inventoryDisplay,
      options.cache === false
        ? undefined
        : {
            root,
            env,
            onNotice: options.onNotice,
            onDebug: options.onDebug,
            gitFacts: repo.facts,
          },
    ));
  const { inventory } = loaded;
  const project = baseline?.report.project;
  if (baseline && project !== undefined && project !== inventory.project) {
    throw new UserError(
      `${baseline.file}: baseline is a report of project "${project}", this inventory is ` +
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

  // Incident exports are read before the history is walked: a bad export fails fast. Rows map
  // to every item of the inventory (not only the selection), so "maps to no item" means none.
  // --incidents (relative to cwd) replaces settings.incidents (relative to the repository).
  const incidents =
    from?.incidents ??
    (await loadIncidentExports(options.incidents ?? settings.incidents, {
      cwd: options.incidents ? options.cwd : root,
      columns: settings.incidentColumns,
      targets: inventory.items.map((item) => ({ id: item.id, services: item.services })),
    }));
  warnings.push(...incidents.warnings);

  // Items are selected before anything is measured: --category/--owner decide what is ranked.
  // Positions stay those of the inventory file, whatever `asOf` leaves out (for locations).
  const indexed = inventory.items.flatMap((item, index) => {
    if (options.asOf === undefined) return [{ item, index }];
    return itemsAsOf([item], options.asOf).map((asOf) => ({ item: asOf, index }));
  });
  const byCategory = selectByCategory(indexed, options.category, inventoryDisplay);

  const windowSetting = options.since ?? settings.window;
  const { head, window, gitNotMeasured } = await resolveWindow(
    repo,
    { ...options, since: windowSetting },
    { warnings, notes },
    headRead,
  );

  // The same commit has the same files: a context resolved from another shares its listings.
  const sameCommit = from !== undefined && from.head === head;
  const listFiles = sameCommit
    ? from.files
    : once(() => (head !== null ? listTrackedFiles(root, head, env) : listFilesOnDisk(root)));
  const unversioned = sameCommit
    ? from.unversioned
    : once(async () => (repo.git ? listUnversionedFiles(root, env) : null));
  const codeowners = from?.codeowners ?? once(() => readCodeowners(root));
  const lineChurn = options.lineChurn ?? settings.lineChurn;
  // What the run's collectors and the owners' first pass read alike.
  const shared = {
    root,
    gitFacts: repo.facts,
    cwd: options.cwd,
    env,
    head,
    window,
    settings,
    lineChurn,
    files: listFiles,
    unversioned,
    codeowners,
  };
  const passInputs = {
    ...shared,
    coverage: { reports: [], cwd: root },
    // The owners' first pass walks without churn: another cache file, and not worth one.
    historyCache: false,
  };

  // --owner selects by the owner each item's report shows, CODEOWNERS' included. A context
  // resolved from another (trend's points) selects by the owners of that one: today's.
  let selectionOwners: Map<string, ItemOwner> | null = null;
  let selected = byCategory;
  if (options.owner !== undefined) {
    // A typo is refused before any history is walked for CODEOWNERS' owners.
    const known = knownOwners(inventory.items, await codeowners());
    refuseUnknown('owner', options.owner, known, inventoryDisplay);
    // Only a name CODEOWNERS gives (or "unowned", which it can take away) needs the owners of
    // the items without one, and so their history; any other name is matched as declared.
    const rules = await codeowners();
    const wanted = options.owner.toLowerCase();
    const ruleNames = rules?.rules.flatMap((rule) => rule.owners.map((o) => o.toLowerCase()));
    const needsRules = wanted === 'unowned' || (ruleNames?.includes(wanted) ?? false);
    selectionOwners =
      from?.selectionOwners ??
      (await ownersOfItems(byCategory, needsRules ? rules : null, passInputs));
    selected = selectByOwner(byCategory, options.owner, selectionOwners, {
      inventoryDisplay,
      category: options.category,
      codeowners: (await codeowners()) !== null,
      // A past point of a trend may precede every selected item; today's run refused already.
      mayBeEmpty: from !== undefined,
    });
  }
  const ranked = selected.filter(({ item }) => isRankedStatus(item));
  const listedOwners = await firstFileOwners(
    selected.filter(({ item }) => !isRankedStatus(item)),
    await codeowners(),
    passInputs,
  );
  const notRanked: NotRankedItem[] = selected
    .filter(({ item }) => !isRankedStatus(item))
    .map(({ item }) => ({
      id: item.id,
      title: item.title,
      category: item.category,
      ...listedOwners.get(item.id)!,
      status: item.status as 'accepted' | 'resolved',
    }))
    .sort((a, b) => compareText(a.id, b.id));

  // Items with the very same globs form one group: paths are matched once per group.
  const globIndex = new ItemGlobIndex(ranked.map(({ item }) => item.paths));
  const groupFiles = once(async () => globIndex.selectFiles(await listFiles()));
  // The history pass is a resource of the run: every collector that needs it awaits one pass,
  // its own or one handed over by useHistory.
  let given: Promise<GitCollection | null> | undefined;
  // `--debug` times the pass itself, apart from the collectors that wait for it.
  const timer = new PhaseTimer(options.onDebug);
  const history = once(() => given ?? timer.time('history', () => runHistoryPass(context)));
  const context: RunContext = {
    ...shared,
    options,
    repo,
    inventoryPath,
    inventoryDisplay,
    loaded,
    windowSetting,
    gitNotMeasured,
    // --coverage (relative to cwd) replaces settings.coverage (relative to the repository).
    coverage: options.coverage
      ? { reports: options.coverage, cwd: options.cwd }
      : { reports: settings.coverage, cwd: root },
    ranked,
    notRanked,
    globIndex,
    items: ranked.map(({ item, index }) => ({
      id: item.id,
      paths: item.paths,
      pathLocations: loaded.places[index]!.globs,
    })),
    resolvedItems: selected.flatMap(({ item }) =>
      item.status === 'resolved' && item.resolved !== undefined && item.paths.length > 0
        ? [{ id: item.id, paths: item.paths, resolved: item.resolved }]
        : [],
    ),
    baseline,
    incidents,
    warnings,
    notes,
    selectionOwners,
    groupFiles,
    // Glob hits are known once this run selected its files (a shared listing may predate it).
    filesListed: () => groupFiles.called,
    history,
    useHistory: (pass) => {
      if (history.called) throw new Error('useHistory: the run has already read its history');
      given = Promise.resolve(pass);
    },
    onProgress: options.onProgress,
    onDebug: options.onDebug,
    onNotice: options.onNotice,
    historyCache: options.cache ?? true,
  };
  return context;
}

/**
 * The commit a run describes and its window (`--until`, `--since` or the window setting),
 * or why git cannot be measured at all: outside git (a warning) or before the first commit
 * (a note), each pushed onto `diagnostics`.
 */
export async function resolveWindow(
  repo: RepositoryInfo,
  options: Pick<RunOptions, 'until' | 'env'> & { since: string },
  diagnostics: { warnings: Diagnostic[]; notes: Diagnostic[] },
  /** HEAD as read already (see resolveContext); absent: read here. */
  head?: Promise<HeadInfo>,
): Promise<{ head: string | null; window: WindowBounds | null; gitNotMeasured: string | null }> {
  const { root } = repo;
  if (!repo.git) {
    diagnostics.warnings.push({
      code: 'not-git',
      message: `${root} is not a git repository: git signals (commits, fixes, authors, churn) are not measured`,
    });
    return { head: null, window: null, gitNotMeasured: 'not a git repository' };
  }
  const until = await resolveUntil(root, options.until, options.env, head);
  if (until.untilMs === null || until.hash === null) {
    diagnostics.notes.push({
      code: 'empty-repository',
      message: 'the repository has no commit yet: no window, nothing is overdue',
    });
    return { head: until.hash, window: null, gitNotMeasured: 'no commit yet' };
  }
  const sinceMs = resolveSince(until.untilMs, options.since);
  return {
    head: until.hash,
    window: { sinceMs, untilMs: until.untilMs, days: (until.untilMs - sinceMs) / DAY_MS },
    gitNotMeasured: null,
  };
}

/** A function run at most once, its promise shared by every caller. */
function once<T>(make: () => Promise<T>): (() => Promise<T>) & { called: boolean } {
  let promise: Promise<T> | undefined;
  const call = Object.assign(
    () => {
      call.called = true;
      promise ??= make();
      return promise;
    },
    { called: false },
  );
  return call;
}

/**
 * The repository and the inventory a run is about. Without `--repo`, the repository is the
 * one containing `cwd`, or, when that is none, the one containing the `--config` file (so
 * `-c ~/src/model/debt.yaml` from anywhere audits that repository with its history).
 */
export async function resolveTarget(
  options: Pick<RunOptions, 'cwd' | 'repo' | 'config' | 'env'>,
): Promise<{ repo: RepositoryInfo; inventoryPath: string }> {
  const repo = await locateRepository(options);
  const configPath =
    options.config === undefined ? undefined : resolve(options.cwd, options.config);
  return { repo, inventoryPath: configPath ?? findInventory(repo.root) };
}

/**
 * The repository a run is about: `--repo`, or the one containing the current directory, or,
 * when that is none, the one containing the `--config` file's directory.
 */
export async function locateRepository(
  options: Pick<RunOptions, 'cwd' | 'repo' | 'config' | 'env'>,
): Promise<RepositoryInfo> {
  const { cwd, env } = options;
  const repo = await resolveRepository(resolve(cwd, options.repo ?? '.'), env);
  if (options.repo === undefined && !repo.git && options.config !== undefined) {
    const dir = dirname(resolve(cwd, options.config));
    if (existsSync(dir)) {
      const ofConfig = await resolveRepository(dir, env);
      if (ofConfig.git) return ofConfig;
    }
  }
  return repo;
}

/** Inventory path for reports: relative to the repository root when inside it, else to cwd. */
export function displayPath(path: string, root: string, cwd: string): string {
  const inRoot = relative(root, path);
  const chosen = !inRoot.startsWith('..') && !isAbsolute(inRoot) ? inRoot : relative(cwd, path);
  return chosen.split(sep).join('/');
}

async function readBaselineFile(cwd: string, file: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw readFailure('baseline', file, error);
  }
}

/**
 * `--category` and `--owner` select the items that are ranked, totalled and gated; they match
 * case-insensitively. A value no item of the inventory has is an error with a "did you mean":
 * a typo must never turn a CI gate into an empty pass.
 */
function selectByCategory<T extends { item: InventoryItem }>(
  items: T[],
  wanted: string | undefined,
  inventoryDisplay: string,
): T[] {
  if (wanted === undefined) return items;
  const known = [...new Set(items.map(({ item }) => item.category))].sort(compareText);
  refuseUnknown('category', wanted, known, inventoryDisplay);
  const key = wanted.toLowerCase();
  return items.filter(({ item }) => item.category.toLowerCase() === key);
}

/**
 * `--owner`: the items whose owner, declared or from CODEOWNERS, is the one asked for
 * (`unowned` for those with neither). A selection left empty is an error: the name is known
 * (declared elsewhere, or in CODEOWNERS) but owns none of the items the run would rank.
 */
function selectByOwner<T extends { item: InventoryItem }>(
  items: T[],
  wanted: string,
  owners: Map<string, ItemOwner>,
  how: {
    inventoryDisplay: string;
    category: string | undefined;
    codeowners: boolean;
    mayBeEmpty: boolean;
  },
): T[] {
  const key = wanted.toLowerCase();
  const selected = items.filter(
    ({ item }) => (owners.get(item.id)?.owner ?? 'unowned').toLowerCase() === key,
  );
  if (selected.length === 0 && !how.mayBeEmpty) {
    const among = how.category === undefined ? '' : ` of category "${how.category}"`;
    throw new UserError(
      `--owner: no item${among} of ${how.inventoryDisplay} has owner "${wanted}"` +
        (how.codeowners
          ? ' (an item without a declared owner takes the CODEOWNERS owner of its hottest file)'
          : ''),
    );
  }
  return selected;
}

/** The owners `--owner` can name: declared ones, CODEOWNERS' ones, and `unowned`. */
function knownOwners(items: readonly InventoryItem[], codeowners: Codeowners | null): string[] {
  const names = new Set(items.map((item) => item.owner ?? 'unowned'));
  if (codeowners !== null && items.some((item) => item.owner === undefined)) {
    for (const rule of codeowners.rules) for (const owner of rule.owners) names.add(owner);
    names.add('unowned');
  }
  return [...names].sort(compareText);
}

function refuseUnknown(
  flag: 'category' | 'owner',
  wanted: string,
  known: string[],
  inventoryDisplay: string,
): void {
  const key = wanted.toLowerCase();
  if (known.some((value) => value.toLowerCase() === key)) return;
  const suggestion = closestMatch(wanted, known);
  throw new UserError(
    `--${flag}: no item of ${inventoryDisplay} has ${flag} "${wanted}"` +
      (suggestion ? ` (did you mean "${suggestion}"?)` : '') +
      `; ${flag === 'category' ? 'categories' : 'owners'} there: ${known.join(', ') || 'none'}`,
  );
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
  known: Promise<HeadInfo> | undefined,
): Promise<{ untilMs: number | null; hash: string | null }> {
  if (until !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(until)) {
    if (!isCalendarDate(until)) throw new UserError(`--until: "${until}" is not a real date`);
    const head = await (known ?? readHead(root, env));
    return { untilMs: head.hash === null ? null : dayEnd(until), hash: head.hash };
  }
  if (until === undefined) {
    const head = await (known ?? readHead(root, env));
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
      throw new UserError(`--since: ${why}, or a date YYYY-MM-DD, got "${clipText(since)}"`);
    }
    start = subtractDuration(untilMs, since);
  }
  if (!Number.isFinite(start)) throw new UserError(`--since: "${since}" reaches too far back`);
  if (untilMs - start < DAY_MS) {
    const hours = roundToTenth((untilMs - start) / 3_600_000);
    throw new UserError(
      `--since: the window ${isoDay(start)} → ${isoDay(untilMs)} spans ${hours} hours; ` +
        'it must span at least one day (frequency is measured per 30 days of it)',
    );
  }
  return start;
}
