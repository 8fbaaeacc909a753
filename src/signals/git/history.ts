/**
 * The history pass as a resource of the run: the git collector and the config collector (for
 * each config file's last change) read the same pass, which runs once. It reaches back
 * max(window, stale_after), so last-change dates older than the window are known. A run
 * with the very inputs of an earlier one reads that run's result back instead of passing
 * over the cached commits again (history-snapshot.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../../model/index.js';
import type { CollectContext } from '../collector.js';
import {
  readSnapshot,
  SNAPSHOT_SUFFIX,
  snapshotDigest,
  writeSnapshot,
  type SnapshotSlot,
} from './history-snapshot.js';
import type { GitCollection, ReconciliationHistory } from './index.js';
import type { LogCommit } from './log-stream.js';
import { churnForAllPaths, forcedShards } from './pass-knobs.js';
import { passReachOf, preparePass, reachSecondsOf, type PreparedPass } from './prepare-pass.js';
import { CACHE_FILE_SUFFIX, resolveCacheDir, type CachePlace } from './cache/location.js';
import {
  decodeState,
  encodeState,
  windowExtends,
  type EncodedState,
  type PassState,
  type PassWindow,
} from './history-state.js';
import { PassExtension, type PriorState } from './pass-extension.js';

/** What the pass needs of a run: everything of the collector's context but the pass itself. */
export type HistoryInputs = Omit<CollectContext, 'history'>;

/**
 * Walks the history of the run's commit over its window, or resolves to null when there is
 * no commit to walk from (outside git, or before the first commit).
 */
export async function runHistoryPass(context: HistoryInputs): Promise<GitCollection | null> {
  const [collection] = await runHistoryPasses([context]);
  return collection ?? null;
}

export interface HistoryPassesOptions {
  /**
   * Whether the pass also gathers reconciliation facts (resolved items' fixes, per-file
   * history) for the context at `index`; by default for every context. Each costs memory
   * and time per commit, so a trend wants them for its last point only.
   */
  reconcile?: (index: number) => boolean;
}

/**
 * One history pass for several runs of the same repository, commit and rules that differ in
 * their window (and items): e.g. the same audit as of several `--until` days. Resolves to
 * one collection per context, in order, each equal to what {@link runHistoryPass} gives for
 * that context alone; null for a context without a commit to walk from or a window.
 *
 * The contexts must share root, head, git environment, line churn and the history rules
 * (fix pattern and exclusion, bots, stale_after): one `git log` cannot serve different ones.
 */
export async function runHistoryPasses(
  contexts: readonly HistoryInputs[],
  options: HistoryPassesOptions = {},
): Promise<(GitCollection | null)[]> {
  const measured = contexts.flatMap((context, index) => {
    const { head, window } = context;
    return head === null || window === null ? [] : [{ context, index, head, window }];
  });
  const first = measured[0];
  if (first === undefined) return contexts.map(() => null);
  for (const other of measured) assertSamePass(first.context, other.context);
  const wanted = options.reconcile ?? (() => true);
  const listedAtOnce = await listIfNothingKept(first, measured);
  // An audit's pass, or a trend's (their reconciled windows): its result may be read back.
  const keep =
    first.context.historyCache && measured.some(({ index }) => wanted(index))
      ? await openKeptResult(measured, wanted)
      : null;
  if (keep?.kept) {
    first.context.onDebug?.(
      'history: the result kept by an earlier run of this commit, window, items and rules',
    );
    const kept = keep.kept;
    const results: (GitCollection | null)[] = contexts.map(() => null);
    measured.forEach(({ context, index }, m) => {
      results[index] = kept[m]!;
      // The window's changed paths were matched by the run that kept it, not by this one.
      context.globIndex.markChangeHits(kept[m]!.globHits);
    });
    return results;
  }

  const listing = listedAtOnce ?? (await listEarly(first, measured, keep?.prepared ?? null));
  // The pass's own code is loaded only now: a run that reads a kept result needs none of it.
  const [
    { collectGitHistories },
    { FileHistoryAggregator },
    { ResolvedFixAggregator },
    { churnScopeOf },
    { isNotebookPath },
    { historyRules },
    { readChainOnto },
  ] = await Promise.all([
    import('./index.js'),
    import('./file-history.js'),
    import('./resolved-fixes.js'),
    import('./churn-scope.js'),
    import('./notebook-sources.js'),
    import('./commit-rules.js'),
    import('./commit-list.js'),
  ]);
  const rules = historyRules(first.context.settings);
  const passWindow = passWindowOf(first.window, first.context.settings.staleAfter);
  // Churn only within the items' globs: no caller of this pass reads any other path's churn
  // (the audit's undeclared hotspots rank on commits and fixes alone).
  // Asked for once the commits are listed (never left pending: a run that fails before
  // then must not leave a rejected promise behind).
  const churnScope = first.context.lineChurn
    ? async () =>
        churnScopeOf(
          measured.flatMap(({ context }) => context.items.flatMap((item) => item.paths)),
          await first.context.files(),
          first.context.env,
        )
    : undefined;

  /**
   * One pass over the listed commits, each window with fresh aggregators; `extension` sees
   * the audit's commits and leaves its state (history-state.ts).
   */
  const pass = async (
    extension: PassExtension | null,
    route: { cache: boolean; listing: { reach: number; hashes: Promise<string[]> } | null },
  ): Promise<(GitCollection | null)[]> => {
    const windows = measured.map(({ context, index, window }) => {
      const bounds = {
        sinceSeconds: Math.ceil(window.sinceMs / 1000),
        untilSeconds: Math.floor(window.untilMs / 1000),
      };
      const base = {
        sinceMs: window.sinceMs,
        untilMs: window.untilMs,
        index: context.globIndex,
        groupFiles: context.groupFiles(),
      };
      if (!wanted(index)) return { ...base, reconciliation: null };
      // Reconciliation reads the same commits: resolved items' fixes, and scan's per-file history.
      const resolved = new ResolvedFixAggregator({
        ...rules,
        ...bounds,
        items: context.resolvedItems,
      });
      const files = observeOnceReady(
        context.files(),
        (tracked) => new FileHistoryAggregator({ ...rules, ...bounds, tracked: new Set(tracked) }),
      );
      return {
        ...base,
        extend: extension?.windowPart(context.globIndex),
        observe: (commit: LogCommit) => {
          extension?.observe(commit);
          resolved.add(commit);
          files.add(commit);
        },
        reconciliation: async (): Promise<ReconciliationHistory> => {
          const fileHistory = await files.aggregator;
          extension?.reconcile(fileHistory, resolved);
          return { resolvedFixes: resolved.result(), files: fileHistory.result() };
        },
      };
    });
    const collected = await collectGitHistories(
      {
        root: first.context.root,
        hash: first.head,
        ...rules,
        lineChurn: first.context.lineChurn,
        env: first.context.env,
        onProgress: first.context.onProgress,
        onDebug: first.context.onDebug,
        onNotice: first.context.onNotice,
        cache: route.cache,
        facts: first.context.gitFacts,
        churnScope,
        prepared: keep?.prepared,
        listing: route.listing ?? undefined,
        notebooks: {
          mode: first.context.settings.notebooks,
          present: async () => (await first.context.files()).some(isNotebookPath),
          kept: extension?.notebooksKept,
        },
      },
      windows,
    );
    const results: (GitCollection | null)[] = contexts.map(() => null);
    for (const [w, { index }] of measured.entries()) {
      const reconciliation = windows[w]!.reconciliation;
      results[index] =
        reconciliation === null
          ? collected[w]!
          : { ...collected[w]!, reconciliation: await reconciliation() };
    }
    return results;
  };

  // An audit's pass first tries to extend the state an earlier audit's pass kept: it walks
  // only the commits on top of that pass's commit (a chain of single-parent commits, listed
  // by git), neither reading nor writing the history cache, and keeps the result when the
  // state extends exactly; otherwise the full pass below runs.
  let results: (GitCollection | null)[] | null = null;
  let extension: PassExtension | null = null;
  const start = keep?.state ? await openPriorState(first, keep.state) : null;
  if (start !== null) {
    const { context } = first;
    const chain = await readChainOnto(
      { cwd: context.root, rev: first.head, env: context.env },
      start.prior.head,
    );
    if (chain !== null) {
      const attempt = new PassExtension(first.head, passWindow, start, context.onDebug);
      const hashes = Promise.resolve(chain.map(({ hash }) => hash));
      const tried = await pass(attempt, {
        cache: false,
        listing: { reach: passWindow.reachSeconds, hashes },
      });
      if (attempt.extends) {
        results = tried;
        extension = attempt;
      }
    }
  }
  if (results === null) {
    // The pass that leaves its own state for a later commit's run.
    extension = keep?.state
      ? new PassExtension(first.head, passWindow, null, first.context.onDebug)
      : null;
    results = await pass(extension, { cache: first.context.historyCache, listing });
  }
  if (keep?.snapshot) {
    const { place, slot, digest } = keep.snapshot;
    await writeSnapshot(
      place,
      slot,
      digest,
      measured.map(({ index }) => results[index]!),
    );
  }
  const collection = results[first.index];
  // A shallow clone's history may deepen: older commits would join what the state holds.
  const state = collection && !collection.shallow ? extension?.state(collection.globHits) : null;
  if (keep?.state && state)
    await writeSnapshot(keep.state.place, 'state', keep.state.digest, [encodeState(state)]);
  return results;
}

/**
 * Where a pass's result is kept (see history-snapshot.ts), and the result itself when an
 * earlier run with the very same inputs kept one: an audit's one window in one slot, a
 * trend's several in another, so the two never push each other out. Reads what the pass
 * would read first anyway (a partial clone? where is the cache?), and hands it on.
 */
async function openKeptResult(
  measured: readonly { context: HistoryInputs; index: number; head: string }[],
  wanted: (index: number) => boolean,
) {
  const { context, head } = measured[0]!;
  const env = context.env;
  // The knobs are checked before any git, as the pass itself does: kept or not.
  forcedShards(env);
  churnForAllPaths(env);
  // Every context has the same commit, so the same files (see assertSamePass); the run lists
  // them anyway, and they are listed while the clone is checked.
  const [prepared, files] = await Promise.all([
    preparePass({
      root: context.root,
      env,
      lineChurn: context.lineChurn,
      cache: true,
      facts: context.gitFacts,
    }),
    context.files(),
  ]);
  const place = prepared.located.place;
  if (place === null) return { prepared, kept: null, snapshot: null, state: null };
  const { settings } = context;
  const inputs = {
    key: place.key.id,
    lineChurn: context.lineChurn,
    rules: {
      staleAfter: settings.staleAfter,
      fixPattern: settings.fixPattern,
      fixExclude: settings.fixExclude,
      bots: settings.bots,
      notebooks: settings.notebooks,
    },
    windows: measured.map(({ context: { items, resolvedItems }, index }) => ({
      items: items.map((item) => item.paths),
      resolved: resolvedItems.map(({ id, paths, resolved }) => [id, paths, resolved]),
      reconciled: wanted(index),
    })),
  };
  const digest = snapshotDigest({
    ...inputs,
    head,
    files: createHash('sha256').update(files.join('\0')).digest('hex'),
    windows: measured.map(({ context: { window } }, m) => ({
      window: window === null ? null : [window.sinceMs, window.untilMs],
      ...inputs.windows[m],
    })),
  });
  const slot: SnapshotSlot = measured.length === 1 ? 'audit' : 'trend';
  const notes: Diagnostic[] = [];
  const kept = await readSnapshot(place, slot, digest, notes);
  for (const note of notes) context.onNotice?.(note.message);
  // An audit's one reconciled window on a clone known not to be shallow keeps its state for a
  // later commit's run; the state stands for these inputs whatever the commit and window.
  const stateful =
    measured.length === 1 && wanted(measured[0]!.index) && context.gitFacts?.shallow === false;
  return {
    prepared,
    kept: kept?.length === measured.length ? kept : null,
    snapshot: { place, slot, digest },
    state: stateful ? { place, digest: snapshotDigest({ ...inputs, state: true }) } : null,
  };
}

/**
 * The state an earlier audit's pass kept for these inputs (see history-state.ts), when the
 * window moved so that it still holds for this run's, with the files tracked at this run's
 * commit (to check the new commits against); null otherwise.
 */
async function openPriorState(
  first: { context: HistoryInputs; head: string; window: { sinceMs: number; untilMs: number } },
  kept: { place: CachePlace; digest: string },
): Promise<PriorState | null> {
  const { context, head, window: bounds } = first;
  const notes: Diagnostic[] = [];
  const [encoded] =
    (await readSnapshot<EncodedState>(kept.place, 'state', kept.digest, notes)) ?? [];
  let prior: PassState | undefined;
  try {
    prior = encoded === undefined ? undefined : decodeState(encoded);
  } catch {
    notes.push({
      code: 'cache-ignored',
      message: 'history state ignored: it cannot be read back (it is rewritten by this run)',
    });
  }
  for (const note of notes) context.onNotice?.(note.message);
  const window = passWindowOf(bounds, context.settings.staleAfter);
  if (prior === undefined || prior.head === head) return null;
  if (!windowExtends({ window: prior.window, span: prior.history.span }, window)) return null;
  return { prior, tracked: new Set(await context.files()) };
}

/** A window as the aggregators apply it (see history-state.ts). */
function passWindowOf(
  window: { sinceMs: number; untilMs: number },
  staleAfter: string,
): PassWindow {
  return {
    sinceSeconds: Math.ceil(window.sinceMs / 1000),
    untilSeconds: Math.floor(window.untilMs / 1000),
    reachSeconds: reachSecondsOf(window, staleAfter),
  };
}

/**
 * The pass's commit list, started now when the pass will surely list every commit with
 * `git rev-list`: the cache is off, or has no file for these options to take the list from.
 * The listing is the one git every later step of a cold pass waits for, and it runs while
 * the pass's own code loads and its other inputs are read. Null otherwise (the pass decides).
 */
async function listEarly(
  first: { context: HistoryInputs; head: string },
  measured: readonly { window: { sinceMs: number; untilMs: number } }[],
  prepared: PreparedPass | null,
): Promise<{ reach: number; hashes: Promise<string[]> } | null> {
  const { context } = first;
  if (context.historyCache) {
    const place = prepared?.located.place;
    if (place === undefined) return null;
    if (place !== null && existsSync(join(place.dir, `${place.key.id}${CACHE_FILE_SUFFIX}`)))
      return null;
  }
  return startListing(first, measured);
}

/**
 * The pass's commit list, started before anything else of the pass when nothing at all is
 * kept for it: the cache is off, the environment names no cache directory, or that
 * directory holds no history cache and no kept result of any repository (a first run, a
 * CI job whose cache was not restored). Such a pass lists every commit with `git rev-list`
 * whatever it finds next, and the listing need not wait for the cache's key (git's config,
 * the repository's identity) to be read. Null otherwise: {@link listEarly} decides later.
 */
async function listIfNothingKept(
  first: { context: HistoryInputs; head: string },
  measured: readonly { window: { sinceMs: number; untilMs: number } }[],
): Promise<{ reach: number; hashes: Promise<string[]> } | null> {
  const { context } = first;
  // The knobs are the user's input: checked before any git of the pass, as the pass does.
  forcedShards(context.env);
  churnForAllPaths(context.env);
  if (context.historyCache) {
    const { dir } = resolveCacheDir(context.env ?? process.env);
    const names = dir === null ? [] : await readdir(dir).catch(() => []);
    if (names.some((name) => name.endsWith(CACHE_FILE_SUFFIX) || name.endsWith(SNAPSHOT_SUFFIX)))
      return null;
  }
  return startListing(first, measured);
}

/** Starts `git rev-list` for the pass's commits, with the reach the pass will use. */
async function startListing(
  first: { context: HistoryInputs; head: string },
  measured: readonly { window: { sinceMs: number; untilMs: number } }[],
): Promise<{ reach: number; hashes: Promise<string[]> }> {
  const { context, head } = first;
  const reach = passReachOf(
    measured.map(({ window }) => window),
    context.settings.staleAfter,
  );
  const { listCommits } = await import('./commit-list.js');
  const hashes = listCommits({
    cwd: context.root,
    rev: head,
    sinceSeconds: reach,
    env: context.env,
  });
  // Awaited by the pass; a pass that fails before must not leave a rejection behind.
  hashes.catch(() => undefined);
  return { reach, hashes };
}

/**
 * Throws (a programming error, not the user's) when two contexts cannot share one pass:
 * another repository, commit, git environment, churn setting or history rule.
 */
function assertSamePass(a: HistoryInputs, b: HistoryInputs): void {
  const rulesOf = ({ settings }: HistoryInputs) => ({
    staleAfter: settings.staleAfter,
    fixPattern: settings.fixPattern,
    fixExclude: settings.fixExclude,
    bots: settings.bots,
    notebooks: settings.notebooks,
  });
  const differs: [string, boolean][] = [
    ['root', a.root !== b.root],
    ['head', a.head !== b.head],
    ['env', !sameEnv(a.env, b.env)],
    ['lineChurn', a.lineChurn !== b.lineChurn],
    ['history rules', JSON.stringify(rulesOf(a)) !== JSON.stringify(rulesOf(b))],
  ];
  const what = differs.filter(([, d]) => d).map(([name]) => name);
  if (what.length > 0) {
    throw new Error(
      `runHistoryPasses: the contexts differ in ${what.join(', ')}: one pass cannot serve them`,
    );
  }
}

function sameEnv(a: NodeJS.ProcessEnv | undefined, b: NodeJS.ProcessEnv | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/**
 * An observer of the streaming pass for an aggregator that can be made only once `ready`
 * resolves (the per-file aggregator needs the files tracked at HEAD, which are listed while
 * the history streams): commits that arrive before are kept and replayed in order, so the
 * listing and the pass still run side by side.
 */
function observeOnceReady<T, A extends { add(commit: LogCommit): void }>(
  ready: Promise<T>,
  make: (value: T) => A,
): { add(commit: LogCommit): void; aggregator: Promise<A> } {
  let made: A | undefined;
  let early: LogCommit[] = [];
  const aggregator = ready.then((value) => {
    made = make(value);
    for (const commit of early) made.add(commit);
    early = [];
    return made;
  });
  // A failed listing fails the pass itself (it awaits the same promise); not twice.
  aggregator.catch(() => undefined);
  return {
    add: (commit) => (made ? made.add(commit) : early.push(commit)),
    aggregator,
  };
}
