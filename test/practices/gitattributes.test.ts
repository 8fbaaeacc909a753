/**
 * Which paths `.gitattributes` hand to Git LFS: the pure reading checked case by case, then
 * against git itself (`git check-attr filter`) on a real repository holding every rule form
 * the module claims to follow, so the two cannot quietly disagree.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRepo, git } from '../../scripts/lib/repo-builder.js';
import { compileAttributePattern } from '../../src/signals/practices/attribute-pattern.js';
import {
  lfsRuleMatcher,
  MAX_ATTRIBUTE_LINE_LENGTH,
  parseGitattributes,
} from '../../src/signals/practices/gitattributes.js';
import { tempDir } from '../helpers/audit-repo.js';

const temp = tempDir('practices-attributes');
afterAll(temp.remove);

const lfsOf = (files: Record<string, string>) =>
  lfsRuleMatcher(Object.entries(files).map(([path, text]) => parseGitattributes(path, text)));

describe('compileAttributePattern', () => {
  const matches = (pattern: string, path: string) => compileAttributePattern(pattern)!(path);

  it('matches a pattern without a slash against the file name at any depth', () => {
    expect(matches('*.pt', 'model.pt')).toBe(true);
    expect(matches('*.pt', 'a/b/model.pt')).toBe(true);
    expect(matches('*.pt', 'a/model.pth')).toBe(false);
  });

  it('anchors a pattern with a slash at its directory, * staying within a segment', () => {
    expect(matches('models/*.ckpt', 'models/a.ckpt')).toBe(true);
    expect(matches('models/*.ckpt', 'models/x/a.ckpt')).toBe(false);
    expect(matches('models/*.ckpt', 'src/models/a.ckpt')).toBe(false);
    expect(matches('/top.pt', 'top.pt')).toBe(true);
    expect(matches('/top.pt', 'a/top.pt')).toBe(false);
  });

  it('reads ** at the start, the end and between slashes as any directories', () => {
    expect(matches('**/weights/*.pt', 'weights/a.pt')).toBe(true);
    expect(matches('**/weights/*.pt', 'x/y/weights/a.pt')).toBe(true);
    expect(matches('data/**', 'data/a/b/c.csv')).toBe(true);
    expect(matches('a/**/b.npz', 'a/b.npz')).toBe(true);
    expect(matches('a/**/b.npz', 'a/x/y/b.npz')).toBe(true);
    // Elsewhere ** is a plain *: it does not cross a slash.
    expect(matches('a/x**.npz', 'a/xy.npz')).toBe(true);
    expect(matches('a/x**.npz', 'a/x/y.npz')).toBe(false);
  });

  it('supports ?, bracket expressions and escapes, none of them matching a slash', () => {
    expect(matches('m?.pt', 'm1.pt')).toBe(true);
    expect(matches('a?b.pt', 'a/b.pt')).toBe(false);
    expect(matches('*.[Nn][Pp][Yy]', 'x.NpY')).toBe(true);
    expect(matches('v[!0-9].pt', 'v1.pt')).toBe(false);
    expect(matches('v[!0-9].pt', 'vx.pt')).toBe(true);
    expect(matches('d[[:digit:]].pt', 'd7.pt')).toBe(true);
    expect(matches(String.raw`\*.pt`, '*.pt')).toBe(true);
    expect(matches(String.raw`\*.pt`, 'a.pt')).toBe(false);
  });

  it('is case-sensitive, as git is without core.ignoreCase', () => {
    expect(matches('*.pt', 'MODEL.PT')).toBe(false);
  });

  it('never matches with a directory-only, negated, empty or unterminated pattern', () => {
    for (const pattern of ['data/', '!*.pt', '', '/', 'a[bc.pt']) {
      expect(compileAttributePattern(pattern), pattern).toBeNull();
    }
  });

  it('stays fast on a pattern of many stars (RE2, linear time)', () => {
    const started = performance.now();
    const pattern = `${'*a'.repeat(40)}*.pt`;
    expect(matches(pattern, `${'a'.repeat(5000)}b.pth`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('lfsRuleMatcher', () => {
  it('lets a later line of the same file win', () => {
    const lfs = lfsOf({
      '.gitattributes': '*.pt filter=lfs\nkeep.pt -filter\n*.h5 -filter\n*.h5 filter=lfs\n',
    });
    expect(lfs('a.pt')).toBe(true);
    expect(lfs('keep.pt')).toBe(false);
    expect(lfs('w.h5')).toBe(true);
  });

  it('applies a nested file relative to its directory, over the files above it', () => {
    const lfs = lfsOf({
      '.gitattributes': '*.pt filter=lfs\n',
      'vendor/.gitattributes': '*.pt -filter\n/local.pkl filter=lfs\n',
    });
    expect(lfs('a/model.pt')).toBe(true);
    expect(lfs('vendor/x/model.pt')).toBe(false);
    expect(lfs('vendor/local.pkl')).toBe(true);
    expect(lfs('local.pkl')).toBe(false);
    expect(lfs('vendor/x/local.pkl')).toBe(false);
  });

  it('reads -filter, !filter and filter=other as not LFS', () => {
    const lfs = lfsOf({
      '.gitattributes': '*.h5 filter=lfs\nu.h5 -filter\ns.h5 !filter\no.h5 filter=crypt\n',
    });
    expect(['w.h5', 'u.h5', 's.h5', 'o.h5'].map(lfs)).toEqual([true, false, false, false]);
  });

  it('expands a macro of the top-level file where it is set, not one of a nested file', () => {
    const lfs = lfsOf({
      '.gitattributes': '[attr]big filter=lfs -text\n*.onnx big\nno/*.onnx -big\n',
      'sub/.gitattributes': '[attr]mine filter=lfs\n*.gguf mine\n',
    });
    expect(lfs('m.onnx')).toBe(true);
    expect(lfs('no/m.onnx')).toBe(false);
    expect(lfs('sub/m.gguf')).toBe(false);
  });

  it('reads a C-quoted pattern, and skips lines git rejects', () => {
    const lfs = lfsOf({
      '.gitattributes': [
        '"with space.pkl" filter=lfs',
        '"caf\\303\\251.pkl" filter=lfs',
        '*.npy filter=lfs bad~name',
        `${'x'.repeat(MAX_ATTRIBUTE_LINE_LENGTH)}.npz filter=lfs`,
        '  # an indented comment filter=lfs',
        '',
      ].join('\r\n'),
    });
    expect(lfs('a/with space.pkl')).toBe(true);
    expect(lfs('café.pkl')).toBe(true);
    expect(lfs('a.npy')).toBe(false);
    expect(lfs(`${'x'.repeat(MAX_ATTRIBUTE_LINE_LENGTH)}.npz`)).toBe(false);
  });
});

describe('lfsRuleMatcher agrees with git check-attr', () => {
  const ROOT = [
    '# comment filter=lfs',
    '[attr]lfs filter=lfs diff=lfs merge=lfs -text',
    '*.pt filter=lfs diff=lfs merge=lfs -text',
    '*.onnx lfs',
    '/top.npz filter=lfs',
    'models/**/*.ckpt filter=lfs',
    'data/ filter=lfs',
    '**/weights/* filter=lfs',
    '*.h5 filter=lfs',
    'keep.h5 -filter',
    'unspec.h5 !filter',
    'other.h5 filter=other',
    '"with space.pkl" filter=lfs',
    '*.[Nn][Pp][Yy] filter=lfs',
    'a/**/b.npz filter=lfs',
    '*.joblib filter=lfs bad~name',
    '*.safetensors lfs',
    'cancel/*.safetensors -lfs',
    'x**.tflite filter=lfs',
    '*.keras filter=lfs -filter',
    '*.feather -filter filter=lfs',
    '',
  ].join('\n');
  const NESTED = [
    '*.parquet filter=lfs',
    '/local.pkl filter=lfs',
    '*.pt -filter',
    'deep/*.arrow filter=lfs',
    '[attr]nested filter=lfs',
    '*.gguf nested',
    '',
  ].join('\n');
  const PATHS = [
    'model.pt',
    'a/b/model.pt',
    'MODEL.PT',
    'm.onnx',
    'top.npz',
    'x/top.npz',
    'models/a.ckpt',
    'models/x/y/a.ckpt',
    'src/models/a.ckpt',
    'data/x.csv',
    'weights/w.bin',
    'x/weights/w.bin',
    'x/weights/y/w.bin',
    'w.h5',
    'keep.h5',
    'unspec.h5',
    'other.h5',
    'with space.pkl',
    'x.npy',
    'x.NPY',
    'a/b.npz',
    'a/x/b.npz',
    'j.joblib',
    's.safetensors',
    'cancel/s.safetensors',
    'xy.tflite',
    'x/y.tflite',
    'k.keras',
    'f.feather',
    'sub/t.parquet',
    't.parquet',
    'sub/local.pkl',
    'local.pkl',
    'sub/x/local.pkl',
    'sub/m.pt',
    'sub/x/m.pt',
    'sub/deep/a.arrow',
    'sub/x/deep/a.arrow',
    'sub/m.gguf',
  ];

  it('on every path of a repository holding each rule form', () => {
    const repo = join(temp.dir, 'check-attr');
    buildRepo(repo, [
      {
        date: '2026-01-05T10:00:00Z',
        author: { name: 'Ana', email: 'ana@example.com' },
        message: 'attributes',
        files: { '.gitattributes': ROOT, 'sub/.gitattributes': NESTED },
      },
    ]);
    const out = git(repo, [
      '-c',
      'core.ignoreCase=false',
      'check-attr',
      '-z',
      'filter',
      '--',
      ...PATHS,
    ]);
    const fields = out.split('\0');
    const gitSays = new Map<string, boolean>();
    for (let i = 0; i + 2 < fields.length; i += 3) gitSays.set(fields[i]!, fields[i + 2] === 'lfs');
    const lfs = lfsOf({ '.gitattributes': ROOT, 'sub/.gitattributes': NESTED });
    const ours = new Map(PATHS.map((path) => [path, lfs(path)]));
    expect(ours).toEqual(gitSays);
    // The matrix is worth something only if both answers occur.
    expect([...ours.values()].filter(Boolean).length).toBeGreaterThan(10);
    expect([...ours.values()].filter((v) => !v).length).toBeGreaterThan(10);
  });
});
