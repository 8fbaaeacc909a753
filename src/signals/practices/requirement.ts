/**
 * One declared dependency, as every environment-file parser returns it, and how tightly its
 * version is bound. The bound is what the unpinned-dependency rule judges: a package with no
 * bound at all installs whatever is newest on the day, so two installs of the same file can
 * differ.
 */

/**
 * How tightly a requirement fixes the version it installs:
 * - `none`: any version (`numpy`, `numpy[extra]`, `"*"`, `!=1.2` alone, a VCS URL at a branch);
 * - `lower`: a lower bound alone (`>=1.2`, `>1`): bounded, yet not reproducible;
 * - `range`: an upper bound or a compatible range (`<2`, `~=1.2`, `^1.2`, `1.2.*`, conda `=1.2`);
 * - `exact`: one version (`==1.2.3`, `===1.2.3`, Poetry `1.2.3`), a VCS URL at a commit or
 *   tag, or an archive URL (it names one file).
 */
export type VersionBound = 'none' | 'lower' | 'range' | 'exact';

/** A dependency declared in an environment file. */
export interface Requirement {
  /** The package name as written (only name characters: letters, digits, `.`, `_`, `-`). */
  name: string;
  /** 1-based line where the requirement starts. */
  line: number;
  bound: VersionBound;
  /** Whether the line carries `--hash=` (pip's hash-checking mode, as pip-compile writes it). */
  hashed: boolean;
}

/** A file another one names by path (`-r other.txt`, `-c constraints.txt`, `file: reqs.txt`). */
export interface WrittenReference {
  /** The path as written, relative to the referring file's directory. */
  path: string;
  /** 1-based line of the reference in the referring file. */
  line: number;
}

/** What a parser reads from one environment file. */
export interface ParsedRequirements {
  requirements: Requirement[];
  /** Files whose requirements are installed too (`-r`, setuptools `file:`). */
  includes: WrittenReference[];
  /** Files whose requirements only constrain versions (`-c`): they pin, they install nothing. */
  constraints: WrittenReference[];
}

/** A parse of a structured file (TOML, YAML) that may fail; the reason never quotes the file. */
export type EnvironmentParse =
  { ok: true; parsed: ParsedRequirements } | { ok: false; reason: string };

/** A package name as pip writes it: starts and ends with a letter or digit (PEP 508). */
export const PACKAGE_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;

/**
 * The name packages are compared by: lowercase, runs of `-`, `_`, `.` as one `-` (PEP 503),
 * so `Scikit_Learn` in one file and `scikit-learn` in another are one package.
 */
export function normalizePackageName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

const BOUND_ORDER: Record<VersionBound, number> = { none: 0, lower: 1, range: 2, exact: 3 };

/** The tighter of two bounds: requirements on one package all apply, so the tightest wins. */
export function tighterBound(a: VersionBound, b: VersionBound): VersionBound {
  return BOUND_ORDER[a] >= BOUND_ORDER[b] ? a : b;
}

/** The looser of two bounds: of alternatives (`||`, `|`), any one may be installed. */
export function looserBound(a: VersionBound, b: VersionBound): VersionBound {
  return BOUND_ORDER[a] <= BOUND_ORDER[b] ? a : b;
}

/**
 * Whose version syntax a constraint is written in. They differ on `=` and on bare versions:
 * in conda `=1.2` means `1.2.*` (https://docs.conda.io/projects/conda/en/stable/user-guide/concepts/pkg-search.html),
 * in Poetry `=1.2` and `1.2` mean exactly 1.2 (https://python-poetry.org/docs/dependency-specification/).
 */
export type SpecifierDialect = 'pep440' | 'poetry' | 'conda';

const CLAUSE = /(===|==|!=|~=|<=|>=|<|>|\^|~|=)?\s*([A-Za-z0-9*+!._-]+)/g;

/**
 * The bound a version constraint sets: PEP 440 specifier sets (`>=1.2, <2`), Poetry
 * constraints (`^1.2`, `~1.2`, `>=1.2 <1.5`, `1.2 || 2.0`) and conda version specs
 * (`1.2.*`, `>=1.2,<2|1.0`). Clauses joined by `,` or spaces all apply (the tightest wins);
 * alternatives joined by `||` or `|` each may apply (the loosest wins). An empty constraint
 * or `*` is no bound.
 */
export function boundOfConstraint(constraint: string, dialect: SpecifierDialect): VersionBound {
  const alternatives = constraint.split(/\|\|?/);
  let result: VersionBound | null = null;
  for (const alternative of alternatives) {
    let bound: VersionBound = 'none';
    for (const match of alternative.matchAll(CLAUSE)) {
      bound = tighterBound(bound, boundOfClause(match[1] ?? '', match[2]!, dialect));
    }
    result = result === null ? bound : looserBound(result, bound);
  }
  return result ?? 'none';
}

function boundOfClause(operator: string, version: string, dialect: SpecifierDialect): VersionBound {
  if (version.includes('*')) {
    // `*` is any version; `1.2.*` is a range, unless excluded (`!=1.2.*` bounds nothing).
    if (version === '*' || operator === '!=') return 'none';
    return operator === '' || operator === '==' || operator === '=' ? 'range' : 'none';
  }
  switch (operator) {
    case '===':
    case '==':
      return 'exact';
    case '=':
      return dialect === 'conda' ? 'range' : 'exact';
    case '':
      return 'exact';
    case '~=':
    case '^':
    case '~':
    case '<':
    case '<=':
      return 'range';
    case '>':
    case '>=':
      return 'lower';
    default:
      // `!=`: excluding one version leaves every other one open.
      return 'none';
  }
}
