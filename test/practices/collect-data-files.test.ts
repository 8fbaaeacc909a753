/**
 * `collectDataFiles` on real repositories built with fixed dates: Git LFS by rule (root and
 * nested `.gitattributes`, an unset rule) and by committed pointer, DVC by `.dvc` file and by
 * a `dvc.yaml` stage output directory, tabular text under and over the threshold, an
 * upper-case extension, and coverage files that cannot be read. Sizes and coverage come
 * from HEAD: the working tree is edited after the commit to prove it. Git is asked at most
 * twice per run.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRepo, git, type CommitSpec } from '../../scripts/lib/repo-builder.js';
import {
  collectDataFiles,
  MAX_COVERAGE_FILE_BYTES,
  type DataFilesResult,
} from '../../src/signals/practices/collect-data-files.js';
import { DEFAULT_DATA_FILE_OPTIONS } from '../../src/signals/practices/data-file-kinds.js';
import { NOT_COVERED } from '../../src/signals/practices/data-files.js';
import { tempDir, testEnv } from '../helpers/audit-repo.js';
import { countingGit } from '../helpers/git-calls.js';

const temp = tempDir('practices-data-files');
afterAll(temp.remove);

const ana = { name: 'Ana', email: 'ana@example.com' };

/** A Git LFS pointer as `git lfs` commits it. */
function pointer(size: number): string {
  return `version https://git-lfs.github.com/spec/v1\noid sha256:${'ab'.repeat(32)}\nsize ${size}\n`;
}

/** Bytes that are plainly not text nor a pointer. */
function binary(bytes: number): string {
  return `\u0000\u0001PK${'\u0007'.repeat(bytes - 4)}`;
}

function build(name: string, files: Record<string, string>, more: CommitSpec[] = []): string {
  const repo = join(temp.dir, name);
  buildRepo(repo, [{ date: '2026-01-05T10:00:00Z', author: ana, message: 'add', files }, ...more]);
  return repo;
}

async function collect(
  repo: string,
  env = testEnv(repo),
  options = DEFAULT_DATA_FILE_OPTIONS,
): Promise<DataFilesResult> {
  const head = git(repo, ['rev-parse', 'HEAD']).trim();
  const files = git(repo, ['ls-tree', '-r', '-z', '--name-only', 'HEAD'])
    .split('\0')
    .filter(Boolean);
  return collectDataFiles({ root: repo, head, env, files }, options);
}

const BIG_CSV = `id,value\n${'1234567,0.123456789\n'.repeat(60_000)}`; // 1.2 MB
const SMALL_CSV = 'id,value\n1,2\n';

describe('collectDataFiles on a repository with Git LFS and DVC', () => {
  let repo: string;
  let result: DataFilesResult;
  let calls: ReturnType<typeof countingGit>;

  beforeAll(async () => {
    repo = build('ml', {
      '.gitattributes': '*.pt filter=lfs diff=lfs merge=lfs -text\n*.h5 filter=lfs\n',
      'models/lfs-model.pt': pointer(48_000_000),
      'models/plain-model.pth': binary(2_500),
      'MODEL.PT': binary(300),
      'vendor/.gitattributes': '*.onnx filter=lfs\n',
      'vendor/net.onnx': binary(4_000),
      'net.onnx': binary(4_000),
      'weights.h5': binary(1_000),
      'legacy/.gitattributes': '*.h5 -filter\n',
      'legacy/old.h5': binary(1_000),
      'weights/orphan.safetensors': pointer(9_000_000),
      'data/.gitignore': '/data.csv\n',
      'data/data.csv.dvc': 'outs:\n- md5: 0a1b2c\n  size: 5000000\n  path: data.csv\n',
      'pipeline/dvc.yaml':
        'stages:\n  featurize:\n    cmd: python featurize.py\n    outs:\n      - features\n',
      'pipeline/features/part-0.parquet': binary(2_000),
      'broken/dvc.yaml': 'stages:\n  train:\n    outs: [model.pkl\n',
      'broken/model.pkl': binary(600),
      'data/small.csv': SMALL_CSV,
      'data/big.csv': BIG_CSV,
      'src/train.py': 'import torch\n',
    });
    // The checkout differs from HEAD: DVC's dataset on disk (ignored), csv files swapped in
    // size, and an LFS rule that was never committed. None of it may count.
    writeFileSync(join(repo, 'data/data.csv'), BIG_CSV);
    writeFileSync(join(repo, 'data/small.csv'), BIG_CSV);
    writeFileSync(join(repo, 'data/big.csv'), SMALL_CSV);
    writeFileSync(join(repo, '.gitattributes'), '*.pth filter=lfs\n*.onnx filter=lfs\n');
    calls = countingGit(temp.dir, 'ml', repo);
    result = await collect(repo, calls.env);
  });

  it('reports exactly the files whose bytes are in git', () => {
    expect(result.findings.map((f) => f.file)).toEqual([
      'MODEL.PT',
      'broken/model.pkl',
      'data/big.csv',
      'legacy/old.h5',
      'models/plain-model.pth',
      'net.onnx',
      'pipeline/features/part-0.parquet',
    ]);
  });

  it('leaves out a model under an LFS rule next to a plain one', () => {
    const reported = result.findings.map((f) => f.file);
    expect(reported).not.toContain('models/lfs-model.pt');
    expect(reported).toContain('models/plain-model.pth');
  });

  it('applies a nested .gitattributes to its own directory only', () => {
    const reported = result.findings.map((f) => f.file);
    expect(reported).not.toContain('vendor/net.onnx');
    expect(reported).toContain('net.onnx');
  });

  it('takes an unset rule in a deeper directory over the LFS rule above', () => {
    const reported = result.findings.map((f) => f.file);
    expect(reported).not.toContain('weights.h5');
    expect(reported).toContain('legacy/old.h5');
  });

  it('leaves out a committed LFS pointer that no rule covers', () => {
    expect(result.findings.map((f) => f.file)).not.toContain('weights/orphan.safetensors');
  });

  it('reads an upper-case extension as its format, and LFS rules case-sensitively', () => {
    expect(result.findings.find((f) => f.file === 'MODEL.PT')).toEqual({
      kind: 'data-in-git',
      file: 'MODEL.PT',
      line: null,
      count: 1,
      detail: `300 B pt, ${NOT_COVERED}`,
    });
  });

  it('sizes tabular text from the blob at HEAD, not the edited checkout', () => {
    const big = result.findings.find((f) => f.file === 'data/big.csv');
    expect(big?.detail).toBe(`1.2 MB csv, ${NOT_COVERED}`);
    expect(result.findings.map((f) => f.file)).not.toContain('data/small.csv');
  });

  it('ignores a dataset DVC tracks and git ignores, and names the owner of a tracked DVC output', () => {
    expect(result.findings.map((f) => f.file)).not.toContain('data/data.csv');
    expect(result.findings.find((f) => f.file.startsWith('pipeline/'))?.detail).toBe(
      '2.0 kB parquet, tracked in git although pipeline/dvc.yaml declares it a DVC output: DVC should own it',
    );
  });

  it('skips a dvc.yaml that does not parse, and says so', () => {
    expect(result.skipped).toEqual([{ path: 'broken/dvc.yaml', reason: 'unparsable' }]);
    expect(result.findings.find((f) => f.file === 'broken/model.pkl')?.detail).toBe(
      `600 B pkl, ${NOT_COVERED}`,
    );
  });

  it('limits findings to the files it is given, reading coverage from the whole tree', async () => {
    const head = git(repo, ['rev-parse', 'HEAD']).trim();
    const files = ['net.onnx', 'vendor/net.onnx', 'weights.h5'];
    const part = await collectDataFiles({ root: repo, head, env: testEnv(repo), files });
    expect(part.findings.map((f) => f.file)).toEqual(['net.onnx']);
  });

  it('asks git twice: one tree listing with sizes, one batch of blobs', () => {
    expect(calls.calls('ls-tree')).toBe(1);
    expect(calls.calls('cat-file')).toBe(1);
    // Every logged git run, whatever its command: there were no others.
    expect(calls.calls('[^ ]+')).toBe(2);
  });
});

describe('collectDataFiles edge cases', () => {
  it('makes one git call, and reads nothing, when no file is a candidate', async () => {
    const repo = build('plain', {
      '.gitattributes': '*.pt filter=lfs\n',
      'dvc.yaml': 'stages: {}\n',
      'data/small.csv': SMALL_CSV,
      'src/train.py': 'print(1)\n',
    });
    const calls = countingGit(temp.dir, 'plain', repo);
    expect(await collect(repo, calls.env)).toEqual({ findings: [], skipped: [] });
    expect(calls.calls('ls-tree')).toBe(1);
    expect(calls.calls('cat-file')).toBe(0);
  });

  it('makes no git call without a commit', async () => {
    const calls = countingGit(temp.dir, 'none', temp.dir);
    const result = await collectDataFiles({
      root: temp.dir,
      head: null,
      env: calls.env,
      files: [],
    });
    expect(result).toEqual({ findings: [], skipped: [] });
    expect(calls.calls('ls-tree') + calls.calls('cat-file')).toBe(0);
  });

  it('skips binary and oversized coverage files and goes on', async () => {
    const repo = build('odd', {
      '.gitattributes': `*.npy filter=lfs\n#${'x'.repeat(MAX_COVERAGE_FILE_BYTES)}\n`,
      'a/.gitattributes': '\u0000\u0001binary\n*.npz filter=lfs\n',
      'b.dvc': '\u0000outs: []\n',
      'a/x.npy': binary(100),
      'a/y.npz': binary(100),
    });
    const result = await collect(repo);
    expect(result.skipped).toEqual([
      { path: '.gitattributes', reason: 'too-large' },
      { path: 'a/.gitattributes', reason: 'binary' },
      { path: 'b.dvc', reason: 'binary' },
    ]);
    // Neither skipped file's rule applies.
    expect(result.findings.map((f) => f.file)).toEqual(['a/x.npy', 'a/y.npz']);
  });

  it('leaves out a tracked symbolic link with an artifact name', async () => {
    const repo = build('links', { 'real/model.pt': binary(500) });
    mkdirSync(join(repo, 'alias'), { recursive: true });
    symlinkSync('../real/model.pt', join(repo, 'alias/model.pt'));
    git(repo, ['add', 'alias/model.pt']);
    git(repo, ['commit', '-q', '-m', 'link'], {
      env: { GIT_AUTHOR_DATE: '2026-01-06T10:00:00Z', GIT_COMMITTER_DATE: '2026-01-06T10:00:00Z' },
    });
    const result = await collect(repo);
    expect(result.findings.map((f) => f.file)).toEqual(['real/model.pt']);
  });

  it('follows the options: .bin opted in, a higher tabular threshold', async () => {
    const repo = build('options', {
      'hf/pytorch_model.bin': binary(2_000),
      'data/big.csv': BIG_CSV,
    });
    const defaults = await collect(repo);
    expect(defaults.findings.map((f) => f.file)).toEqual(['data/big.csv']);
    const tuned = await collect(repo, testEnv(repo), {
      ...DEFAULT_DATA_FILE_OPTIONS,
      binaryExtensions: [...DEFAULT_DATA_FILE_OPTIONS.binaryExtensions, 'bin'],
      tabularMinBytes: 5_000_000,
    });
    expect(tuned.findings.map((f) => f.file)).toEqual(['hf/pytorch_model.bin']);
  });

  it('reports git failing as a one-line error', async () => {
    const repo = build('fails', { 'm.pt': binary(10) });
    await expect(
      collectDataFiles({ root: repo, head: 'f'.repeat(40), env: testEnv(repo), files: ['m.pt'] }),
    ).rejects.toThrow(/git/);
  });
});
