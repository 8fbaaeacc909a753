/**
 * Owners before measurement, for `--owner` and for the items that are not ranked.
 *
 * A ranked item without a declared owner takes the CODEOWNERS owner of its hottest file, which
 * only the history knows; the owners collector finds it from the run's own pass. `--owner`
 * must select items before that pass (the selection decides what is ranked, and "shared" fix
 * commits count against the ranked items only), so when it could select an item by its
 * CODEOWNERS owner, a first pass over those items alone finds their hottest files. It applies
 * the very rule the collector does to the very same figures, so an item is selected exactly
 * when its report shows that owner. The price is a second `git log`, paid only with `--owner`,
 * a CODEOWNERS file, and open items without an owner.
 *
 * Items that are not ranked (accepted, resolved) are not measured: they take the owner of
 * their first file at HEAD.
 */
import type { OwnerSource } from '../model/index.js';
import type { CollectContext } from '../signals/collector.js';
import { runHistoryPasses } from '../signals/git/history.js';
import {
  codeownersMatchOf,
  effectiveOwner,
  type Codeowners,
} from '../signals/owners/item-owner.js';
import { ItemGlobIndex } from '../util/item-globs.js';
import type { IndexedItem } from './context.js';

export interface ItemOwner {
  owner: string | null;
  ownerSource: OwnerSource | null;
}

/** What a first pass needs of the run: everything but its own items. */
export type OwnerPassInputs = Omit<
  CollectContext,
  'history' | 'globIndex' | 'items' | 'groupFiles' | 'resolvedItems'
>;

/** Whether an item is ranked (open or in progress) rather than only listed. */
export function isRankedStatus(item: IndexedItem['item']): boolean {
  return item.status === 'open' || item.status === 'in-progress';
}

/**
 * Each item's owner as its report will show it (keyed by id): declared, or from CODEOWNERS by
 * the hottest file (ranked items, one history pass over those without a declared owner) or by
 * the first file at HEAD (the others).
 */
export async function ownersOfItems(
  items: readonly IndexedItem[],
  codeowners: Codeowners | null,
  run: OwnerPassInputs,
): Promise<Map<string, ItemOwner>> {
  const owners = new Map<string, ItemOwner>();
  const undeclared = items.filter(({ item }) => item.owner === undefined);
  for (const { item } of items) {
    if (item.owner !== undefined) owners.set(item.id, effectiveOwner(item.owner, null));
  }
  if (codeowners === null) {
    for (const { item } of undeclared) owners.set(item.id, effectiveOwner(undefined, null));
    return owners;
  }
  const ranked = undeclared.filter(({ item }) => isRankedStatus(item));
  const listed = undeclared.filter(({ item }) => !isRankedStatus(item));
  const hot = await hottestFilesOf(ranked, run);
  ranked.forEach(({ item }, i) => {
    const match = codeownersMatchOf(codeowners, hot.hotFiles[i]!, hot.files[i]!);
    owners.set(item.id, effectiveOwner(undefined, match));
  });
  for (const [id, owner] of await firstFileOwners(listed, codeowners, run)) owners.set(id, owner);
  return owners;
}

/**
 * The owners of items that are not ranked: the CODEOWNERS owner of their first file at HEAD
 * when they declare none.
 */
export async function firstFileOwners(
  items: readonly IndexedItem[],
  codeowners: Codeowners | null,
  run: Pick<OwnerPassInputs, 'files'>,
): Promise<Map<string, ItemOwner>> {
  const owners = new Map<string, ItemOwner>();
  const undeclared = items.filter(({ item }) => item.owner === undefined);
  const index = new ItemGlobIndex(undeclared.map(({ item }) => item.paths));
  const files =
    codeowners === null || undeclared.length === 0 ? [] : index.selectFiles(await run.files());
  for (const { item } of items) {
    if (item.owner !== undefined) owners.set(item.id, effectiveOwner(item.owner, null));
  }
  undeclared.forEach(({ item }, i) => {
    const group = index.groupOfItem[i]!;
    const match =
      codeowners === null || group < 0 ? null : codeownersMatchOf(codeowners, [], files[group]!);
    owners.set(item.id, effectiveOwner(undefined, match));
  });
  return owners;
}

/** Per item: its hot files in the window and its files at HEAD, from one pass of its own. */
async function hottestFilesOf(
  items: readonly IndexedItem[],
  run: OwnerPassInputs,
): Promise<{
  hotFiles: { path: string; commits: number; fixCommits: number }[][];
  files: string[][];
}> {
  if (items.length === 0) return { hotFiles: [], files: [] };
  const globIndex = new ItemGlobIndex(items.map(({ item }) => item.paths));
  const groupFiles = globIndex.selectFiles(await run.files());
  const [pass] = await runHistoryPasses(
    [
      {
        ...run,
        // Hot files are ordered by commits and fixes, never by lines: churn is not needed.
        lineChurn: false,
        globIndex,
        items: items.map(({ item }) => ({ id: item.id, paths: item.paths, pathLocations: [] })),
        resolvedItems: [],
        groupFiles: () => Promise.resolve(groupFiles),
      },
    ],
    { reconcile: () => false },
  );
  const perItem = items.map((_, i) => globIndex.groupOfItem[i]!);
  return {
    hotFiles: perItem.map((g) => (g < 0 ? [] : (pass?.groupSignals[g]?.hotFiles ?? []))),
    files: perItem.map((g) => (g < 0 ? [] : groupFiles[g]!)),
  };
}
