/**
 * Reading the Python files (and notebooks) the practice rules look at, from the working tree
 * as the config reader does: tracked files only (the caller lists them), one bad file never
 * stops a run. A file is skipped, with the reason, when it cannot be read, is larger than the
 * cap, holds NUL bytes (binary), or is reached through a symlink that leads out of the
 * repository (never followed there). Text is decoded as UTF-8, a byte-order mark removed.
 * No git call: the caller's list of tracked files is all this needs.
 */
import { lstat, readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { describeFsError } from '../../util/fs-errors.js';
import type { PythonSource } from './practice-hints.js';
import { isPythonPath } from './scan-python.js';

/**
 * Python files larger than this (1 MiB) are not read: that much code is generated, not
 * written. Notebooks get {@link DEFAULT_MAX_NOTEBOOK_BYTES}: their outputs (images) sit in
 * the same file as the code.
 */
export const DEFAULT_MAX_PYTHON_BYTES = 1024 * 1024;
export const DEFAULT_MAX_NOTEBOOK_BYTES = 10 * 1024 * 1024;

export interface ReadPythonOptions {
  maxPythonBytes: number;
  maxNotebookBytes: number;
}

export const DEFAULT_READ_PYTHON_OPTIONS: Readonly<ReadPythonOptions> = {
  maxPythonBytes: DEFAULT_MAX_PYTHON_BYTES,
  maxNotebookBytes: DEFAULT_MAX_NOTEBOOK_BYTES,
};

export type PythonSkipReason = 'unreadable' | 'too-large' | 'binary' | 'symlink-outside';

export interface SkippedPythonFile {
  path: string;
  reason: PythonSkipReason;
  /** Why it could not be read, value-free (an error code in words). */
  detail?: string;
}

export interface PythonFiles {
  /** The files read, in the order of `files`. */
  files: PythonSource[];
  /** The files not read, in the order of `files`: the caller may say so in a note. */
  skipped: SkippedPythonFile[];
}

/** How many files are read at once: enough to overlap waits, few enough for any fd limit. */
const CONCURRENCY = 16;

/**
 * Reads the files among `files` (repository-relative, below `root`) that are Python source
 * or notebooks and that `filter` accepts (every one by default).
 */
export async function readPythonFiles(
  input: { root: string; files: readonly string[] },
  filter: (path: string) => boolean = () => true,
  options: Partial<ReadPythonOptions> = {},
): Promise<PythonFiles> {
  const limits = { ...DEFAULT_READ_PYTHON_OPTIONS, ...options };
  const realRoot = await realpath(input.root).catch(() => input.root);
  const wanted = input.files.filter((path) => isPythonPath(path) && filter(path));
  const outcomes = new Array<ReadOutcome>(wanted.length);
  let next = 0;
  const worker = async () => {
    while (next < wanted.length) {
      const index = next++;
      const path = wanted[index]!;
      const cap = path.endsWith('.ipynb') ? limits.maxNotebookBytes : limits.maxPythonBytes;
      outcomes[index] = await readTextFile(input.root, realRoot, path, cap);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, wanted.length) }, worker));
  const result: PythonFiles = { files: [], skipped: [] };
  outcomes.forEach((outcome, index) => {
    const path = wanted[index]!;
    if (outcome.ok) result.files.push({ path, text: outcome.text });
    else
      result.skipped.push({
        path,
        reason: outcome.reason,
        ...(outcome.detail ? { detail: outcome.detail } : {}),
      });
  });
  return result;
}

type ReadOutcome =
  { ok: true; text: string } | { ok: false; reason: PythonSkipReason; detail?: string };

async function readTextFile(
  root: string,
  realRoot: string,
  path: string,
  maxBytes: number,
): Promise<ReadOutcome> {
  try {
    // Where the path really leads: a symlink (or a symlinked directory on the way) that
    // leaves the repository is not followed.
    const real = await realpath(join(root, path));
    const inside = relative(realRoot, real);
    if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
      return { ok: false, reason: 'symlink-outside' };
    }
    const stat = await lstat(real);
    if (!stat.isFile()) return { ok: false, reason: 'unreadable', detail: 'not a regular file' };
    if (stat.size > maxBytes) return { ok: false, reason: 'too-large' };
    const bytes = await readFile(real);
    // The file may have grown between the stat and the read.
    if (bytes.length > maxBytes) return { ok: false, reason: 'too-large' };
    if (bytes.includes(0)) return { ok: false, reason: 'binary' };
    const text = bytes.toString('utf8');
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch (error) {
    return { ok: false, reason: 'unreadable', detail: describeFsError(error) };
  }
}
