/**
 * Config files as a collector: examines the config files each group of items selects
 * (examine.ts does the work). Staleness reads the run's one history pass; unversioned files
 * come from two `git ls-files` calls for the whole run. Without a commit (outside git, or
 * before the first commit) neither is measured, and a note says so: "not stale" would be a
 * claim nothing was measured for.
 */
import type { Diagnostic } from '../../model/index.js';
import type { CollectContext, Collector } from '../collector.js';
import { examineConfigFiles } from './examine.js';
import { StampedFacts } from '../stamped-facts.js';
import { CONFIG_FACTS } from './facts-cache.js';
import { stalenessHistory, type ConfigHistory } from './stale.js';
import { unversionedConfigFiles, type UnversionedConfigFile } from './unversioned.js';

/** Said when there is no commit: "not stale" would be a claim nothing was measured for. */
export const CONFIG_HISTORY_NOT_MEASURED: Diagnostic = {
  code: 'config-history-not-measured',
  message:
    'stale and unversioned config files are not measured without a commit to read ' +
    '(not a git repository, or no commit yet); drift, secrets and parse errors are',
};

export const configCollector: Collector = {
  name: 'config',
  async collect(context) {
    const { globIndex } = context;
    if (globIndex.groups.length === 0) return null;
    const measured = context.head !== null;
    // Staleness alone waits for the history pass: the files are read and parsed meanwhile.
    const history = measured ? readHistory(context) : null;
    // Awaited by the examination; a run that fails before must not leave a rejection behind.
    history?.catch(() => undefined);
    const [repoFiles, groupFiles, unversioned, cache] = await Promise.all([
      context.files(),
      context.groupFiles(),
      measured ? listGroupUnversioned(context) : null,
      StampedFacts.open(CONFIG_FACTS, {
        root: context.root,
        env: context.env,
        enabled: context.historyCache,
        gitFacts: context.gitFacts,
      }),
    ]);
    const examination = await examineConfigFiles({
      root: context.root,
      repoFiles,
      groups: groupFiles.map((files, g) => ({ files, unversioned: unversioned?.[g] ?? null })),
      history,
      cache,
    });
    // Every file it examined is one of the repository's: the others' facts are let go of.
    await cache?.save(new Set(repoFiles));
    const notes = [...examination.notes];
    if (!measured) {
      notes.push(CONFIG_HISTORY_NOT_MEASURED);
    }
    return {
      groups: examination.groups.map((config) => ({ config })),
      warnings: [],
      notes,
    };
  },
};

/** Last changes from the run's history pass, in the shape staleness reads them. */
async function readHistory(context: CollectContext): Promise<ConfigHistory | null> {
  const pass = await context.history();
  const { window } = context;
  if (pass === null || window === null) return null;
  return stalenessHistory(pass.history, window, context.settings.staleAfter, pass.historyStops);
}

/** Per group, the unversioned config files its globs select (two git calls for the run). */
async function listGroupUnversioned(context: CollectContext): Promise<UnversionedConfigFile[][]> {
  const unversioned = await context.unversioned();
  const files = unversioned === null ? [] : unversionedConfigFiles(unversioned);
  const perGroup: UnversionedConfigFile[][] = context.globIndex.groups.map(() => []);
  for (const file of files) {
    // Not counted as a glob hit: "matches no tracked file" stays true of an untracked match.
    for (const g of context.globIndex.groupsOf(file.path, false)) perGroup[g]!.push(file);
  }
  return perGroup;
}
