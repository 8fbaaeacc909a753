/**
 * The `data-in-git` rule on its own: which extensions are data or models, the thresholds,
 * what Git LFS and DVC coverage change, the detail's wording and the order of findings.
 */
import { describe, expect, it } from 'vitest';
import { formatByteSize } from '../../src/signals/practices/byte-size.js';
import {
  dataFileClassifier,
  DEFAULT_DATA_FILE_OPTIONS,
  extensionOf,
  MEGABYTE,
} from '../../src/signals/practices/data-file-kinds.js';
import {
  findDataFiles,
  NO_ARTIFACT_COVERAGE,
  NOT_COVERED,
  type ArtifactCoverage,
} from '../../src/signals/practices/data-files.js';
import { lfsRuleMatcher, parseGitattributes } from '../../src/signals/practices/gitattributes.js';

const files = (findings: { file: string }[]) => findings.map((f) => f.file);

describe('formatByteSize', () => {
  it('writes decimal units with one decimal, choosing the unit after rounding', () => {
    expect(formatByteSize(0)).toBe('0 B');
    expect(formatByteSize(999)).toBe('999 B');
    expect(formatByteSize(1000)).toBe('1.0 kB');
    expect(formatByteSize(1550)).toBe('1.6 kB');
    expect(formatByteSize(12_400_000)).toBe('12.4 MB');
    expect(formatByteSize(999_960)).toBe('1.0 MB');
    expect(formatByteSize(3_210_000_000)).toBe('3.2 GB');
    expect(formatByteSize(5e15)).toBe('5000.0 TB');
  });
});

describe('data file kinds', () => {
  const classify = dataFileClassifier(DEFAULT_DATA_FILE_OPTIONS);

  it('takes the last extension, in any case, and none from a dot file', () => {
    expect(extensionOf('a/MODEL.PT')).toBe('pt');
    expect(extensionOf('x.tar.gz')).toBe('gz');
    expect(extensionOf('a/.npy')).toBeNull();
    expect(extensionOf('a.b/README')).toBeNull();
    expect(extensionOf('trailing.')).toBeNull();
  });

  it('knows binary formats and tabular text, and leaves .bin alone by default', () => {
    expect(classify('w/model.safetensors')).toEqual({ kind: 'safetensors', tabular: false });
    expect(classify('MODEL.PT')).toEqual({ kind: 'pt', tabular: false });
    expect(classify('d/train.CSV')).toEqual({ kind: 'csv', tabular: true });
    expect(classify('pytorch_model.bin')).toBeNull();
    expect(classify('config.json')).toBeNull();
    expect(classify('train.py')).toBeNull();
  });

  it('takes extensions from the options, with or without a dot', () => {
    const classifyBin = dataFileClassifier({
      ...DEFAULT_DATA_FILE_OPTIONS,
      binaryExtensions: ['.BIN'],
      tabularExtensions: ['ndjson'],
    });
    expect(classifyBin('pytorch_model.bin')).toEqual({ kind: 'bin', tabular: false });
    expect(classifyBin('x.ndjson')).toEqual({ kind: 'ndjson', tabular: true });
    expect(classifyBin('x.parquet')).toBeNull();
  });

  it('reads an extension listed as both binary and tabular as tabular (it has a threshold)', () => {
    const classifyBoth = dataFileClassifier({
      ...DEFAULT_DATA_FILE_OPTIONS,
      binaryExtensions: ['csv'],
    });
    expect(classifyBoth('x.csv')).toEqual({ kind: 'csv', tabular: true });
  });
});

describe('findDataFiles', () => {
  it('reports binary kinds at any size and tabular text from 1 MB, sorted by file', () => {
    const findings = findDataFiles(
      [
        { path: 'z/model.onnx', size: 10 },
        { path: 'data/big.csv', size: MEGABYTE },
        { path: 'data/small.csv', size: MEGABYTE - 1 },
        { path: 'data/events.jsonl', size: 4 * MEGABYTE },
        { path: 'a/empty.npy', size: 0 },
        { path: 'src/train.py', size: 50 * MEGABYTE },
      ],
      NO_ARTIFACT_COVERAGE,
    );
    expect(findings).toEqual([
      {
        kind: 'data-in-git',
        file: 'a/empty.npy',
        line: null,
        count: 1,
        detail: `0 B npy, ${NOT_COVERED}`,
      },
      {
        kind: 'data-in-git',
        file: 'data/big.csv',
        line: null,
        count: 1,
        detail: `1.0 MB csv, ${NOT_COVERED}`,
      },
      {
        kind: 'data-in-git',
        file: 'data/events.jsonl',
        line: null,
        count: 1,
        detail: `4.0 MB jsonl, ${NOT_COVERED}`,
      },
      {
        kind: 'data-in-git',
        file: 'z/model.onnx',
        line: null,
        count: 1,
        detail: `10 B onnx, ${NOT_COVERED}`,
      },
    ]);
  });

  it('applies minBytes to every kind and tabularMinBytes to tabular ones', () => {
    const options = { ...DEFAULT_DATA_FILE_OPTIONS, minBytes: 2000, tabularMinBytes: 100 };
    const findings = findDataFiles(
      [
        { path: 'a.pkl', size: 1999 },
        { path: 'b.pkl', size: 2000 },
        { path: 'c.tsv', size: 1999 },
        { path: 'd.tsv', size: 2000 },
      ],
      NO_ARTIFACT_COVERAGE,
      options,
    );
    expect(files(findings)).toEqual(['b.pkl', 'd.tsv']);
  });

  it('leaves out what an LFS rule covers and what is an LFS pointer', () => {
    const coverage: ArtifactCoverage = {
      lfs: {
        ruleCovers: lfsRuleMatcher([parseGitattributes('.gitattributes', '*.pt filter=lfs\n')]),
        pointers: new Set(['legacy/old.ckpt']),
      },
      dvc: [],
    };
    const findings = findDataFiles(
      [
        { path: 'models/a.pt', size: 5_000_000 },
        { path: 'models/b.pth', size: 5_000_000 },
        { path: 'legacy/old.ckpt', size: 131 },
        { path: 'MODEL.PT', size: 7 },
      ],
      coverage,
    );
    // MODEL.PT is a pt, but the rule `*.pt` is case-sensitive, as in git.
    expect(files(findings)).toEqual(['MODEL.PT', 'models/b.pth']);
  });

  it('still reports a tracked DVC output, naming the file that should own it', () => {
    const findings = findDataFiles(
      [
        { path: 'data/train.parquet', size: 12_400_000 },
        { path: 'out/features/part-0.parquet', size: 2_000 },
        { path: 'out/model.pkl', size: 3_000 },
      ],
      {
        ...NO_ARTIFACT_COVERAGE,
        dvc: [
          { path: 'data/train.parquet', source: 'data/train.parquet.dvc', cache: true },
          { path: 'out/features', source: 'dvc.yaml', cache: true },
          { path: 'out/model.pkl', source: 'dvc.yaml', cache: false },
        ],
      },
    );
    expect(findings.map((f) => f.detail)).toEqual([
      '12.4 MB parquet, tracked in git although data/train.parquet.dvc declares it a DVC output: DVC should own it',
      '2.0 kB parquet, tracked in git although dvc.yaml declares it a DVC output: DVC should own it',
      '3.0 kB pkl, a DVC output with cache: false in dvc.yaml, so git keeps it',
    ]);
  });

  it('gives LFS the last word over a DVC declaration', () => {
    const findings = findDataFiles([{ path: 'm.pt', size: 130 }], {
      lfs: { ruleCovers: () => false, pointers: new Set(['m.pt']) },
      dvc: [{ path: 'm.pt', source: 'm.pt.dvc', cache: true }],
    });
    expect(findings).toEqual([]);
  });
});
