/**
 * The modules a Python file imports, read from its tokens (so an `import` in a comment or a
 * string is none). Every `import` statement counts wherever it stands: at the top, inside a
 * function, a `try:` or an `if TYPE_CHECKING:` block, after `;` or a compound statement's
 * `:`. Dynamic imports (`importlib.import_module("mlflow")`, `__import__`) are not seen.
 */
import type { PythonToken } from './python-tokens.js';

/**
 * Module names imported by `tokens`, in order of first appearance, without duplicates:
 * - `import a.b as c, d` gives `a.b`, `d`;
 * - `from a.b import c, d as e` gives `a.b`, `a.b.c`, `a.b.d` (an imported name may be a
 *   submodule: `from dvc import api` imports `dvc.api`), also parenthesised over several lines;
 * - `from a import *` gives `a`;
 * - relative imports keep their dots (`from .utils import x` gives `.utils`, `.utils.x`), so
 *   they never match an installed library's name.
 */
export function importsOf(tokens: readonly PythonToken[]): string[] {
  const found = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type !== 'name' || !startsStatement(tokens, i)) continue;
    if (token.text === 'import') {
      i = readImportList(tokens, i + 1, '', found);
    } else if (token.text === 'from') {
      const module = readModule(tokens, i + 1, true);
      if (module === null || tokens[module.next]?.text !== 'import') continue;
      found.add(module.name);
      i = readImportList(tokens, module.next + 1, module.name, found);
    }
  }
  return [...found];
}

/**
 * Whether token `i` begins a statement: it starts a logical line, or follows `;`, or follows
 * a `:` outside brackets (the body of `if x: import y` on one line).
 */
export function startsStatement(tokens: readonly PythonToken[], i: number): boolean {
  const token = tokens[i]!;
  if (token.indent !== null) return true;
  const previous = tokens[i - 1];
  return (
    previous !== undefined &&
    previous.type === 'op' &&
    (previous.text === ';' || previous.text === ':') &&
    token.depth === 0
  );
}

/** A dotted module name at `i` (with leading dots when `relative` is allowed). */
function readModule(
  tokens: readonly PythonToken[],
  i: number,
  relative: boolean,
): { name: string; next: number } | null {
  let name = '';
  let k = i;
  while (
    relative &&
    tokens[k]?.type === 'op' &&
    (tokens[k]!.text === '.' || tokens[k]!.text === '...')
  ) {
    name += tokens[k]!.text;
    k++;
  }
  // `import` ends the module of `from . import x`: it is a keyword, not a name.
  while (tokens[k]?.type === 'name' && tokens[k]!.text !== 'import') {
    name += tokens[k]!.text;
    k++;
    if (tokens[k]?.text !== '.' || tokens[k + 1]?.type !== 'name') break;
    name += '.';
    k++;
  }
  return name === '' ? null : { name, next: k };
}

/**
 * Reads `a.b as c, d` (or `(b as c, d,)`, or `*`) from `i`, adding each module, prefixed by
 * `base.` when it follows `from base import`; returns the index of the last token read.
 */
function readImportList(
  tokens: readonly PythonToken[],
  i: number,
  base: string,
  found: Set<string>,
): number {
  let k = i;
  const parenthesised = tokens[k]?.text === '(';
  if (parenthesised) k++;
  for (;;) {
    const token = tokens[k];
    if (token === undefined || token.type === 'newline' || token.text === ';') return k - 1;
    if (token.text === ')' && parenthesised) return k;
    if (token.text === '*') {
      k++;
      continue;
    }
    const module = readModule(tokens, k, false);
    if (module === null) {
      k++;
      continue;
    }
    found.add(joinModule(base, module.name));
    k = module.next;
    if (tokens[k]?.text === 'as') k += 2;
    if (tokens[k]?.text === ',') k++;
  }
}

/** `base` and `name` joined with a dot, unless `base` is empty or only dots (`from . import x`). */
function joinModule(base: string, name: string): string {
  return base === '' || base.endsWith('.') ? `${base}${name}` : `${base}.${name}`;
}
