/**
 * Imports as scanPython reads them: every spelling of an import statement, wherever it
 * stands, and nothing that only looks like one (in a comment, a string, an f-string, a
 * docstring, or as part of another statement).
 */
import { describe, expect, it } from 'vitest';
import { scanPython } from '../../src/signals/practices/scan-python.js';

describe('scanPython imports', () => {
  it('reads plain, aliased, dotted and comma-separated imports', () => {
    const text = ['import os', 'import a.b as c, d', 'import mlflow.pytorch as mp'].join('\n');
    expect(scanPython(text).imports).toEqual(['os', 'a.b', 'd', 'mlflow.pytorch']);
  });

  it('reads from-imports, with each imported name as a possible submodule', () => {
    const text = [
      'from dvc import api',
      'from torch.utils import tensorboard as tb, data',
      'from x import *',
    ].join('\n');
    expect(scanPython(text).imports).toEqual([
      'dvc',
      'dvc.api',
      'torch.utils',
      'torch.utils.tensorboard',
      'torch.utils.data',
      'x',
    ]);
  });

  it('reads parenthesised imports over several lines, with comments and a trailing comma', () => {
    const text = [
      'from pandera import (  # schema checks',
      '    Column,',
      '    DataFrameSchema as Schema,  # aliased',
      ')',
      'import os',
    ].join('\n');
    expect(scanPython(text).imports).toEqual([
      'pandera',
      'pandera.Column',
      'pandera.DataFrameSchema',
      'os',
    ]);
  });

  it('reads imports inside functions, try blocks, after ; and after a one-line compound header', () => {
    const text = [
      'def train():',
      '    import wandb',
      'try:',
      '    import mlflow',
      'except ImportError:',
      '    pass',
      'x = 1; import clearml',
      'if True: import neptune',
      'import a \\',
      '    , b',
    ].join('\n');
    expect(scanPython(text).imports).toEqual(['wandb', 'mlflow', 'clearml', 'neptune', 'a', 'b']);
  });

  it('keeps the dots of relative imports, so they never read as a library', () => {
    const text = ['from . import mlflow', 'from .tracking import wandb', 'from ..a import b'].join(
      '\n',
    );
    expect(scanPython(text).imports).toEqual([
      '.',
      '.mlflow',
      '.tracking',
      '.tracking.wandb',
      '..a',
      '..a.b',
    ]);
  });

  it('sees no import in comments, strings, docstrings, f-strings or other statements', () => {
    const text = [
      '# import mlflow',
      '"""',
      'import wandb',
      'from dvc import api',
      '"""',
      "s = 'import clearml'",
      'f = f"{x!r} import neptune {d["k"]} import aim"',
      "r = rb'\\' import comet_ml'",
      'raise ValueError("x") from err',
      'y = (yield from gen)',
      'print("import pandera")  # from pandera import x',
    ].join('\n');
    expect(scanPython(text).imports).toEqual([]);
  });

  it('reads a large generated file in linear time', { timeout: 5_000 }, () => {
    // One logical line of 30,000 `key: name` entries (half a megabyte): a look-back to the
    // line's start at each `:` took over 10 s.
    const entries = Array.from({ length: 30_000 }, (_, i) => `"k${i}": v${i},`).join('\n');
    const text = `VOCAB = {\n${entries}\n}\nimport mlflow\nlr = 0.1\n`;
    expect(text.length).toBeGreaterThan(500_000);
    const scan = scanPython(text);
    expect(scan.imports).toEqual(['mlflow']);
    expect(scan.magic.map((m) => `${m.name}=${m.value} l.${m.line}`)).toEqual(['lr=0.1 l.30004']);
  });

  it('survives text that is not Python: unterminated strings, stray characters, binary noise', () => {
    const text =
      'x = "unterminated\nimport mlflow\n$ ? \u0000\u0001 \\\n"""never closed\nimport wandb';
    expect(scanPython(text).imports).toEqual(['mlflow']);
    expect(scanPython('').imports).toEqual([]);
    expect(scanPython('from').imports).toEqual([]);
    expect(scanPython('import').imports).toEqual([]);
    expect(scanPython('from (').imports).toEqual([]);
  });
});
