/**
 * Semantic rules: what the schema cannot see alone. They read the raw document defensively
 * (it may have failed the schema elsewhere) so `validate` lists every problem in one run.
 */
import { closestMatch } from '../util/did-you-mean.js';
import { checkGlob, isNegated } from '../util/glob.js';
import { checkTextPattern } from '../util/text-pattern.js';
import type { DocumentLocator } from './locate.js';
import { MAX_ENTRIES, MAX_TEXT } from './limits.js';
import type { Problem } from './problems.js';
import { BUILTIN_CATEGORIES, STATUSES } from './vocabulary.js';
import { clipText } from '../util/text.js';

type RawItem = Record<string, unknown>;

function rawItems(raw: unknown): RawItem[] {
  const items = (raw as { items?: unknown } | null)?.items;
  return Array.isArray(items) ? (items as RawItem[]) : [];
}

function rawSettings(raw: unknown): Record<string, unknown> {
  const settings = (raw as { settings?: unknown } | null)?.settings;
  return settings && typeof settings === 'object' ? (settings as Record<string, unknown>) : {};
}

/** Every rule that needs only the document. */
export function checkInventoryRules(raw: unknown, locator: DocumentLocator): Problem[] {
  return [
    ...checkDuplicateIds(raw, locator),
    ...checkCategories(raw, locator),
    ...checkGlobs(raw, locator),
    ...checkFixPattern(raw, locator),
    ...checkDates(raw, locator),
    ...checkResolvedDates(raw, locator),
    ...checkItemsWithoutPaths(raw, locator),
  ];
}

function checkDuplicateIds(raw: unknown, locator: DocumentLocator): Problem[] {
  const firstLine = new Map<string, number>();
  const problems: Problem[] = [];
  rawItems(raw).forEach((item, index) => {
    const id = item?.id;
    if (typeof id !== 'string') return;
    const location = locator.value(['items', index, 'id']);
    const seen = firstLine.get(id);
    if (seen === undefined) {
      firstLine.set(id, location.line);
      return;
    }
    problems.push({
      severity: 'error',
      code: 'duplicate-id',
      message: `items[${index}].id: duplicate id "${clipText(id)}" (first used on line ${seen})`,
      location,
      itemId: id,
    });
  });
  return problems;
}

function checkCategories(raw: unknown, locator: DocumentLocator): Problem[] {
  const extra = rawSettings(raw).categories;
  // Only declarations the schema accepts count (it reports the others): the list of known
  // categories goes into the message, which must stay one readable line.
  const declared = Array.isArray(extra) ? extra.slice(0, MAX_ENTRIES.categories) : [];
  const known = new Set<string>([
    ...BUILTIN_CATEGORIES,
    ...declared.filter((c): c is string => typeof c === 'string' && c.length <= MAX_TEXT.category),
  ]);
  const problems: Problem[] = [];
  rawItems(raw).forEach((item, index) => {
    const category = item?.category;
    if (typeof category !== 'string' || category === '' || known.has(category)) return;
    const suggestion = closestMatch(category, known);
    const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
    problems.push({
      severity: 'error',
      code: 'unknown-category',
      message:
        `items[${index}].category: unknown category "${clipText(category)}"${hint}; ` +
        `expected one of ${[...known].join(', ')} (add your own under settings.categories)`,
      location: locator.value(['items', index, 'category']),
      itemId: typeof item.id === 'string' ? item.id : undefined,
    });
  });
  return problems;
}

/** Every glob must be usable (see checkGlob), and an item cannot consist of `!` globs only. */
function checkGlobs(raw: unknown, locator: DocumentLocator): Problem[] {
  const problems: Problem[] = [];
  rawItems(raw).forEach((item, index) => {
    const paths = Array.isArray(item?.paths) ? item.paths : [];
    paths.forEach((glob: unknown, p: number) => {
      if (typeof glob !== 'string') return;
      const why = checkGlob(glob);
      if (!why) return;
      problems.push({
        severity: 'error',
        code: 'bad-glob',
        message: `items[${index}].paths[${p}]: glob "${clipGlob(glob)}" ${why}`,
        location: locator.value(['items', index, 'paths', p]),
      });
    });
    const globs = paths.filter((g: unknown): g is string => typeof g === 'string');
    if (globs.length > 0 && globs.every(isNegated)) {
      problems.push({
        severity: 'error',
        code: 'bad-glob',
        message:
          `items[${index}].paths: only "!" globs, which exclude from nothing; ` +
          'add the globs they should be subtracted from (e.g. "src/**", "!src/vendor/**")',
        location: locator.value(['items', index, 'paths']),
      });
    }
  });
  return problems;
}

/** A glob for a message: a 60,000-character glob must not become a 60,000-character line. */
function clipGlob(glob: string): string {
  return glob.length > 80 ? `${glob.slice(0, 77)}...` : glob;
}

/** `fix_pattern` and `fix_exclude` must compile for RE2 (linear-time matching). */
function checkFixPattern(raw: unknown, locator: DocumentLocator): Problem[] {
  const settings = rawSettings(raw);
  const problems: Problem[] = [];
  for (const key of ['fix_pattern', 'fix_exclude'] as const) {
    const pattern = settings[key];
    if (typeof pattern !== 'string') continue;
    const why = checkTextPattern(pattern);
    if (why === undefined) continue;
    problems.push({
      severity: 'error',
      code: 'bad-fix-pattern',
      message: `settings.${key}: expected a regular expression, got an invalid one (${why})`,
      location: locator.value(['settings', key]),
    });
  }
  return problems;
}

function checkDates(raw: unknown, locator: DocumentLocator): Problem[] {
  const problems: Problem[] = [];
  rawItems(raw).forEach((item, index) => {
    const { created, due } = item ?? {};
    if (typeof created === 'string' && typeof due === 'string' && due < created) {
      problems.push({
        severity: 'warning',
        code: 'due-before-created',
        message: `items[${index}].due: due ${due} is before created ${created}`,
        location: locator.value(['items', index, 'due']),
      });
    }
  });
  return problems;
}

/**
 * `resolved:` dates the day an item was closed, so it belongs to status `resolved` only: on an
 * open item it would claim a closure that did not happen (and `trend` would count the item
 * as open before that day and gone after). A day before `created` is most likely a typo in
 * one of the two: a warning, since the item is still usable.
 */
function checkResolvedDates(raw: unknown, locator: DocumentLocator): Problem[] {
  const problems: Problem[] = [];
  rawItems(raw).forEach((item, index) => {
    if (!item || typeof item !== 'object' || item.resolved === undefined) return;
    const { created, resolved } = item;
    const status = item.status ?? 'open';
    const id = typeof item.id === 'string' ? item.id : undefined;
    // An unknown status is the schema's error already; only a valid other status is this one.
    if (status !== 'resolved' && (STATUSES as readonly unknown[]).includes(status)) {
      problems.push({
        severity: 'error',
        code: 'resolved-not-resolved',
        message:
          `items[${index}].resolved: a resolved date needs status: resolved, ` +
          `got status ${String(status)} (remove the date, or set the status)`,
        location: locator.value(['items', index, 'resolved']),
        ...(id ? { itemId: id } : {}),
      });
    }
    if (typeof created === 'string' && typeof resolved === 'string' && resolved < created) {
      problems.push({
        severity: 'warning',
        code: 'resolved-before-created',
        message: `items[${index}].resolved: resolved ${resolved} is before created ${created}`,
        location: locator.value(['items', index, 'resolved']),
        ...(id ? { itemId: id } : {}),
      });
    }
  });
  return problems;
}

function checkItemsWithoutPaths(raw: unknown, locator: DocumentLocator): Problem[] {
  const problems: Problem[] = [];
  rawItems(raw).forEach((item, index) => {
    if (!item || typeof item !== 'object') return;
    const paths = item.paths;
    if (Array.isArray(paths) && paths.length > 0) return;
    const id = typeof item.id === 'string' ? item.id : `items[${index}]`;
    problems.push({
      severity: 'warning',
      code: 'no-paths',
      message: `${id}: no paths, so no repository evidence (git, coverage, config) is gathered for it`,
      location: locator.value(['items', index]),
      itemId: typeof item.id === 'string' ? item.id : undefined,
    });
  });
  return problems;
}
