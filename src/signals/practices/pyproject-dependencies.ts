/**
 * Dependencies declared in `pyproject.toml`:
 * - PEP 621 `[project] dependencies` and `[project.optional-dependencies]`: lists of PEP 508
 *   strings (https://packaging.python.org/en/latest/specifications/pyproject-toml/);
 * - PEP 735 `[dependency-groups]`: lists of PEP 508 strings and `{include-group = ...}`
 *   tables, which add nothing new (https://peps.python.org/pep-0735/);
 * - Poetry `[tool.poetry.dependencies]`, the legacy `[tool.poetry.dev-dependencies]` and
 *   `[tool.poetry.group.<name>.dependencies]`: name = constraint string, table (`version`,
 *   `git` with `rev`/`tag`/`branch`, `path`, `url`) or a list of tables for different
 *   markers (https://python-poetry.org/docs/dependency-specification/). `python` there is the
 *   interpreter the project supports, not a package.
 * `[build-system] requires` is left out: it builds the package, it is not the environment.
 */
import { parsePipRequirement } from './pip-requirement.js';
import {
  boundOfConstraint,
  looserBound,
  PACKAGE_NAME,
  type EnvironmentParse,
  type Requirement,
  type VersionBound,
} from './requirement.js';
import { isTable, parseTomlDocument, tableAt, TomlLines } from './toml-lines.js';

/** Reads the dependencies of a pyproject.toml; a file that is not valid TOML fails. */
export function parsePyproject(text: string): EnvironmentParse {
  const document = parseTomlDocument(text);
  if (!document.ok) return document;
  const lines = new TomlLines(text);
  const requirements: Requirement[] = [];

  const projectLine = lines.header(['project']) ?? 0;
  const project = tableAt(document.value, ['project']);
  if (project !== null) {
    const at = lines.key('dependencies', projectLine) ?? projectLine;
    requirements.push(...pep508List(project['dependencies'], at, lines));
  }
  for (const path of [['project', 'optional-dependencies'], ['dependency-groups']]) {
    const table = tableAt(document.value, path);
    if (table === null) continue;
    const header = lines.header(path) ?? projectLine;
    for (const [key, list] of Object.entries(table)) {
      requirements.push(...pep508List(list, lines.key(key, header) ?? header, lines));
    }
  }

  const poetry = tableAt(document.value, ['tool', 'poetry']);
  if (poetry !== null) {
    const tables: string[][] = [
      ['tool', 'poetry', 'dependencies'],
      ['tool', 'poetry', 'dev-dependencies'],
    ];
    for (const group of Object.keys(tableAt(poetry, ['group']) ?? {}).sort()) {
      tables.push(['tool', 'poetry', 'group', group, 'dependencies']);
    }
    for (const path of tables) {
      const table = tableAt(document.value, path);
      if (table !== null) requirements.push(...poetryTable(table, lines.header(path) ?? 0, lines));
    }
  }
  return { ok: true, parsed: { requirements, includes: [], constraints: [] } };
}

/** PEP 508 strings of a list, each at the first line from `from` on that holds it. */
function pep508List(list: unknown, from: number, lines: TomlLines): Requirement[] {
  if (!Array.isArray(list)) return [];
  const requirements: Requirement[] = [];
  let cursor = Math.max(from, 1);
  for (const item of list) {
    if (typeof item !== 'string') continue;
    cursor = lines.string(item, cursor) ?? cursor;
    const requirement = parsePipRequirement(item);
    if (requirement === null || requirement.name === null) continue;
    requirements.push({
      name: requirement.name,
      line: cursor,
      bound: requirement.bound,
      hashed: false,
    });
  }
  return requirements;
}

function poetryTable(
  table: Record<string, unknown>,
  header: number,
  lines: TomlLines,
): Requirement[] {
  const requirements: Requirement[] = [];
  for (const [name, value] of Object.entries(table)) {
    if (name.toLowerCase() === 'python' || !PACKAGE_NAME.test(name)) continue;
    const bound = poetryBound(value);
    if (bound === null) continue;
    requirements.push({
      name,
      line: lines.key(name, header) ?? Math.max(header, 1),
      bound,
      hashed: false,
    });
  }
  return requirements;
}

/**
 * The bound of one Poetry dependency, or null for a local path (the project's own sibling,
 * not a package from an index). Of a list of constraints for different markers, any one may
 * be the one installed: the loosest counts.
 */
export function poetryBound(value: unknown): VersionBound | null {
  if (typeof value === 'string') return boundOfConstraint(value, 'poetry');
  if (Array.isArray(value)) {
    let result: VersionBound | null = null;
    for (const item of value) {
      const bound = poetryBound(item);
      if (bound !== null) result = result === null ? bound : looserBound(result, bound);
    }
    return result;
  }
  if (!isTable(value)) return 'none';
  if ('path' in value) return null;
  // A commit (`rev`) or a tag stays put; a branch, or no ref (the default branch), moves.
  if ('git' in value) return 'rev' in value || 'tag' in value ? 'exact' : 'none';
  if ('url' in value) return 'exact';
  return typeof value['version'] === 'string'
    ? boundOfConstraint(value['version'], 'poetry')
    : 'none';
}
