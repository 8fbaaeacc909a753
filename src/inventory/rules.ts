/**
 * Semantic rules: what the schema cannot see alone. They read the raw document defensively
 * (it may have failed the schema elsewhere) so `validate` lists every problem in one run.
 */
import picomatch from 'picomatch';
import { closestMatch } from '../util/did-you-mean.js';
import type { DocumentLocator } from './locate.js';
import type { Problem } from './problems.js';
import { BUILTIN_CATEGORIES } from './schema.js';

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
    ...checkGlobsStayInRepo(raw, locator),
    ...checkFixPattern(raw, locator),
    ...checkDates(raw, locator),
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
      message: `items[${index}].id: duplicate id "${id}" (first used on line ${seen})`,
      location,
      itemId: id,
    });
  });
  return problems;
}

function checkCategories(raw: unknown, locator: DocumentLocator): Problem[] {
  const extra = rawSettings(raw).categories;
  const known = new Set<string>([
    ...BUILTIN_CATEGORIES,
    ...(Array.isArray(extra) ? extra.filter((c): c is string => typeof c === 'string') : []),
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
        `items[${index}].category: unknown category "${category}"${hint}; ` +
        `expected one of ${[...known].join(', ')} (add your own under settings.categories)`,
      location: locator.value(['items', index, 'category']),
      itemId: typeof item.id === 'string' ? item.id : undefined,
    });
  });
  return problems;
}

/** Why a glob would reach outside the repository root, or undefined when it stays inside. */
export function globEscapesRepo(glob: string): string | undefined {
  if (glob.startsWith('/') || glob.startsWith('\\')) return 'is absolute';
  if (/^[A-Za-z]:[\\/]/.test(glob)) return 'is an absolute Windows path';
  if (glob.split(/[\\/]/).includes('..')) return 'climbs out with ".."';
  return undefined;
}

function checkGlobsStayInRepo(raw: unknown, locator: DocumentLocator): Problem[] {
  const problems: Problem[] = [];
  rawItems(raw).forEach((item, index) => {
    const paths = Array.isArray(item?.paths) ? item.paths : [];
    paths.forEach((glob: unknown, p: number) => {
      if (typeof glob !== 'string') return;
      const why = globEscapesRepo(glob);
      if (!why) return;
      problems.push({
        severity: 'error',
        code: 'glob-escapes-repo',
        message: `items[${index}].paths[${p}]: glob "${glob}" ${why}; globs are relative to the repository root`,
        location: locator.value(['items', index, 'paths', p]),
      });
    });
  });
  return problems;
}

function checkFixPattern(raw: unknown, locator: DocumentLocator): Problem[] {
  const pattern = rawSettings(raw).fix_pattern;
  if (typeof pattern !== 'string') return [];
  try {
    new RegExp(pattern, 'i');
    return [];
  } catch (error) {
    return [
      {
        severity: 'error',
        code: 'bad-fix-pattern',
        message: `settings.fix_pattern: expected a regular expression, got an invalid one (${(error as Error).message.replace(/^Invalid regular expression: /, '')})`,
        location: locator.value(['settings', 'fix_pattern']),
      },
    ];
  }
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

/** picomatch with the options SPEC §2 fixes: dot files matched, POSIX separators. */
export function compileGlob(glob: string): (path: string) => boolean {
  const matcher = picomatch(glob, { dot: true });
  // Wrapped so it is safe to pass to Array#some/filter: picomatch's second parameter would
  // otherwise receive the array index and return a (truthy) result object.
  return (path) => matcher(path);
}

/**
 * A likely intended spelling for a glob that matched nothing: its literal base directory
 * compared with the directories and files that exist (e.g. `src/monitoirng/**` →
 * `src/monitoring/**`).
 */
export function suggestGlob(glob: string, files: readonly string[]): string | undefined {
  const { base } = picomatch.scan(glob);
  if (base === '') return undefined;
  const candidates = new Set<string>();
  const depth = base.split('/').length;
  for (const file of files) {
    const parts = file.split('/');
    if (parts.length >= depth) candidates.add(parts.slice(0, depth).join('/'));
  }
  const match = closestMatch(base, candidates);
  return match === undefined ? undefined : match + glob.slice(base.length);
}
