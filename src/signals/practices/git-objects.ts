/**
 * Reading git's object store for the practice detectors: the tree at HEAD with each blob's
 * size (one `git ls-tree -l`), and the contents of chosen blobs (one `git cat-file --batch`).
 * Sizes and contents come from the commit, never from the working tree, so an edited or
 * deleted checkout does not change what is reported. Both run read-only, with the same
 * environment and `-c` overrides as every other git call (git-env.ts).
 */
import { catFileBatch } from '../git/cat-file.js';
import { GIT_CONFIG_OVERRIDES } from '../git/git-env.js';
import { spawnGit } from '../git/log-stream.js';
import { describeGitFailure } from '../git/repo.js';

/** A file of the tree at HEAD. */
export interface TreeBlob {
  path: string;
  /** Object id of the blob. */
  oid: string;
  /** Bytes of the blob. */
  size: number;
  /** Whether it is a symbolic link (its blob is the link's target, not a file's bytes). */
  symlink: boolean;
}

/**
 * Every blob of the tree at `head` with its size (submodules left out), in one
 * `git ls-tree -r -l -z --full-tree` call.
 */
export async function listTreeBlobs(
  root: string,
  head: string,
  env?: NodeJS.ProcessEnv,
): Promise<TreeBlob[]> {
  const out = await runGit(root, ['ls-tree', '-r', '-l', '-z', '--full-tree', head], env);
  return parseTreeListing(out.toString('utf8'));
}

/**
 * Parses `git ls-tree -l -z` output: `<mode> <type> <oid> <size>\t<path>` records ended by
 * NUL, the size right-aligned with spaces (and `-` for what is not a blob).
 */
export function parseTreeListing(text: string): TreeBlob[] {
  const blobs: TreeBlob[] = [];
  for (const record of text.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab < 0) continue;
    const [mode, type, oid, size] = record.slice(0, tab).split(/ +/);
    if (type !== 'blob' || oid === undefined || size === undefined || !/^\d+$/.test(size)) {
      continue;
    }
    blobs.push({
      path: record.slice(tab + 1),
      oid,
      size: Number(size),
      symlink: mode === '120000',
    });
  }
  return blobs;
}

/**
 * The contents of the given blobs, by object id, in one `git cat-file --batch` call; an id
 * git does not have is left out. Callers bound the sizes: every byte is held in memory.
 */
export async function readBlobs(
  root: string,
  oids: readonly string[],
  env?: NodeJS.ProcessEnv,
): Promise<Map<string, Buffer>> {
  const unique = [...new Set(oids)];
  const blobs = new Map<string, Buffer>();
  await catFileBatch(root, unique, { env }, (index, object) => {
    if (object?.content) blobs.set(unique[index]!, object.content);
  }).catch((error: unknown) => {
    throw describeGitFailure(root, error);
  });
  return blobs;
}

/** Runs one read-only git command in `root` and returns its stdout; failures become UserErrors. */
async function runGit(
  root: string,
  args: string[],
  env: NodeJS.ProcessEnv | undefined,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await spawnGit(
    [...GIT_CONFIG_OVERRIDES, ...args],
    { cwd: root, env, command: args[0] },
    (chunk) => chunks.push(chunk),
  ).done.catch((error: unknown) => {
    throw describeGitFailure(root, error);
  });
  return Buffer.concat(chunks);
}
