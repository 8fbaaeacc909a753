/**
 * `validate`: every problem of the inventory at once — YAML, schema, rules, and its globs
 * against the files tracked at HEAD (history is not walked here; `audit` also accepts paths
 * changed in the window). Returns the problems; printing them is the caller's.
 */
import { checkInventoryText } from '../inventory/check.js';
import { readInventoryFile } from '../inventory/load.js';
import { sortProblems, type Problem } from '../inventory/problems.js';
import { displayPath, resolveTarget } from '../pipeline/context.js';
import type { RunOptions } from '../pipeline/options.js';
import { listTrackedFiles, readHead } from '../signals/git/repo.js';
import { checkGlob, describeDeadGlob } from '../util/glob.js';
import { ItemGlobIndex } from '../util/item-globs.js';

export interface ValidateResult {
  /** The inventory as messages name it. */
  inventory: string;
  /** Every problem, errors and warnings, in the order they stand in the file. */
  problems: Problem[];
  errors: number;
  warnings: number;
  /** Items of an inventory that passed the schema, else null. */
  items: number | null;
}

export async function validate(
  options: Pick<RunOptions, 'cwd' | 'repo' | 'config' | 'env'>,
): Promise<ValidateResult> {
  const { cwd, env } = options;
  const { repo, inventoryPath } = await resolveTarget(options);
  const display = displayPath(inventoryPath, repo.root, cwd);
  const text = await readInventoryFile(inventoryPath, display);
  const { inventory, problems, locator } = checkInventoryText(text, display);
  const head = repo.git ? await readHead(repo.root, env) : null;
  if (inventory && head?.hash) {
    const files = await listTrackedFiles(repo.root, head.hash, env);
    const items = inventory.items;
    // Every path is matched once, whatever the number of items and globs. Only usable globs
    // are matched: one the rules refused (65,536 characters) is an error already.
    const index = new ItemGlobIndex(
      items.map((item) => item.paths.filter((glob) => checkGlob(glob) === undefined)),
    );
    index.selectFiles(files);
    index.deadGlobs().forEach((dead, i) => {
      for (const glob of dead) {
        const p = items[i]!.paths.indexOf(glob);
        problems.push({
          severity: 'warning',
          code: 'glob-no-match',
          message: `items[${i}].paths[${p}]: ${describeDeadGlob(glob, files, 'file tracked at HEAD')}`,
          location: locator.value(['items', i, 'paths', p]),
          itemId: items[i]!.id,
        });
      }
    });
  }
  const sorted = sortProblems(problems);
  const errors = sorted.filter((p) => p.severity === 'error').length;
  return {
    inventory: display,
    problems: sorted,
    errors,
    warnings: sorted.length - errors,
    items: inventory ? inventory.items.length : null,
  };
}
