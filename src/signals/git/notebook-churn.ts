/**
 * Notebook-aware line churn: for every change to a Jupyter notebook in the window, the
 * lines of the cells' sources added plus deleted, instead of git's count of JSON lines
 * (which a mere re-run, new outputs and execution counts, inflates by thousands).
 *
 * What it costs, and only in a repository with notebooks: two more gits per run, whatever
 * the history's length.
 * 1. A walk of the window limited to `*.ipynb` (names only: git compares trees, never reads a
 *    blob), which lists each notebook change: commit, path, and old path for a rename.
 * 2. One `git cat-file --batch` that prints both versions of each changed notebook (the
 *    commit's and its parent's), parsed here one at a time.
 * Reading the blobs is the price: the window's notebook versions, outputs included, pass
 * through once. A version larger than {@link MAX_NOTEBOOK_BYTES}, or one that is not a
 * notebook's JSON, keeps git's own count for that change.
 *
 * Renames are found among notebooks alone (the walk sees no other path); a change the walk
 * did not list keeps git's count.
 */
import { GIT_CONFIG_OVERRIDES } from './git-env.js';
import { CommitStream, historyArgs, spawnGit, type LogCommit } from './log-stream.js';
import { countChangedLines, isNotebookPath, notebookSourceLines } from './notebook-sources.js';

/** A notebook version larger than this is not parsed (git's count stands for its change). */
export const MAX_NOTEBOOK_BYTES = 32 * 1024 * 1024;

/** How notebooks enter line churn: their cells' sources, or not at all. */
export type NotebookMode = 'sources' | 'exclude';

/** One notebook change, as the limited walk lists it. */
interface NotebookChange {
  hash: string;
  path: string;
  oldPath: string;
}

/** Per commit, per notebook path, the source lines changed; and what could not be read. */
export interface NotebookChurn {
  /** commit hash → path → source lines added + deleted. */
  byCommit: Map<string, Map<string, number>>;
  /** Changes counted from their sources. */
  counted: number;
  /** Changes left to git's count: a version too large, or not a notebook's JSON. */
  unreadable: number;
}

/**
 * Walks the window for notebook changes and counts each one's source lines.
 * @param options.sinceSeconds the earliest committer time whose churn any window counts
 */
export async function readNotebookChurn(options: {
  cwd: string;
  rev: string;
  sinceSeconds: number;
  exactRenamesOnly: boolean;
  env?: NodeJS.ProcessEnv;
}): Promise<NotebookChurn> {
  const changes = await listNotebookChanges(options);
  const result: NotebookChurn = { byCommit: new Map(), counted: 0, unreadable: 0 };
  // `<rev>:<path>` names a blob by path on stdin, one per line: a path with a newline cannot
  // be asked for, and keeps git's count.
  const asked = changes.filter((c) => !c.path.includes('\n') && !c.oldPath.includes('\n'));
  if (asked.length === 0) return result;
  const input = asked.map((c) => `${c.hash}^:${c.oldPath}\n${c.hash}:${c.path}\n`).join('');
  let previous: string[] | null | undefined;
  let at = 0;
  const reader = new BatchReader((blob) => {
    const lines = blob === null ? [] : blob === TOO_LARGE ? null : notebookSourceLines(blob);
    if (previous === undefined) {
      previous = lines;
      return;
    }
    const change = asked[at++]!;
    const before = previous;
    previous = undefined;
    if (before === null || lines === null) {
      result.unreadable++;
      return;
    }
    let paths = result.byCommit.get(change.hash);
    if (paths === undefined) result.byCommit.set(change.hash, (paths = new Map()));
    paths.set(change.path, countChangedLines(before, lines));
    result.counted++;
  });
  await spawnGit(
    [...GIT_CONFIG_OVERRIDES, 'cat-file', '--batch'],
    { cwd: options.cwd, env: options.env, input, command: 'cat-file' },
    (chunk) => reader.write(chunk),
  ).done;
  return result;
}

/**
 * The commit as the aggregators must see it: each notebook change's churn replaced by its
 * sources' (or by 0, notebooks left out). The commit itself is not changed: the warm cache
 * may hold it, and it keeps git's counts.
 */
export function withNotebookChurn(commit: LogCommit, churn: NotebookChurn | 'exclude'): LogCommit {
  const counted = churn === 'exclude' ? null : churn.byCommit.get(commit.hash);
  if (churn !== 'exclude' && counted === undefined) return commit;
  let changes: LogCommit['changes'] | null = null;
  commit.changes.forEach((change, i) => {
    if (change.churn === null || !isNotebookPath(change.path)) return;
    const lines = counted === null ? 0 : counted!.get(change.path);
    if (lines === undefined || lines === change.churn) return;
    changes ??= commit.changes.slice();
    changes[i] = { ...change, churn: lines };
  });
  return changes === null ? commit : { ...commit, changes };
}

/** The notebook changes of the window, newest first: a names-only walk limited to notebooks. */
async function listNotebookChanges(options: {
  cwd: string;
  rev: string;
  sinceSeconds: number;
  exactRenamesOnly: boolean;
  env?: NodeJS.ProcessEnv;
}): Promise<NotebookChange[]> {
  const changes: NotebookChange[] = [];
  const stream = new CommitStream(false, (commit) => {
    for (const change of commit.changes) {
      if (!isNotebookPath(change.path)) continue;
      changes.push({
        hash: commit.hash,
        path: change.path,
        oldPath: change.oldPath ?? change.path,
      });
    }
  });
  const args = [
    ...historyArgs({
      cwd: options.cwd,
      rev: options.rev,
      sinceSeconds: options.sinceSeconds,
      lineChurn: false,
      exactRenamesOnly: options.exactRenamesOnly,
    }),
    // Every notebook, any directory, any case of the extension.
    ':(glob,icase)**/*.ipynb',
  ];
  await spawnGit(args, { cwd: options.cwd, env: options.env }, (chunk) => stream.write(chunk)).done;
  stream.end();
  return changes;
}

const TOO_LARGE = Symbol('too large');

/**
 * Reads `git cat-file --batch` output: per object asked for, `<oid> <type> <size>\n`, the
 * bytes and a newline; or `<name> missing\n` (the path is not in that commit: a notebook
 * added, deleted, or the parent of a root commit), which reads as an empty notebook.
 */
class BatchReader {
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  /** Bytes of the current object still to come (its newline included); -1: a header next. */
  private remaining = -1;
  private size = 0;
  private skip = false;

  constructor(private readonly onBlob: (text: string | null | typeof TOO_LARGE) => void) {}

  write(chunk: Buffer): void {
    let from = 0;
    while (from < chunk.length) {
      if (this.remaining < 0) {
        const newline = chunk.indexOf(10, from);
        if (newline === -1) {
          this.keep(chunk.subarray(from));
          return;
        }
        const header = this.take(chunk.subarray(from, newline)).toString('utf8');
        from = newline + 1;
        if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
          this.onBlob(null);
          continue;
        }
        const fields = header.split(' ');
        const size = Number(fields[2]);
        if (fields.length !== 3 || !Number.isSafeInteger(size)) {
          throw new Error('git cat-file printed a header mldebt does not understand');
        }
        this.size = size;
        this.remaining = size + 1;
        this.skip = fields[1] !== 'blob' || size > MAX_NOTEBOOK_BYTES;
        continue;
      }
      const part = chunk.subarray(from, from + this.remaining);
      from += part.length;
      this.remaining -= part.length;
      if (!this.skip) this.keep(part);
      if (this.remaining > 0) return;
      this.remaining = -1;
      if (this.skip) {
        this.onBlob(TOO_LARGE);
        continue;
      }
      const body = this.take();
      this.onBlob(body.subarray(0, this.size).toString('utf8'));
    }
  }

  private keep(part: Buffer): void {
    this.buffered.push(part);
    this.bufferedBytes += part.length;
  }

  /** Everything kept, with `tail` after it, as one buffer; the keeping starts afresh. */
  private take(tail?: Buffer): Buffer {
    if (tail !== undefined) this.keep(tail);
    const whole =
      this.buffered.length === 1
        ? this.buffered[0]!
        : Buffer.concat(this.buffered, this.bufferedBytes);
    this.buffered = [];
    this.bufferedBytes = 0;
    return whole;
  }
}
