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
import { catFileBatch } from './cat-file.js';
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
 * @param options.above a commit whose own history is left out (its changes were counted
 *   before: an extended pass, see history-state.ts); absent: the whole window
 */
export async function readNotebookChurn(options: {
  cwd: string;
  rev: string;
  above?: string;
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
  const names = asked.flatMap((c) => [`${c.hash}^:${c.oldPath}`, `${c.hash}:${c.path}`]);
  let before: string[] | null = null;
  await catFileBatch(
    options.cwd,
    names,
    { env: options.env, maxBytes: MAX_NOTEBOOK_BYTES },
    (index, object) => {
      // Absent (added, deleted, a root's parent): an empty notebook. Too large or not a
      // blob: unreadable, git's count stands.
      const lines =
        object === null
          ? []
          : object.content === null || object.type !== 'blob'
            ? null
            : notebookSourceLines(object.content.toString('utf8'));
      if (index % 2 === 0) {
        before = lines;
        return;
      }
      const change = asked[(index - 1) / 2]!;
      if (before === null || lines === null) {
        result.unreadable++;
        return;
      }
      let paths = result.byCommit.get(change.hash);
      if (paths === undefined) result.byCommit.set(change.hash, (paths = new Map()));
      paths.set(change.path, countChangedLines(before, lines));
      result.counted++;
    },
  );
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
  above?: string;
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
  const args = historyArgs({
    cwd: options.cwd,
    rev: options.rev,
    sinceSeconds: options.sinceSeconds,
    lineChurn: false,
    exactRenamesOnly: options.exactRenamesOnly,
  });
  // Not `above` nor its ancestors: the revisions end just before the `--`.
  if (options.above !== undefined) args.splice(args.length - 1, 0, `^${options.above}`);
  // Every notebook, any directory, any case of the extension.
  args.push(':(glob,icase)**/*.ipynb');
  await spawnGit(args, { cwd: options.cwd, env: options.env }, (chunk) => stream.write(chunk)).done;
  stream.end();
  return changes;
}
