/**
 * The unpinned-dependency reader: finds the environment and lock files among the tracked
 * files, reads the environment files from the working tree as the config collector does
 * (size cap, no binaries, no symlink out of the repository), follows their `-r`, `-c` and
 * `file:` references to other tracked files, and hands the parses to {@link findUnpinned}.
 * No git call: the pipeline's list of tracked files is enough.
 */
import { realpath } from 'node:fs/promises';
import { posix } from 'node:path';
import type { PracticeFinding } from '../../model/index.js';
import { stampOf } from '../../util/file-stamp.js';
import { compareText } from '../../util/text.js';
import { readConfigFile } from '../config/read-config-file.js';
import type { GitDirectoryFacts } from '../git/repo.js';
import { StampedFacts } from '../stamped-facts.js';
import { ENVIRONMENT_PARSES } from './environment-cache.js';
import { environmentFormatOf, lockKindOf, type EnvironmentFormat } from './environment-files.js';
import {
  DEFAULT_UNPINNED_OPTIONS,
  findUnpinned,
  type EnvironmentFile,
  type RequirementSource,
  type SourceReference,
  type UnpinnedOptions,
} from './find-unpinned.js';
import type { EnvironmentParse, WrittenReference } from './requirement.js';
import { parseRequirementsTxt } from './requirements-txt.js';
import { parseSetupCfg } from './setup-cfg-dependencies.js';

export interface UnpinnedInput {
  /** The repository's top level. */
  root: string;
  /** Tracked files at HEAD, repository-relative, `/` separators, sorted. */
  files: readonly string[];
  options?: UnpinnedOptions;
  /** Whether parses are read from and written to the warm cache (`--no-cache`: false). */
  cache?: boolean;
  env?: NodeJS.ProcessEnv;
  /** What git said of the repository as the run found it (where the cache may not go). */
  gitFacts?: GitDirectoryFacts;
}

/** A file that could not be read or parsed, and why (never its content). */
export interface SkippedFile {
  file: string;
  reason: string;
}

export interface UnpinnedResult {
  /** Sorted by file, then line. */
  findings: PracticeFinding[];
  /** Sorted by file, then reason. */
  skipped: SkippedFile[];
}

/**
 * Each format's parser. conda's reads YAML, pyproject's and Pipfile's TOML: their modules
 * (and the YAML or TOML library) are loaded only for a repository with such a file to read.
 */
const PARSERS: Record<EnvironmentFormat, () => Promise<(text: string) => EnvironmentParse>> = {
  requirements: async () => (text) => ({ ok: true, parsed: parseRequirementsTxt(text) }),
  'setup-cfg': async () => (text) => ({ ok: true, parsed: parseSetupCfg(text) }),
  pyproject: async () => (await import('./pyproject-dependencies.js')).parsePyproject,
  pipfile: async () => (await import('./pipfile.js')).parsePipfile,
  conda: async () => (await import('./conda-environment.js')).parseCondaEnvironment,
};

/**
 * `unpinned-dependency` findings for a repository: environment files whose packages have no
 * version bound and that no lock file fixes. Malformed, binary, oversized or unreadable
 * environment files give no finding and are listed in `skipped`; so is a reference to a
 * file that is not tracked (it is not followed).
 */
export async function collectUnpinnedDependencies(input: UnpinnedInput): Promise<UnpinnedResult> {
  const { root, files } = input;
  const realRoot = await realpath(root).catch(() => root);
  const tracked = new Set(files);
  const skipped: SkippedFile[] = [];
  const sources = new Map<string, Promise<RequirementSource | null>>();

  /** Reads and parses a file once, however many files name it; null when it was skipped. */
  const load = (file: string, format: EnvironmentFormat): Promise<RequirementSource | null> => {
    // Keyed by format too: a file named by `-r` is read as a requirements file, whatever its name.
    const key = `${format}:${file}`;
    let result = sources.get(key);
    if (result === undefined) {
      result = readSource(file, format);
      sources.set(key, result);
    }
    return result;
  };

  const environmentFiles = files.filter((file) => environmentFormatOf(file) !== null);
  const cache =
    environmentFiles.length === 0
      ? null
      : await StampedFacts.open(ENVIRONMENT_PARSES, {
          root,
          env: input.env,
          enabled: input.cache ?? false,
          gitFacts: input.gitFacts,
        });

  /**
   * The parse of a file: kept from an earlier run while the file is as it was then (its
   * stamp is taken before it is read, so a file changed in between is read again next
   * time); null when it cannot be read (said in `skipped`).
   */
  const parseOf = async (
    file: string,
    format: EnvironmentFormat,
  ): Promise<EnvironmentParse | null> => {
    // Kept only as read in its own format: a `-r` may name a file of any name.
    const stamp =
      cache !== null && environmentFormatOf(file) === format ? stampOf(root, file) : null;
    const kept = stamp === null ? null : cache!.lookup(file, stamp);
    if (kept !== null) return kept;
    const read = await readConfigFile(root, realRoot, file);
    if (!read.ok) {
      skipped.push({ file, reason: read.reason });
      return null;
    }
    const parse = (await PARSERS[format]())(read.text);
    if (stamp !== null) cache!.put(file, stamp, parse);
    return parse;
  };

  const readSource = async (
    file: string,
    format: EnvironmentFormat,
  ): Promise<RequirementSource | null> => {
    const parse = await parseOf(file, format);
    if (parse === null) return null;
    if (!parse.ok) {
      skipped.push({ file, reason: parse.reason });
      return null;
    }
    // The object exists before its references are resolved, so a cycle (`a` includes `b`
    // includes `a`) resolves to it instead of loading forever.
    const source: RequirementSource & {
      includes: SourceReference[];
      constraints: SourceReference[];
    } = {
      file,
      requirements: parse.parsed.requirements,
      includes: [],
      constraints: [],
    };
    sources.set(`${format}:${file}`, Promise.resolve(source));
    source.includes.push(...(await resolve(file, parse.parsed.includes)));
    source.constraints.push(...(await resolve(file, parse.parsed.constraints)));
    return source;
  };

  /** The referenced files that are tracked, parsed as requirements files. */
  const resolve = async (
    from: string,
    references: readonly WrittenReference[],
  ): Promise<SourceReference[]> => {
    const resolved: SourceReference[] = [];
    for (const reference of references) {
      const target = resolveReference(from, reference.path);
      if (target === null || !tracked.has(target)) {
        skipped.push({
          file: from,
          reason: `line ${reference.line} names a file that is not tracked; not followed`,
        });
        continue;
      }
      const source = await load(target, 'requirements');
      if (source !== null) resolved.push({ line: reference.line, source });
    }
    return resolved;
  };

  const envFiles: EnvironmentFile[] = [];
  for (const file of environmentFiles) {
    const format = environmentFormatOf(file)!;
    const source = await load(file, format);
    if (source !== null) envFiles.push({ ...source, format });
  }
  await cache?.save(new Set(environmentFiles));
  const lockFiles = files.filter((file) => lockKindOf(file) !== null);
  const findings = findUnpinned(envFiles, lockFiles, input.options ?? DEFAULT_UNPINNED_OPTIONS);
  skipped.sort((a, b) => compareText(a.file, b.file) || compareText(a.reason, b.reason));
  return { findings, skipped: dedupe(skipped) };
}

/**
 * A reference's repository-relative path, relative to the referring file's directory, or
 * null for a URL, an absolute path or a path that leaves the repository.
 */
export function resolveReference(from: string, written: string): string | null {
  if (
    /^[A-Za-z][A-Za-z0-9+.-]*:/.test(written) ||
    written.startsWith('/') ||
    written.includes('\\')
  ) {
    return null;
  }
  const joined = posix.normalize(posix.join(posix.dirname(from), written));
  return joined === '..' || joined.startsWith('../') || joined === '.' ? null : joined;
}

function dedupe(skipped: SkippedFile[]): SkippedFile[] {
  return skipped.filter(
    (s, i) => i === 0 || s.file !== skipped[i - 1]!.file || s.reason !== skipped[i - 1]!.reason,
  );
}
