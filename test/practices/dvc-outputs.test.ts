/**
 * The outputs DVC declares: `.dvc` files and `dvc.yaml` stages, paths resolved against the
 * declaring file's directory (and `wdir`), directories covering what is below them, and
 * files that do not parse reported instead of thrown.
 */
import { describe, expect, it } from 'vitest';
import {
  dvcOutputOf,
  indexDvcOutputs,
  isDvcFile,
  type DvcOutput,
} from '../../src/signals/practices/dvc-output-index.js';
import { parseDvcFile } from '../../src/signals/practices/dvc-outputs.js';

function outputsOf(path: string, text: string): DvcOutput[] {
  const result = parseDvcFile(path, text);
  if (!result.ok) throw new Error(`${path} did not parse`);
  return result.outputs;
}

describe('isDvcFile', () => {
  it('knows .dvc files and dvc.yaml, not the .dvc directory or dvc.lock', () => {
    expect(['data.csv.dvc', 'a/b/model.dvc', 'dvc.yaml', 'p/dvc.yaml'].every(isDvcFile)).toBe(true);
    expect(['.dvc/config', '.dvc', 'dvc.lock', 'dvc.yml', 'my-dvc.yaml'].some(isDvcFile)).toBe(
      false,
    );
  });
});

describe('parseDvcFile', () => {
  it('reads a .dvc file: outs relative to its directory, cache: false noted', () => {
    const text = [
      'outs:',
      '- md5: 3a1b',
      '  size: 120',
      '  path: data.csv',
      '- path: raw',
      '  md5: 99.dir',
      '- path: small.json',
      '  cache: false',
      '',
    ].join('\n');
    expect(outputsOf('datasets/data.csv.dvc', text)).toEqual([
      { path: 'datasets/data.csv', source: 'datasets/data.csv.dvc', cache: true },
      { path: 'datasets/raw', source: 'datasets/data.csv.dvc', cache: true },
      { path: 'datasets/small.json', source: 'datasets/data.csv.dvc', cache: false },
    ]);
  });

  it('reads dvc.yaml stages: outs, metrics and plots, strings or one-key maps, with wdir', () => {
    const text = [
      'stages:',
      '  prepare:',
      '    cmd: python prepare.py',
      '    deps: [raw.csv]',
      '    outs:',
      '      - features/',
      '      - model.pkl:',
      '          cache: false',
      '  train:',
      '    wdir: ../training',
      '    cmd: python train.py',
      '    outs: [weights/model.pt]',
      '    metrics:',
      '      - scores.json:',
      '          cache: false',
      '    plots:',
      '      - roc.csv',
      '',
    ].join('\n');
    expect(outputsOf('pipeline/dvc.yaml', text)).toEqual([
      { path: 'pipeline/features', source: 'pipeline/dvc.yaml', cache: true },
      { path: 'pipeline/model.pkl', source: 'pipeline/dvc.yaml', cache: false },
      { path: 'training/weights/model.pt', source: 'pipeline/dvc.yaml', cache: true },
      { path: 'training/scores.json', source: 'pipeline/dvc.yaml', cache: false },
      { path: 'training/roc.csv', source: 'pipeline/dvc.yaml', cache: true },
    ]);
  });

  it('reads a foreach stage under do:, leaving templated paths unresolved', () => {
    const text = [
      'stages:',
      '  build:',
      '    foreach: [uk, us]',
      '    do:',
      '      cmd: python train.py ${item}',
      '      outs:',
      '        - model-${item}.pt',
      '        - shared.npy',
      '',
    ].join('\n');
    expect(outputsOf('dvc.yaml', text).map((o) => o.path)).toEqual(['shared.npy']);
  });

  it('leaves out outputs outside the repository', () => {
    const text =
      'outs:\n- path: s3://bucket/data.csv\n- path: /abs/data.csv\n- path: ../../up.csv\n';
    expect(outputsOf('x/a.dvc', text)).toEqual([]);
  });

  it('reports YAML that does not parse, and a stages: that is not a mapping', () => {
    expect(parseDvcFile('dvc.yaml', 'stages:\n  train:\n    outs: [a.pt\n')).toEqual({
      ok: false,
      reason: 'unparsable',
    });
    expect(parseDvcFile('dvc.yaml', 'stages: [1, 2]\n')).toEqual({
      ok: false,
      reason: 'unparsable',
    });
    expect(parseDvcFile('a.dvc', '- just a list\n')).toEqual({ ok: false, reason: 'unparsable' });
  });

  it('refuses aliases that expand past the limit (no billion laughs)', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 6; i++) {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      lines.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    expect(parseDvcFile('dvc.yaml', `${lines.join('\n')}\nstages: {}\n`).ok).toBe(false);
  });

  it('ignores stage entries of an unexpected shape and keeps the rest', () => {
    const text = 'stages:\n  a: 5\n  b:\n    outs: 7\n  c:\n    outs: [ok.pt, 3, {x: 1, y: 2}]\n';
    expect(outputsOf('dvc.yaml', text).map((o) => o.path)).toEqual(['ok.pt']);
  });
});

describe('dvcOutputOf', () => {
  const index = indexDvcOutputs([
    { path: 'data/features', source: 'dvc.yaml', cache: true },
    { path: 'data/features/kept.csv', source: 'dvc.yaml', cache: false },
    { path: 'models/m.pt', source: 'b/dvc.yaml', cache: false },
    { path: 'models/m.pt', source: 'a.dvc', cache: true },
  ]);

  it('finds an output naming the path or the nearest directory above it', () => {
    expect(dvcOutputOf(index, 'data/features/x/y.parquet')?.path).toBe('data/features');
    expect(dvcOutputOf(index, 'data/features/kept.csv')?.cache).toBe(false);
    expect(dvcOutputOf(index, 'data/featuresX.parquet')).toBeNull();
    expect(dvcOutputOf(index, 'data')).toBeNull();
  });

  it('prefers, for one path declared twice, the declaration that caches it', () => {
    expect(dvcOutputOf(index, 'models/m.pt')).toEqual({
      path: 'models/m.pt',
      source: 'a.dvc',
      cache: true,
    });
  });
});
