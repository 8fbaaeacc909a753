/**
 * One pass over a Python file (or a notebook's code cells) for everything the practice rules
 * read from code: the modules it imports, its literal hyperparameters, and whether its calls
 * mark it as training or data-loading code.
 */
import { rolesByPath, rolesOf, type CodeRoles } from './code-roles.js';
import { DEFAULT_TRACKING_LIBRARIES, DEFAULT_VALIDATION_LIBRARIES } from './practice-libraries.js';
import { cellOfLine, notebookCode } from './notebook-code.js';
import { importsOf } from './python-imports.js';
import { magicNumbersOf, type MagicNumber } from './python-magic.js';
import { tokenizePython } from './python-tokens.js';

export interface PythonScan {
  /** Imported module names, in order of first appearance (see `importsOf`). */
  imports: string[];
  /** Literal hyperparameters, in source order (see `magicNumbersOf`). */
  magic: MagicNumber[];
}

/** Imports and literal hyperparameters of Python source `text`; never throws. */
export function scanPython(text: string): PythonScan {
  const tokens = tokenizePython(text);
  return { imports: importsOf(tokens), magic: magicNumbersOf(tokens) };
}

/**
 * A file's scan with its roles; for a notebook, where each literal is (its cell). `magic` is
 * empty outside training and serving code, where no rule reads it.
 */
export interface PythonFileScan extends PythonScan {
  path: string;
  roles: CodeRoles;
  /** For a notebook, the cell of each of `magic` (index-aligned); null for a `.py` file. */
  magicCells: number[] | null;
}

/**
 * Words a file's text holds when its tokens could matter: the names the content roles read
 * (`.fit(`, `.backward(`, `optimizer.step(`, `…Trainer(`, `pd.read_csv(`, `DataLoader(`,
 * `load_dataset(`, `tf.data.`), and each listed library's last dotted part (any import of
 * `a.b`, or of a submodule of it, in any form, names `b`).
 */
const ROLE_MARKERS = [
  'fit',
  'backward',
  'step',
  'Trainer',
  'read_',
  'scan_',
  'DataLoader',
  'load_dataset',
  'tf',
];
const DEFAULT_LIBRARIES: readonly string[] = [
  ...DEFAULT_TRACKING_LIBRARIES,
  ...DEFAULT_VALIDATION_LIBRARIES,
];
const markerPatterns = new WeakMap<readonly string[], RegExp>();

/** One pattern for every word, so the text is searched once (cached per library list). */
function markerPattern(libraries: readonly string[]): RegExp {
  let pattern = markerPatterns.get(libraries);
  if (pattern === undefined) {
    const words = [...ROLE_MARKERS, ...libraries.map((library) => library.split('.').at(-1)!)];
    pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
    markerPatterns.set(libraries, pattern);
  }
  return pattern;
}

/**
 * Whether tokenizing `text` could change a scan: a file with a role by its path (its magic
 * numbers count), or whose text holds one of the words above. Substring tests
 * over-approximate the token rules, so a file ruled out here gives the very scan a full
 * tokenization would for every rule: no import that counts, no role from content, so no
 * magic number that counts. Imports of other modules are read by no rule.
 */
function mayMatter(path: string, text: string, libraries: readonly string[]): boolean {
  const byPath = rolesByPath(path);
  if (byPath.training || byPath.dataLoading || byPath.serving) return true;
  return markerPattern(libraries).test(text);
}

/** Whether `path` is a file these rules read: Python source or a Jupyter notebook. */
export function isPythonPath(path: string): boolean {
  return path.endsWith('.py') || path.endsWith('.ipynb');
}

/**
 * Scans the file at `path` holding `text`: `.py` as Python, `.ipynb` as its code cells.
 * Null for a notebook that cannot be read as one (not JSON, not nbformat 4): the caller may
 * say it was skipped.
 */
export function scanPythonFile(
  path: string,
  text: string,
  options: {
    /** false: always tokenize (tests compare the two). */
    prefilter?: boolean;
    /** The libraries whose imports a rule reads (default: the tracking and validation lists). */
    libraries?: readonly string[];
  } = {},
): PythonFileScan | null {
  const notebook = path.endsWith('.ipynb') ? notebookCode(text) : null;
  if (path.endsWith('.ipynb') && notebook === null) return null;
  const code = notebook?.text ?? text;
  const libraries = options.libraries ?? DEFAULT_LIBRARIES;
  if ((options.prefilter ?? true) && !mayMatter(path, code, libraries)) {
    // Nothing the rules read can be in it: no role, no listed library. Same as a full scan.
    return { path, imports: [], magic: [], roles: rolesByPath(path), magicCells: notebook && [] };
  }
  const tokens = tokenizePython(code);
  const roles = rolesOf(path, tokens);
  // Literal hyperparameters count in training and serving code only: elsewhere none is read.
  const magic = roles.training || roles.serving ? magicNumbersOf(tokens) : [];
  return {
    path,
    imports: importsOf(tokens),
    magic,
    roles,
    magicCells: notebook === null ? null : magic.map((m) => cellOfLine(notebook, m.line)),
  };
}
