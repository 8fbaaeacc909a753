/**
 * The Python code of a Jupyter notebook: its code cells' sources, one after another. The
 * format is nbformat 4 (https://nbformat.readthedocs.io/en/latest/format_description.html):
 * a JSON object whose `cells` each have a `cell_type` and a `source`, either one string or a
 * list of strings to be joined with ''. Outputs are never read.
 *
 * IPython syntax is not Python: a line magic (`%timeit`) or shell escape (`!pip install`) is
 * blanked (its line kept, so line numbers still map to cells), and a cell magic (`%%bash`)
 * makes the whole cell not Python. A notebook that is not JSON, or not nbformat 4 (v3 keeps
 * cells under `worksheets`), has no code to read: null.
 */

export interface NotebookCode {
  /** The code cells' sources joined with newlines, each starting on a line of its own. */
  text: string;
  /**
   * For each code cell read, the 1-based line of `text` it starts on and its 1-based number
   * among the notebook's cells (markdown cells included, as notebook viewers number them).
   */
  cells: { firstLine: number; cell: number }[];
}

/** The code of the notebook `json`, or null when it is not an nbformat 4 notebook. */
export function notebookCode(json: string): NotebookCode | null {
  let notebook: unknown;
  try {
    notebook = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof notebook !== 'object' || notebook === null) return null;
  const cells = (notebook as { cells?: unknown }).cells;
  if (!Array.isArray(cells)) return null;
  const parts: string[] = [];
  const starts: NotebookCode['cells'] = [];
  let line = 1;
  cells.forEach((cell: unknown, index) => {
    if (typeof cell !== 'object' || cell === null) return;
    const { cell_type: type, source } = cell as { cell_type?: unknown; source?: unknown };
    if (type !== 'code') return;
    const text = sourceText(source);
    if (text === null || /^\s*%%/.test(text)) return;
    const code = text
      .split(/\r?\n/)
      .map((l) => (/^\s*[%!]/.test(l) ? '' : l))
      .join('\n');
    starts.push({ firstLine: line, cell: index + 1 });
    parts.push(code);
    line += code.split('\n').length;
  });
  return { text: parts.join('\n'), cells: starts };
}

function sourceText(source: unknown): string | null {
  if (typeof source === 'string') return source;
  if (Array.isArray(source) && source.every((s) => typeof s === 'string')) return source.join('');
  return null;
}

/** The 1-based notebook cell holding `line` of {@link NotebookCode.text}. */
export function cellOfLine(code: NotebookCode, line: number): number {
  let cell = code.cells[0]?.cell ?? 1;
  for (const start of code.cells) {
    if (start.firstLine > line) break;
    cell = start.cell;
  }
  return cell;
}
