/**
 * Jupyter notebooks as line churn sees them: the cells' sources, never their outputs or
 * execution counts. A commit that only re-ran a notebook rewrites thousands of lines of
 * JSON (images as base64, counters, timings) while no line of code changed; counted by
 * `--numstat` it would make the notebook the hottest file of the repository.
 *
 * Pure: the history pass reads the two blob versions (see notebook-churn.ts) and asks here
 * how many source lines were added plus deleted, as `git diff --numstat` counts lines.
 */

/** Whether a path is a Jupyter notebook (by extension, any case). */
export function isNotebookPath(path: string): boolean {
  return path.length > 6 && path.slice(-6).toLowerCase() === '.ipynb';
}

/**
 * The notebook's source lines, cell after cell, each cell led by a line naming its type (so
 * that a cell split in two, or turned from code to markdown, is a change); null when the
 * text is not a notebook (not JSON, or no cell list): the caller keeps git's own count.
 *
 * nbformat 4 keeps `cells[].source`; nbformat 3 kept `worksheets[].cells[]` with a code
 * cell's text in `input`. A source is a string or a list of strings that join into one
 * (https://nbformat.readthedocs.io/en/latest/format_description.html).
 */
export function notebookSourceLines(text: string): string[] | null {
  let notebook: unknown;
  try {
    notebook = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(notebook)) return null;
  const cells = Array.isArray(notebook.cells)
    ? notebook.cells
    : Array.isArray(notebook.worksheets)
      ? notebook.worksheets.flatMap((sheet) =>
          isObject(sheet) && Array.isArray(sheet.cells) ? sheet.cells : [],
        )
      : null;
  if (cells === null) return null;
  const lines: string[] = [];
  for (const cell of cells) {
    if (!isObject(cell)) continue;
    const type = typeof cell.cell_type === 'string' ? cell.cell_type : 'cell';
    lines.push(`\u0000${type}`);
    const source = joinSource(cell.source ?? cell.input);
    if (source === '') continue;
    const cellLines = source.split('\n');
    // A trailing newline ends the last line; it does not start an empty one.
    if (cellLines.at(-1) === '') cellLines.pop();
    for (const line of cellLines) lines.push(line);
  }
  return lines;
}

function joinSource(source: unknown): string {
  if (typeof source === 'string') return source;
  if (Array.isArray(source)) return source.filter((s) => typeof s === 'string').join('');
  return '';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Lines added plus lines deleted between two versions, as a minimal line diff counts them
 * (Myers' O(ND) algorithm, git's default): |a| + |b| − 2 × the longest common subsequence.
 * The common head and tail are cut first, which is all most edits leave.
 */
export function countChangedLines(a: readonly string[], b: readonly string[]): number {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if (n === 0 || m === 0) return n + m;
  // Lines as numbers: the inner loop compares integers, not strings.
  const ids = new Map<string, number>();
  const id = (line: string) => {
    let v = ids.get(line);
    if (v === undefined) ids.set(line, (v = ids.size));
    return v;
  };
  const x = Int32Array.from({ length: n }, (_, i) => id(a[start + i]!));
  const y = Int32Array.from({ length: m }, (_, i) => id(b[start + i]!));
  const max = n + m;
  const offset = max;
  const v = new Int32Array(2 * max + 2);
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let i =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
          ? v[offset + k + 1]!
          : v[offset + k - 1]! + 1;
      let j = i - k;
      while (i < n && j < m && x[i] === y[j]) {
        i++;
        j++;
      }
      v[offset + k] = i;
      if (i >= n && j >= m) return d;
    }
  }
  return max;
}
