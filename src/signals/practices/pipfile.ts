/**
 * Dependencies of a `Pipfile` (pipenv): the `[packages]` and `[dev-packages]` tables, each
 * `name = "<PEP 440 specifier>"` (`"*"` is any version) or a table with `version`, `git` and
 * `ref`, `path`, `file` (https://pipenv.pypa.io/en/latest/specifiers.html). `[requires]`
 * names the interpreter, not a package.
 */
import { isFixedRef } from './pip-requirement.js';
import {
  boundOfConstraint,
  PACKAGE_NAME,
  type EnvironmentParse,
  type Requirement,
  type VersionBound,
} from './requirement.js';
import { isTable, parseTomlDocument, tableAt, TomlLines } from './toml-lines.js';

/** Reads the packages of a Pipfile; a file that is not valid TOML fails. */
export function parsePipfile(text: string): EnvironmentParse {
  const document = parseTomlDocument(text);
  if (!document.ok) return document;
  const lines = new TomlLines(text);
  const requirements: Requirement[] = [];
  for (const section of ['packages', 'dev-packages']) {
    const table = tableAt(document.value, [section]);
    if (table === null) continue;
    const header = lines.header([section]) ?? 0;
    for (const [name, value] of Object.entries(table)) {
      if (!PACKAGE_NAME.test(name)) continue;
      const bound = pipfileBound(value);
      if (bound === null) continue;
      requirements.push({
        name,
        line: lines.key(name, header) ?? Math.max(header, 1),
        bound,
        hashed: false,
      });
    }
  }
  return { ok: true, parsed: { requirements, includes: [], constraints: [] } };
}

/** The bound of one Pipfile entry, or null for a local path (the project itself or a sibling). */
function pipfileBound(value: unknown): VersionBound | null {
  if (typeof value === 'string') return boundOfConstraint(value, 'pep440');
  if (!isTable(value)) return 'none';
  if ('path' in value) return null;
  if ('git' in value || 'hg' in value || 'svn' in value || 'bzr' in value) {
    // A `ref` may be a branch or a tag: only a commit or a version-like tag counts as fixed.
    return typeof value['ref'] === 'string' && isFixedRef(value['ref']) ? 'exact' : 'none';
  }
  if (typeof value['file'] === 'string')
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(value['file']) ? 'exact' : null;
  return typeof value['version'] === 'string'
    ? boundOfConstraint(value['version'], 'pep440')
    : 'none';
}
