/**
 * The Python rules over a set of files: each Python file and notebook among them is read
 * and scanned once (tokens, imports, literal hyperparameters, roles); the magic-number
 * findings are per file, the hints per set of files (an item's, or a directory's in `scan`),
 * computed from the same scans however many sets ask.
 */
import type { PracticeFinding } from '../../model/index.js';
import type { PracticeInput } from './examine.js';
import { magicNumberFindings } from './magic-numbers.js';
import { practiceHintsOf } from './practice-hints.js';
import { readPythonFiles } from './read-python-files.js';
import { isPythonPath, scanPythonFile, type PythonFileScan } from './scan-python.js';

export interface PythonExamination {
  /** Magic-number findings, one per file at most. */
  findings: PracticeFinding[];
  /** The no-tracking and no-validation hints for a set of files (any of those read). */
  hintsFor(paths: readonly string[]): PracticeFinding[];
  /** Files that could not be read or scanned (`path (reason)`), which give no finding. */
  unread: string[];
}

/** Reads and scans the Python files among the wanted ones; see the module comment. */
export async function examinePython(input: PracticeInput): Promise<PythonExamination> {
  const { selected } = input;
  const read = await readPythonFiles(
    { root: input.root, files: input.files },
    (path) => selected === null || selected.has(path),
  );
  const scans = new Map<string, PythonFileScan>();
  const unread = read.skipped.map((s) => `${s.path} (${s.reason})`);
  for (const file of read.files) {
    const scan = scanPythonFile(file.path, file.text);
    if (scan === null) unread.push(`${file.path} (not a notebook)`);
    else scans.set(file.path, scan);
  }
  const findings = [...scans.values()].flatMap((scan) => magicNumberFindings(scan));
  return {
    findings,
    hintsFor: (paths) =>
      practiceHintsOf(paths.filter(isPythonPath).flatMap((p) => scans.get(p) ?? [])),
    unread,
  };
}
