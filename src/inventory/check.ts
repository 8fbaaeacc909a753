/**
 * Checking inventory text: the YAML parser with positions, the schema, then the rules. The
 * one module of the inventory that loads the YAML and schema libraries, so a run that reads
 * back a kept inventory (kept.ts) never loads them.
 */
import { UserError } from '../errors.js';
import type { SourceLocation } from '../model/index.js';
import type { ItemPlaces, LoadedInventory } from './index.js';
import { decodeInventoryOrThrow, parseInventory } from './load.js';
import type { DocumentLocator } from './locate.js';
import { sortProblems, throwOnErrors, type Problem } from './problems.js';
import { checkInventoryRules } from './rules.js';
import type { Inventory } from './schema.js';

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

/** The inventory in `bytes`, checked; throws when it has any error. */
export function checkInventoryBytes(bytes: Uint8Array, displayPath: string): LoadedInventory {
  const text = decodeInventoryOrThrow(bytes, displayPath);
  const { inventory, problems, locator } = checkInventoryText(text, displayPath);
  throwOnErrors(problems);
  if (!inventory) throw new UserError(`${displayPath}: inventory could not be read`);
  return { inventory, problems, places: inventory.items.map((item, i) => placesOf(item, i)) };

  function placesOf(item: Inventory['items'][number], i: number): ItemPlaces {
    const at = (...path: (string | number)[]): SourceLocation =>
      locator.value(['items', i, ...path]);
    return {
      item: at(),
      paths: at('paths'),
      resolved: at('resolved'),
      globs: item.paths.map((_, p) => at('paths', p)),
    };
  }
}
