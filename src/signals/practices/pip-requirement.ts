/**
 * One pip requirement, as written in a requirements file, a PEP 621 list, setup.cfg or the
 * `pip:` list of a conda environment: a PEP 508 specifier (`name[extras] >=1 ; marker`,
 * `name @ url`), a bare URL (`git+https://host/repo.git@v1#egg=name`, an archive), or a
 * local path (`.`, `./pkg`, `file:...`), which is the project itself or a sibling and no
 * package from an index: it is not a dependency to pin.
 * Forms: https://pip.pypa.io/en/stable/reference/requirements-file-format/ and
 * https://peps.python.org/pep-0508/ ; VCS URLs: https://pip.pypa.io/en/stable/topics/vcs-support/
 */
import { boundOfConstraint, PACKAGE_NAME, type VersionBound } from './requirement.js';

/** What one requirement string installs: a named package with a bound, or null for a local path. */
export interface PipRequirement {
  /** The name as written, or null when no name could be read (a URL with no `#egg=`). */
  name: string | null;
  bound: VersionBound;
}

const NAMED = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$/s;
const VCS_URL = /^(?:git|hg|svn|bzr)\+/i;
const URL = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
const FIXED_REF = /^(?:[0-9a-f]{7,40}|v?\d+(?:[._-][A-Za-z0-9]+)*)$/i;

/**
 * Whether a VCS ref stays put: a commit hash, or a tag that reads as a version (`v1.2.0`,
 * `2.0`). Anything else (`main`, `develop`, `release`) reads as a branch, which moves; a tag
 * named like a branch is read as one (git's URL does not say which it is).
 */
export function isFixedRef(ref: string): boolean {
  return FIXED_REF.test(ref);
}

/**
 * Reads one requirement string (options and comments already removed). Returns null for a
 * local path and for text that is no requirement.
 */
export function parsePipRequirement(text: string): PipRequirement | null {
  const spec = text.trim();
  if (spec === '') return null;
  if (VCS_URL.test(spec) || URL.test(spec)) return fromUrl(stripUrlMarker(spec), null);
  if (isLocalPath(spec)) return null;
  const named = NAMED.exec(spec);
  if (!named) return null;
  const name = named[1]!;
  const rest = named[3]!.trim();
  if (rest.startsWith('@')) return fromUrl(stripUrlMarker(rest.slice(1).trim()), name);
  const beforeMarker = rest.split(';')[0]!.trim();
  // PEP 508 allows the specifier set in parentheses: `name (>=1.0)`.
  const specifiers = beforeMarker.replace(/^\(|\)$/g, '');
  if (specifiers !== '' && !/^[<>=!~]/.test(specifiers)) return null;
  return { name, bound: boundOfConstraint(specifiers, 'pep440') };
}

/** A URL requirement's marker follows `;` after whitespace (a bare `;` may belong to the URL). */
function stripUrlMarker(text: string): string {
  return text.split(/\s+;|\s/)[0]!;
}

function isLocalPath(spec: string): boolean {
  if (spec === '.' || /^(?:\.{1,2}[/\\]|[/\\~]|file:)/i.test(spec)) return true;
  if (/^[A-Za-z]:[/\\]/.test(spec)) return true;
  // A name has no slash, and a wheel or sdist file name ends in its archive extension.
  const head = spec.split(/[;\s]/)[0]!.split('@')[0]!;
  return /[/\\]/.test(head) || /\.(?:whl|tar\.gz|tar\.bz2|zip)$/i.test(head);
}

/**
 * A URL pins when it names one thing: a VCS URL with a commit or version-like tag after its
 * path's last `@`, or an archive (a file, fixed by its URL). A VCS URL with no ref, or a ref
 * that reads as a branch (`@main`), installs whatever the branch holds on the day.
 */
function fromUrl(url: string, writtenName: string | null): PipRequirement | null {
  if (/^file:/i.test(url)) return null;
  const egg = /[#&]egg=([^&#\s]+)/.exec(url)?.[1] ?? null;
  const withoutFragment = url.replace(/[#?].*$/, '');
  if (VCS_URL.test(url)) {
    const afterScheme = withoutFragment.replace(/^[^:]+:\/\//, '');
    const path = afterScheme.slice(Math.max(afterScheme.indexOf('/'), 0));
    const at = path.lastIndexOf('@');
    const ref = at === -1 ? null : path.slice(at + 1);
    const repoPath = at === -1 ? path : path.slice(0, at);
    const basename =
      repoPath
        .split('/')
        .filter(Boolean)
        .pop()
        ?.replace(/\.git$/, '') ?? null;
    return {
      name: validName(writtenName ?? egg ?? basename),
      bound: ref !== null && isFixedRef(ref) ? 'exact' : 'none',
    };
  }
  const file = withoutFragment.split('/').pop() ?? '';
  return { name: validName(writtenName ?? egg ?? archiveName(file)), bound: 'exact' };
}

/** `torch-2.1.0-cp311-....whl` -> `torch`: a distribution's file name starts with its name. */
function archiveName(file: string): string | null {
  return /^(.+?)-\d/.exec(file)?.[1] ?? null;
}

function validName(name: string | null): string | null {
  return name !== null && PACKAGE_NAME.test(name) ? name : null;
}
