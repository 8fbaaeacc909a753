/**
 * One pass over a Python file (or a notebook's code cells) for everything the practice rules
 * read from code: the modules it imports, its literal hyperparameters, and whether its calls
 * mark it as training or data-loading code.
 */
import { rolesOf, type CodeRoles } from './code-roles.js';
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

/** A file's scan with its roles; for a notebook, where each literal is (its cell). */
export interface PythonFileScan extends PythonScan {
  path: string;
  roles: CodeRoles;
  /** For a notebook, the cell of each of `magic` (index-aligned); null for a `.py` file. */
  magicCells: number[] | null;
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
export function scanPythonFile(path: string, text: string): PythonFileScan | null {
  const notebook = path.endsWith('.ipynb') ? notebookCode(text) : null;
  if (path.endsWith('.ipynb') && notebook === null) return null;
  const tokens = tokenizePython(notebook?.text ?? text);
  const magic = magicNumbersOf(tokens);
  return {
    path,
    imports: importsOf(tokens),
    magic,
    roles: rolesOf(path, tokens),
    magicCells: notebook === null ? null : magic.map((m) => cellOfLine(notebook, m.line)),
  };
}
