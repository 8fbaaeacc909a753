/**
 * Loading the inventory end to end: find the file, parse with positions, schema, rules.
 * Returns the inventory plus its warnings; throws InventoryErrors listing every error.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import type { SourceLocation } from '../model/index.js';
import { parseInventory, readInventoryFile } from './load.js';
import type { DocumentLocator } from './locate.js';
import { sortProblems, throwOnErrors, type Problem } from './problems.js';
import { checkInventoryRules } from './rules.js';
import type { Inventory } from './schema.js';

export const DEFAULT_INVENTORY_NAMES = ['debt.yaml', 'debt.yml', '.mldebt.yaml'] as const;

export interface LoadedInventory {
  inventory: Inventory;
  /** Warnings found while loading (errors are thrown). */
  problems: Problem[];
  locator: DocumentLocator;
  /** Location of each item's mapping, by index (SARIF falls back to it). */
  itemLocations: SourceLocation[];
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
 * Parses text and applies every rule; returns all problems, sorted by position, without
 * throwing. `inventory` is there whenever the document passed the schema, even when a rule
 * found an error (validate still checks its globs against the repository).
 */
export function checkInventoryText(
  text: string,
  displayPath: string,
): { inventory?: Inventory; problems: Problem[]; locator: DocumentLocator } {
  const parsed = parseInventory(text, displayPath);
  const problems = [...parsed.problems];
  if (parsed.raw !== undefined) problems.push(...checkInventoryRules(parsed.raw, parsed.locator));
  return { inventory: parsed.inventory, problems: sortProblems(problems), locator: parsed.locator };
}

/** Reads and checks the inventory; throws when it has any error. */
export async function loadInventory(path: string, displayPath: string): Promise<LoadedInventory> {
  const text = await readInventoryFile(path, displayPath);
  const { inventory, problems, locator } = checkInventoryText(text, displayPath);
  throwOnErrors(problems);
  if (!inventory) throw new UserError(`${displayPath}: inventory could not be read`);
  return {
    inventory,
    problems,
    locator,
    itemLocations: inventory.items.map((_, i) => locator.value(['items', i])),
  };
}
