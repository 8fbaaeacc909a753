/**
 * The `magic-number` rule: literal hyperparameters in training or serving code, one finding
 * per file. A learning rate or seed fixed in code changes only with a commit and is not
 * recorded with the run that used it; read from configuration, it can be swept, logged and
 * reproduced. Which literals count is `python-magic.ts`'s rule; which files, `code-roles.ts`'s
 * (test files and configuration modules such as `configs/train_gpt2.py` never count).
 */
import type { PracticeFinding } from '../../model/index.js';
import { clipText, plural } from '../../util/text.js';
import type { MagicNumber } from './python-magic.js';
import { isPythonPath, scanPythonFile, type PythonFileScan } from './scan-python.js';

export interface MagicNumberOptions {
  /** A file is reported when it holds at least this many literal hyperparameters. */
  minCount: number;
  /** How many of them the detail names (the count says how many there are). */
  listed: number;
}

export const DEFAULT_MAGIC_NUMBER_OPTIONS: Readonly<MagicNumberOptions> = {
  minCount: 1,
  listed: 5,
};

/**
 * The `magic-number` finding of the Python file or notebook at `path` holding `text`: none
 * (`[]`) unless it is training or serving code, not a test, with at least `minCount`
 * literal hyperparameters. `line` is the first one's (null in a notebook, whose detail names
 * cells instead); the detail lists names and literal values only.
 */
export function findMagicNumbers(
  path: string,
  text: string,
  options: Partial<MagicNumberOptions> = {},
): PracticeFinding[] {
  if (!isPythonPath(path)) return [];
  const scan = scanPythonFile(path, text);
  return scan === null ? [] : magicNumberFindings(scan, options);
}

/** {@link findMagicNumbers} on a file already scanned. */
export function magicNumberFindings(
  scan: PythonFileScan,
  options: Partial<MagicNumberOptions> = {},
): PracticeFinding[] {
  const { minCount, listed } = { ...DEFAULT_MAGIC_NUMBER_OPTIONS, ...options };
  const { magic, magicCells, roles } = scan;
  if (!(roles.training || roles.serving) || magic.length === 0 || magic.length < minCount) {
    return [];
  }
  const shown = magic.slice(0, Math.max(0, listed)).map((m, i) => {
    const where = magicCells === null ? `l.${m.line}` : `cell ${magicCells[i]}`;
    return `${describeLiteral(m)} (${where})`;
  });
  const more = magic.length > shown.length ? ', …' : '';
  return [
    {
      kind: 'magic-number',
      file: scan.path,
      line: magicCells === null ? magic[0]!.line : null,
      count: magic.length,
      detail: `${plural(magic.length, 'literal hyperparameter')}: ${shown.join(', ')}${more}`,
    },
  ];
}

/** `lr=3e-4`, or `torch.manual_seed(42)` for a seeding call. */
function describeLiteral(magic: MagicNumber): string {
  const value = clipText(magic.value);
  return magic.form === 'call'
    ? `${clipText(magic.name)}(${value})`
    : `${clipText(magic.name)}=${value}`;
}
