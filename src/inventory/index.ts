/**
 * Loading the inventory end to end: find the file, parse with positions, schema, rules.
 * Returns the inventory plus its warnings; throws InventoryErrors listing every error.
 *
 * The checking itself (check.ts) is imported only when it runs: an inventory kept by an
 * earlier run (kept.ts) is read back without loading the YAML and schema libraries.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import type { SourceLocation } from '../model/index.js';
import { inventoryKeeping, keepInventory, readKeptInventory } from './kept.js';
import type { Problem } from './problems.js';
import type { Inventory } from './schema.js';
import { readBoundedFile } from './source.js';
import type { GitDirectoryFacts } from '../signals/git/repo.js';

export const DEFAULT_INVENTORY_NAMES = ['debt.yaml', 'debt.yml', '.mldebt.yaml'] as const;

/** Where an item and what warnings point at in it are, in the inventory file. */
export interface ItemPlaces {
  /** The item's mapping (SARIF falls back to it). */
  item: SourceLocation;
  /** The value of its `paths` and of its `resolved` (the item's mapping when absent). */
  paths: SourceLocation;
  resolved: SourceLocation;
  /** Each glob of `paths`, by index. */
  globs: SourceLocation[];
}

export interface LoadedInventory {
  inventory: Inventory;
  /** Warnings found while loading (errors are thrown). */
  problems: Problem[];
  /** Where each item is, by index. */
  places: ItemPlaces[];
}

/** The first default inventory name present in `root`, or a UserError naming all three. */
export function findInventory(root: string): string {
  for (const name of DEFAULT_INVENTORY_NAMES) {
    const candidate = join(root, name);
    if (existsSync(candidate)) return candidate;
  }
  throw new UserError(
    `no inventory found in ${root}: looked for ${DEFAULT_INVENTORY_NAMES.join(', ')} (pass --config <file>, or start one from debt.example.yaml)`,
  );
}

/**
 * Reads and checks the inventory; throws when it has any error.
 * @param keep the repository the run is about, when the checked inventory may be kept in
 *   (and read back from) the user's cache directory; `keep.onNotice` is told of a kept file
 *   that could not be read back, and `keep.onDebug` when one was
 */
export async function loadInventory(
  path: string,
  displayPath: string,
  keep?: {
    root: string;
    env: NodeJS.ProcessEnv | undefined;
    onNotice?: ((line: string) => void) | undefined;
    onDebug?: ((line: string) => void) | undefined;
    /** What git said of the repository as the run found it (where the cache may not go). */
    gitFacts?: GitDirectoryFacts | undefined;
  },
): Promise<LoadedInventory> {
  const bytes = await readBoundedFile(path, displayPath);
  const keeping = keep
    ? await inventoryKeeping(path, displayPath, bytes, keep.root, keep.env, keep.gitFacts)
    : null;
  if (keeping !== null) {
    const kept = await readKeptInventory(keeping, keep!.onNotice);
    if (kept !== null) {
      keep!.onDebug?.('inventory: the check an earlier run made of these very bytes');
      return kept;
    }
  }
  const { checkInventoryBytes } = await import('./check.js');
  const loaded = checkInventoryBytes(bytes, displayPath);
  if (keeping !== null) await keepInventory(keeping, loaded);
  return loaded;
}
