/**
 * The unpinned-dependency rule, pure: given the parsed environment files and the lock files
 * of a repository, one finding per environment file that declares packages with no version
 * bound and that no lock fixes.
 *
 * Rules, and the choices made where the issue is silent:
 * - A package is unpinned when no requirement for it bounds its version: not in the file,
 *   not in a file it includes (`-r`), not in a constraints file it names (`-c`). All
 *   requirements on one package apply together, so one pin anywhere pins it.
 * - A lower bound alone (`>=1.2`) is a bound: by default it is not counted, and the detail
 *   says how many packages have nothing more (`lowerBoundIsUnpinned` counts them instead).
 * - A lock fixes the environment files it is written from (see LOCK_FIXES) in its own
 *   directory and below; a requirements file that pip-tools wrote with hashes is itself a
 *   lock of its own directory (not below), and never a finding.
 * - Packages of an included file are reported with the file that includes them (at the
 *   `-r` line), unless the included file is an environment file itself: then it has its own
 *   finding, and they are not reported twice.
 */
import { posix } from 'node:path';
import type { PracticeFinding } from '../../model/index.js';
import { compareText } from '../../util/text.js';
import {
  environmentFormatOf,
  LOCK_FIXES,
  lockCovers,
  lockKindOf,
  type EnvironmentFormat,
  type LockKind,
} from './environment-files.js';
import {
  normalizePackageName,
  tighterBound,
  type Requirement,
  type VersionBound,
} from './requirement.js';

/** A parsed file of requirements, with the files it names resolved to their own parses. */
export interface RequirementSource {
  /** Repository-relative path. */
  file: string;
  requirements: readonly Requirement[];
  /** Files it installs too (`-r`, `file:`), at the line that names them. */
  includes: readonly SourceReference[];
  /** Files that only constrain versions (`-c`), at the line that names them. */
  constraints: readonly SourceReference[];
}

export interface SourceReference {
  line: number;
  source: RequirementSource;
}

/** An environment file and what it declares. */
export interface EnvironmentFile extends RequirementSource {
  format: EnvironmentFormat;
}

export interface UnpinnedOptions {
  /** How many package names the detail lists before `+N more`. */
  listedNames: number;
  /** Count packages with a lower bound alone (`>=1.2`) as unpinned. */
  lowerBoundIsUnpinned: boolean;
}

export const DEFAULT_UNPINNED_OPTIONS: UnpinnedOptions = {
  listedNames: 5,
  lowerBoundIsUnpinned: false,
};

/**
 * One `unpinned-dependency` finding per environment file with unpinned packages and no lock
 * that fixes it, sorted by file then line. `lockFiles` are the repository's lock files by
 * path (poetry.lock, uv.lock, ...); pip-tools outputs are recognised among `envFiles`.
 */
export function findUnpinned(
  envFiles: readonly EnvironmentFile[],
  lockFiles: readonly string[],
  options: UnpinnedOptions = DEFAULT_UNPINNED_OPTIONS,
): PracticeFinding[] {
  const locks: { dir: string; kind: LockKind }[] = [];
  for (const file of lockFiles) {
    const kind = lockKindOf(file);
    if (kind !== null) locks.push({ dir: posix.dirname(file), kind });
  }
  for (const file of envFiles) {
    if (isPipToolsOutput(file)) locks.push({ dir: posix.dirname(file.file), kind: 'pip-tools' });
  }
  const findings: PracticeFinding[] = [];
  for (const file of envFiles) {
    if (isPipToolsOutput(file)) continue;
    const dir = posix.dirname(file.file);
    if (
      locks.some(
        (lock) =>
          LOCK_FIXES[lock.kind].includes(file.format) && lockCovers(lock.kind, lock.dir, dir),
      )
    ) {
      continue;
    }
    const finding = unpinnedIn(file, options);
    if (finding !== null) findings.push(finding);
  }
  return findings.sort((a, b) => compareText(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0));
}

/**
 * A requirements file pip-compile wrote with `--generate-hashes`: at least one requirement,
 * and every one `==` pinned (or a fixed URL) with a hash. Such a file is a lock.
 */
export function isPipToolsOutput(file: EnvironmentFile): boolean {
  return (
    file.format === 'requirements' &&
    file.requirements.length > 0 &&
    file.requirements.every((r) => r.hashed && r.bound === 'exact')
  );
}

interface PackageState {
  /** The name as first written in the file (or in a file reported with it). */
  name: string;
  bound: VersionBound;
  /** First line in the reported file, or null when only other environment files declare it. */
  line: number | null;
}

function unpinnedIn(file: EnvironmentFile, options: UnpinnedOptions): PracticeFinding | null {
  const packages = new Map<string, PackageState>();
  const add = (requirement: Requirement, line: number | null): void => {
    const key = normalizePackageName(requirement.name);
    const state = packages.get(key);
    if (state === undefined) {
      packages.set(key, { name: requirement.name, bound: requirement.bound, line });
      return;
    }
    state.bound = tighterBound(state.bound, requirement.bound);
    if (line !== null && (state.line === null || line < state.line)) {
      if (state.line === null) state.name = requirement.name;
      state.line = line;
    }
  };
  const pins: Requirement[] = [];
  const visited = new Set<string>([file.file]);

  // `line`: where this source's packages are reported in `file`; null when they belong to
  // another environment file's finding.
  const walk = (source: RequirementSource, line: number | null): void => {
    for (const requirement of source.requirements) {
      add(requirement, source === file ? requirement.line : line);
    }
    for (const reference of source.constraints) collectPins(reference.source, pins, visited);
    for (const reference of source.includes) {
      if (visited.has(reference.source.file)) continue;
      visited.add(reference.source.file);
      const own = environmentFormatOf(reference.source.file) === null;
      walk(reference.source, own ? (source === file ? reference.line : line) : null);
    }
  };
  walk(file, null);
  for (const pin of pins) {
    const state = packages.get(normalizePackageName(pin.name));
    if (state !== undefined) state.bound = tighterBound(state.bound, pin.bound);
  }

  const unpinned: PackageState[] = [];
  let lowerOnly = 0;
  for (const state of packages.values()) {
    if (state.line === null) continue;
    if (state.bound === 'none' || (state.bound === 'lower' && options.lowerBoundIsUnpinned)) {
      unpinned.push(state);
    } else if (state.bound === 'lower') {
      lowerOnly++;
    }
  }
  if (unpinned.length === 0) return null;
  const names = unpinned
    .map((s) => s.name)
    .sort((a, b) => compareText(a.toLowerCase(), b.toLowerCase()) || compareText(a, b));
  const listed = names.slice(0, Math.max(options.listedNames, 0));
  const more = names.length - listed.length;
  const lower = lowerOnly > 0 ? `; ${lowerOnly} with only a lower bound` : '';
  return {
    kind: 'unpinned-dependency',
    file: file.file,
    line: Math.min(...unpinned.map((s) => s.line!)),
    count: unpinned.length,
    detail:
      `${unpinned.length} unpinned: ${listed.join(', ')}${more > 0 ? ` +${more} more` : ''}` +
      `${lower} (no lock file)`,
  };
}

/** Every requirement of a constraints file and of the files it names: each pins, none installs. */
function collectPins(source: RequirementSource, pins: Requirement[], visited: Set<string>): void {
  const key = `constraint:${source.file}`;
  if (visited.has(key)) return;
  visited.add(key);
  pins.push(...source.requirements);
  for (const reference of [...source.includes, ...source.constraints]) {
    collectPins(reference.source, pins, visited);
  }
}
