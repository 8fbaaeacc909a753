/**
 * `init`: a starter inventory seeded from `scan` — or, with `append`, suggestions for the
 * hotspots no item covers added to the existing one. Returns the text to write and where;
 * writes nothing itself (the CLI writes it atomically), so a refusal or a failed scan never
 * leaves a file behind.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { checkInventoryText } from '../inventory/check.js';
import { DEFAULT_INVENTORY_NAMES } from '../inventory/index.js';
import { displayPath, locateRepository } from '../pipeline/context.js';
import { readCodeowners } from '../signals/owners/index.js';
import { readFailure } from '../util/fs-errors.js';
import { appendItems, composeInventory } from './init/inventory-text.js';
import { DEFAULT_INIT_SUGGESTIONS } from './defaults.js';
import { suggestItems, type SuggestedItem } from './init/suggest.js';
import { scan, type ScanOptions, type ScanResult } from './scan.js';

export { guessCategory, type SuggestedItem } from './init/suggest.js';

export interface InitOptions extends Omit<ScanOptions, 'inventory' | 'strict'> {
  /** Replace an existing inventory. */
  force?: boolean;
  /** Add suggestions to the existing inventory instead of writing a new one. */
  append?: boolean;
  /** At most this many suggested items (default {@link DEFAULT_INIT_SUGGESTIONS}). */
  top?: number;
}

export interface InitResult {
  /** Absolute path of the inventory to write. */
  path: string;
  /** The same, as messages show it (relative to the repository root when inside it). */
  display: string;
  /** The whole new text of the file, or null when there is nothing to write (append found nothing). */
  content: string | null;
  /** Whether the text extends an existing inventory. */
  appended: boolean;
  suggestions: SuggestedItem[];
  scan: ScanResult;
}

/**
 * Plans the inventory `init` writes.
 *
 * @throws UserError when an inventory exists and neither `force` nor `append` is given, when
 *   `append` finds no inventory, or for anything scan refuses.
 */
export async function init(options: InitOptions): Promise<InitResult> {
  if (options.force && options.append) {
    throw new UserError('--append and --force do not go together: --append never replaces a file');
  }
  const repo = await locateRepository(options);
  const root = repo.root;
  const existing = DEFAULT_INVENTORY_NAMES.map((name) => join(root, name)).filter((p) =>
    existsSync(p),
  );
  const path =
    options.config !== undefined
      ? resolve(options.cwd, options.config)
      : options.append
        ? (existing[0] ?? join(root, 'debt.yaml'))
        : join(root, 'debt.yaml');
  const display = displayPath(path, root, options.cwd);

  if (options.append) {
    if (!existsSync(path)) {
      throw new UserError(
        `--append: ${display} does not exist; run mldebt init without --append to write one`,
      );
    }
    return planAppend(options, { root, path, display });
  }
  const blocking = options.config !== undefined ? (existsSync(path) ? [path] : []) : existing;
  if (blocking.length > 0 && !options.force) {
    throw new UserError(
      `${displayPath(blocking[0]!, root, options.cwd)} already exists: mldebt init never replaces ` +
        'an inventory (--force replaces it, --append adds suggestions to it)',
    );
  }

  const scanned = await scan({ ...options, repo: root, config: undefined, inventory: false });
  const { report } = scanned;
  const suggestions = suggestItems(report.rows, {
    window: report.window,
    settings: scanned.settings,
    existingIds: [],
    codeowners: await readCodeowners(root),
    limit: options.top ?? DEFAULT_INIT_SUGGESTIONS,
  });
  const content = composeInventory(projectName(root), suggestions, {
    window: report.settings.window,
    since: report.window?.since ?? null,
    until: report.window?.until ?? null,
  });
  assertValid(content, display);
  return { path, display, content, appended: false, suggestions, scan: scanned };
}

async function planAppend(
  options: InitOptions,
  target: { root: string; path: string; display: string },
): Promise<InitResult> {
  // The scan loads (and so validates) the inventory: an invalid one is refused, untouched.
  const scanned = await scan({ ...options, repo: target.root, config: target.path });
  const text = await readFile(target.path, 'utf8').catch((error: unknown) => {
    throw readFailure('inventory', target.display, error);
  });
  const existingIds = scanned.loaded?.inventory.items.map((item) => item.id) ?? [];
  const suggestions = suggestItems(scanned.report.rows, {
    window: scanned.report.window,
    settings: scanned.settings,
    existingIds,
    codeowners: await readCodeowners(target.root),
    limit: options.top ?? DEFAULT_INIT_SUGGESTIONS,
  });
  const content = suggestions.length === 0 ? null : appendItems(text, suggestions);
  if (content !== null) assertValid(content, target.display);
  return {
    path: target.path,
    display: target.display,
    content,
    appended: true,
    suggestions,
    scan: scanned,
  };
}

/** The project name a fresh inventory gets: the repository directory's name. */
function projectName(root: string): string {
  return basename(root).slice(0, 200) || 'project';
}

/** What init writes must load: anything else is a bug here, never the user's. */
function assertValid(content: string, display: string): void {
  const errors = checkInventoryText(content, display).problems.filter(
    (p) => p.severity === 'error',
  );
  if (errors.length > 0) {
    throw new Error(`init composed an invalid inventory: ${errors[0]!.message}`);
  }
}
