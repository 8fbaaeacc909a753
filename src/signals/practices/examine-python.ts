/**
 * The Python rules over a set of files: each Python file and notebook among them is read
 * and scanned once (tokens, imports, literal hyperparameters, roles); the magic-number
 * findings are per file, the hints per set of files (an item's, or a directory's in `scan`),
 * computed from the same scans however many sets ask.
 *
 * Scans are kept per listing of the repository's files (the same array for every context
 * of one run at one commit): `trend`'s points and `explain`'s read each file once, not once
 * a point.
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

/** A file's scan, or why it has none (`path (reason)`). */
type ScanOutcome = { scan: PythonFileScan } | { unread: string };

const scansByListing = new WeakMap<readonly string[], Map<string, ScanOutcome>>();

/** Reads and scans the Python files among the wanted ones; see the module comment. */
export async function examinePython(input: PracticeInput): Promise<PythonExamination> {
  const { selected } = input;
  let scans = scansByListing.get(input.files);
  if (scans === undefined) scansByListing.set(input.files, (scans = new Map()));
  const wanted = input.files.filter(
    (path) => isPythonPath(path) && (selected === null || selected.has(path)),
  );
  const missing = wanted.filter((path) => !scans.has(path));
  if (missing.length > 0) {
    const read = await readPythonFiles({ root: input.root, files: missing });
    for (const s of read.skipped) scans.set(s.path, { unread: `${s.path} (${s.reason})` });
    for (const file of read.files) {
      const scan = scanPythonFile(file.path, file.text);
      scans.set(file.path, scan === null ? { unread: `${file.path} (not a notebook)` } : { scan });
    }
  }
  const found = new Map<string, PythonFileScan>();
  const unread: string[] = [];
  for (const path of wanted) {
    const outcome = scans.get(path)!;
    if ('scan' in outcome) found.set(path, outcome.scan);
    else unread.push(outcome.unread);
  }
  return {
    findings: [...found.values()].flatMap((scan) => magicNumberFindings(scan)),
    hintsFor: (paths) => practiceHintsOf(paths.flatMap((p) => found.get(p) ?? [])),
    unread,
  };
}
