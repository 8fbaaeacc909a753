/**
 * Reading the Python files (and notebooks) the practice rules look at, from the working tree
 * as the config reader does: tracked files only (the caller lists them), one bad file never
 * stops a run. A file is skipped, with the reason, when it cannot be read, is larger than the
 * cap, holds NUL bytes (binary), or is reached through a symlink that leads out of the
 * repository (never followed there). Text is decoded as UTF-8, a byte-order mark removed.
 * No git call: the caller's list of tracked files is all this needs.
 */
import { realpath } from 'node:fs/promises';
import { readConfigFile, type ReadOutcome, type SkipReason } from '../config/read-config-file.js';
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

export type PythonSkipReason = SkipReason;

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

/**
 * Reads the files among `files` (repository-relative, below `root`) that are Python source
 * or notebooks and that `filter` accepts (every one by default).
 */
export async function readPythonFiles(
  input: { root: string; files: readonly string[] },
  filter: (path: string) => boolean = () => true,
  options: Partial<ReadPythonOptions> = {},
): Promise<PythonFiles> {
  const result: PythonFiles = { files: [], skipped: [] };
  await forEachPythonFile(
    input,
    (path, outcome) => {
      if (outcome.ok) result.files.push({ path, text: outcome.text });
      else
        result.skipped.push({
          path,
          reason: outcome.reason,
          ...(outcome.detail ? { detail: outcome.detail } : {}),
        });
    },
    filter,
    options,
  );
  return result;
}

/**
 * {@link readPythonFiles} one file at a time, in the order of `files`: `onFile` gets each
 * file's text (or why it was not read) and the text is let go of after it, so a repository
 * of many files never holds them all at once.
 */
export async function forEachPythonFile(
  input: { root: string; files: readonly string[] },
  onFile: (path: string, outcome: ReadOutcome) => void,
  filter: (path: string) => boolean = () => true,
  options: Partial<ReadPythonOptions> = {},
): Promise<void> {
  const limits = { ...DEFAULT_READ_PYTHON_OPTIONS, ...options };
  const realRoot = await realpath(input.root).catch(() => input.root);
  for (const path of input.files) {
    if (!isPythonPath(path) || !filter(path)) continue;
    const cap = path.endsWith('.ipynb') ? limits.maxNotebookBytes : limits.maxPythonBytes;
    onFile(path, await readConfigFile(input.root, realRoot, path, cap));
  }
}
