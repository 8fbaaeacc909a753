/**
 * The cache key: everything that decides what `git log` says about a commit, beyond the
 * commit's own hash. Two runs with the same key would read the same facts for the same
 * hash; anything that could make them differ is in the key, so a change starts a new file
 * instead of mixing facts of two kinds in one.
 *
 * Identity of the repository: the real path of its git common directory. A commit's facts
 * depend only on its hash and the inputs below, so identity is not needed for correctness;
 * it decides which runs share (and overwrite) one file. The common directory is shared by
 * all worktrees of a clone (they share a cache) and is known without walking history,
 * whereas root commit hashes would need a walk of the whole history on every run. A second
 * clone of the same project gets its own file: no two clones race to rewrite one file, and
 * least-recently-used eviction removes the file of a clone that is gone.
 *
 * Inputs that change the facts of a given hash:
 * - line churn (`--numstat` vs `--name-status`) and rename detection (`-M` vs `-M100%` in
 *   a partial clone);
 * - the mailmap (authors are stored mailmapped): the working tree's `.mailmap` file and the
 *   blob `mailmap.blob` names, by content;
 * - the git config mldebt overrides (fixed per mldebt version) and the cache format version;
 * - attributes that mark files binary or change diffs: the root `.gitattributes` and
 *   `info/attributes`, by content;
 * - what changes a commit's parents as git shows them: the shallow boundary (deepening a
 *   shallow clone gives its old boundary commits parents), grafts, and replace refs.
 * Only hashes of these enter the key; no content or config value is stored.
 */
import { createHash } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { GIT_CONFIG_OVERRIDES } from '../git-env.js';
import { gitQuery } from '../git-query.js';
import {
  readGitConfigAnswers,
  readGitDirectoryFacts,
  type GitConfigAnswers,
  type GitDirectoryFacts,
} from '../repo.js';
import { CACHE_FORMAT_VERSION } from './format-version.js';

/** The options of the history pass that change per-commit facts. */
export interface CacheKeyOptions {
  /** `--numstat` (lines) rather than `--name-status`. */
  lineChurn: boolean;
  /** `-M100%` (a partial clone) rather than `-M`. */
  exactRenamesOnly: boolean;
}

/** Everything the key is made from, before hashing: one field per input. */
export interface CacheKeyInputs extends CacheKeyOptions {
  format: number;
  /** Real path of the git common directory. */
  repository: string;
  gitOverrides: string;
  /** Content digests ('' when the file does not exist). */
  mailmapFile: string;
  mailmapBlob: string;
  attributes: string;
  infoAttributes: string;
  shallow: string;
  grafts: string;
  replaceRefs: string;
}

/** A repository's cache key and the git directories the cache must stay out of. */
export interface CacheKey {
  /** Hex SHA-256 of the inputs: names the file and is checked inside it. */
  id: string;
  inputs: CacheKeyInputs;
  /** Absolute git directory and common directory of the repository. */
  gitDirs: string[];
}

/** Hashes the inputs into a key id (stable: fields in a fixed order). */
export function hashKeyInputs(inputs: CacheKeyInputs): string {
  const fields: (keyof CacheKeyInputs)[] = [
    'format',
    'repository',
    'lineChurn',
    'exactRenamesOnly',
    'gitOverrides',
    'mailmapFile',
    'mailmapBlob',
    'attributes',
    'infoAttributes',
    'shallow',
    'grafts',
    'replaceRefs',
  ];
  return createHash('sha256')
    .update(JSON.stringify(fields.map((f) => [f, inputs[f]])))
    .digest('hex');
}

/**
 * Reads the key of the repository at `root` (its working tree's top level) for a pass run
 * with `options`: two small git calls in parallel and a few file reads. Rejects when git
 * cannot read the repository (the caller then runs without a cache).
 */
export async function readCacheKey(
  root: string,
  options: CacheKeyOptions,
  env?: NodeJS.ProcessEnv,
): Promise<CacheKey> {
  return (await readCacheKeys(root, env))(options);
}

/**
 * {@link readCacheKey} before the options are known: what git and the files say is read
 * once, and the result makes the key for any options (a pass reads whether the clone is
 * partial, which sets them, at the same time). `config` and `facts` are git's answers when
 * the caller has them already (a run asks for the facts as it finds the repository).
 */
export async function readCacheKeys(
  root: string,
  env?: NodeJS.ProcessEnv,
  config: Promise<Pick<GitConfigAnswers, 'mailmapBlob'>> = readGitConfigAnswers(root, env),
  facts?: GitDirectoryFacts,
): Promise<(options: CacheKeyOptions) => CacheKey> {
  const [
    { gitDir, commonDir, shallowFile, graftsFile, attributesFile, replaceRefs },
    { mailmapBlob: blob },
  ] = await Promise.all([facts ?? readGitDirectoryFacts(root, env), config]);
  const [repository, mailmapFile, mailmapBlob, attributes, infoAttributes, shallow, grafts] =
    await Promise.all([
      realpath(commonDir),
      digestOfFile(join(root, '.mailmap')),
      blob === ''
        ? ''
        : // `rev-parse --verify -q` answers "no such object" with "".
          gitQuery(root, ['rev-parse', '--verify', '-q', '--end-of-options', blob], env).then((h) =>
            h.trim(),
          ),
      digestOfFile(join(root, '.gitattributes')),
      digestOfFile(attributesFile),
      digestOfFile(shallowFile),
      digestOfFile(graftsFile),
    ]);
  return (options) => {
    const inputs: CacheKeyInputs = {
      format: CACHE_FORMAT_VERSION,
      repository,
      lineChurn: options.lineChurn,
      exactRenamesOnly: options.exactRenamesOnly,
      gitOverrides: digest(GIT_CONFIG_OVERRIDES.join('\0')),
      mailmapFile,
      mailmapBlob,
      attributes,
      infoAttributes,
      shallow,
      grafts,
      replaceRefs: digest(replaceRefs),
    };
    return { id: hashKeyInputs(inputs), inputs, gitDirs: [...new Set([gitDir, commonDir])] };
  };
}

function digest(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** SHA-256 of a file's bytes, '' when there is no such file. */
async function digestOfFile(path: string): Promise<string> {
  try {
    return digest(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return '';
    throw error;
  }
}
