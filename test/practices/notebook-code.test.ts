/**
 * Notebooks: code cells are read (string or list sources), markdown and outputs are not,
 * IPython magics are blanked, and what is not an nbformat 4 notebook is skipped, not a crash.
 */
import { describe, expect, it } from 'vitest';
import { findMagicNumbers } from '../../src/signals/practices/magic-numbers.js';
import { notebookCode } from '../../src/signals/practices/notebook-code.js';
import { scanPythonFile } from '../../src/signals/practices/scan-python.js';

const notebook = (cells: unknown[]) =>
  JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells });

const trainNotebook = notebook([
  { cell_type: 'markdown', source: ['# Training\n', 'import mlflow\n', 'lr = 0.5\n'] },
  {
    cell_type: 'code',
    source: ['%matplotlib inline\n', '!pip install "wandb\n', 'import torch\n', 'lr = 3e-4\n'],
    outputs: [{ output_type: 'stream', name: 'stdout', text: ['import wandb\n', 'seed = 1\n'] }],
  },
  { cell_type: 'code', source: '%%bash\nimport clearml\nbatch_size = 8\n' },
  { cell_type: 'code', source: 'model.fit(X, y, epochs=5)' },
]);

describe('notebooks', () => {
  it('reads code cells only, blanking magics, and knows which cell each line is in', () => {
    const code = notebookCode(trainNotebook);
    expect(code?.text).toBe('\n\nimport torch\nlr = 3e-4\n\nmodel.fit(X, y, epochs=5)');
    expect(code?.cells).toEqual([
      { firstLine: 1, cell: 2 },
      { firstLine: 6, cell: 4 },
    ]);
    const scan = scanPythonFile('notebooks/explore.ipynb', trainNotebook);
    expect(scan?.imports).toEqual(['torch']);
    expect(scan?.roles.training).toBe(true);
  });

  it('reports magic numbers by cell, with no line', () => {
    expect(findMagicNumbers('notebooks/explore.ipynb', trainNotebook)).toEqual([
      {
        kind: 'magic-number',
        file: 'notebooks/explore.ipynb',
        line: null,
        count: 2,
        detail: '2 literal hyperparameters: lr=3e-4 (cell 2), epochs=5 (cell 4)',
      },
    ]);
  });

  it('skips what is not an nbformat 4 notebook', () => {
    for (const text of [
      '{',
      '',
      'null',
      '[]',
      '{"worksheets": []}',
      '{"cells": 3}',
      '\u0000\u0001',
    ]) {
      expect(notebookCode(text), text).toBeNull();
      expect(scanPythonFile('train.ipynb', text), text).toBeNull();
    }
    // Odd cells are passed over, the rest still read.
    const odd = notebook([
      null,
      3,
      { cell_type: 'code', source: [1, 2] },
      { cell_type: 'code', source: 'lr = 1' },
    ]);
    expect(notebookCode(odd)).toEqual({ text: 'lr = 1', cells: [{ firstLine: 1, cell: 4 }] });
  });
});
