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
import { forEachPythonFile } from './read-python-files.js';
import { stampOf, type FileStamp } from '../../util/file-stamp.js';
import { StampedFacts } from '../stamped-facts.js';
import { PYTHON_SCANS } from './scan-cache.js';
import { isPythonPath, scanPythonFile, type PythonFileScan } from './scan-python.js';
import { pacer } from '../../util/yield.js';

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

/** Files stamped between two turns of the event loop (an lstat each, blocking). */
const STAMP_BATCH = 256;

const scansByListing = new WeakMap<readonly string[], Map<string, ScanOutcome>>();

/**
 * Scans `paths` into `scans`: from the warm cache where a file is as it was (see
 * scan-cache.ts), by reading and tokenizing it otherwise. A file's stamp is taken before it
 * is read, so a file changed in between is read again next time, never trusted stale.
 */
async function scanFiles(
  input: PracticeInput,
  paths: readonly string[],
  scans: Map<string, ScanOutcome>,
): Promise<void> {
  const cache = await StampedFacts.open(PYTHON_SCANS, {
    root: input.root,
    env: input.env,
    enabled: input.cache ?? false,
    gitFacts: input.gitFacts,
  });
  const stamps = new Map<string, FileStamp>();
  let toRead: readonly string[] = paths;
  if (cache !== null) {
    const missed: string[] = [];
    const found: (FileStamp | null)[] = [];
    // Let the history pass's output in now and then: these calls block.
    const pace = pacer(STAMP_BATCH);
    for (const path of paths) {
      await pace();
      found.push(stampOf(input.root, path));
    }
    paths.forEach((path, i) => {
      const stamp = found[i];
      const hit = stamp ? cache.lookup(path, stamp) : null;
      if (hit !== null) scans.set(path, { scan: hit });
      else {
        missed.push(path);
        if (stamp) stamps.set(path, stamp);
      }
    });
    toRead = missed;
  }
  await forEachPythonFile({ root: input.root, files: toRead }, (path, read) => {
    if (!read.ok) return scans.set(path, { unread: `${path} (${read.reason})` });
    const scan = scanPythonFile(path, read.text);
    if (scan === null) return scans.set(path, { unread: `${path} (not a notebook)` });
    scans.set(path, { scan });
    const stamp = stamps.get(path);
    if (cache !== null && stamp !== undefined) cache.put(path, stamp, scan);
  });
  await cache?.save(new Set(input.files.filter(isPythonPath)));
}

/** Reads and scans the Python files among the wanted ones; see the module comment. */
export async function examinePython(input: PracticeInput): Promise<PythonExamination> {
  const { selected } = input;
  let scans = scansByListing.get(input.files);
  if (scans === undefined) scansByListing.set(input.files, (scans = new Map()));
  const wanted = input.files.filter(
    (path) => isPythonPath(path) && (selected === null || selected.has(path)),
  );
  const missing = wanted.filter((path) => !scans.has(path));
  if (missing.length > 0) await scanFiles(input, missing, scans);
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
