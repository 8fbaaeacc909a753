/**
 * readPythonFiles on a real repository: tracked Python files and notebooks read from the
 * working tree, everything that cannot be read skipped with its reason (binary, too large,
 * deleted from disk, a symlink out of the repository, a directory), never a crash; and what
 * is read never written back.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRepo, git } from '../../scripts/lib/repo-builder.js';
import { findMagicNumbers } from '../../src/signals/practices/magic-numbers.js';
import { readPythonFiles } from '../../src/signals/practices/read-python-files.js';
import { tempDir } from '../helpers/audit-repo.js';

const temp = tempDir('read-python');
afterAll(temp.remove);

const ana = { name: 'Ana', email: 'ana@example.com' };

function repo(name: string, files: Record<string, string>): { root: string; tracked: string[] } {
  const root = buildRepo(join(temp.dir, name), [
    { date: '2026-03-01T10:00:00Z', author: ana, message: 'code', files },
  ]);
  return { root, tracked: git(root, ['ls-files']).trim().split('\n') };
}

describe('readPythonFiles', () => {
  it('reads tracked .py and .ipynb files the filter accepts, without a byte-order mark', async () => {
    const { root, tracked } = repo('plain', {
      'a.py': '\uFEFFlr = 0.1\n',
      'b/c.ipynb': '{"cells": []}',
      'b/d.py': 'x = 1\n',
      'notes.txt': 'import mlflow\n',
      'setup.pyc': 'not python',
    });
    const all = await readPythonFiles({ root, files: tracked });
    expect(all).toEqual({
      files: [
        { path: 'a.py', text: 'lr = 0.1\n' },
        { path: 'b/c.ipynb', text: '{"cells": []}' },
        { path: 'b/d.py', text: 'x = 1\n' },
      ],
      skipped: [],
    });
    const filtered = await readPythonFiles({ root, files: tracked }, (p) => p.startsWith('b/'));
    expect(filtered.files.map((f) => f.path)).toEqual(['b/c.ipynb', 'b/d.py']);
  });

  it('skips binary, oversized, deleted, directory and outside-symlink files with their reason', async () => {
    const { root, tracked } = repo('bad', {
      'ok.py': 'lr = 0.1\n',
      'binary.py': 'lr = 0.1\u0000\u0001\n',
      'big.py': `# ${'x'.repeat(2000)}\n`,
      'big.ipynb': `{"cells": [], "pad": "${'x'.repeat(3000)}"}`,
      'gone.py': 'x = 1\n',
      'dir.py/inner.txt': 'x\n',
      'latin1.py': 'x = 1\n',
    });
    rmSync(join(root, 'gone.py'));
    writeFileSync(join(temp.dir, 'outside.py'), 'SECRET = "never read"\n');
    symlinkSync(join(temp.dir, 'outside.py'), join(root, 'link.py'));
    // Not valid UTF-8: read, with replacement characters, rather than skipped.
    writeFileSync(join(root, 'latin1.py'), Buffer.from([0x6c, 0x72, 0x3d, 0x31, 0x0a, 0xe9, 0xff]));
    const result = await readPythonFiles(
      { root, files: [...tracked, 'dir.py', 'link.py'].sort() },
      undefined,
      { maxPythonBytes: 1000, maxNotebookBytes: 2000 },
    );
    expect(result.files.map((f) => f.path)).toEqual(['latin1.py', 'ok.py']);
    expect(result.files[0]!.text.startsWith('lr=1\n')).toBe(true);
    expect(result.skipped).toEqual([
      { path: 'big.ipynb', reason: 'too-large' },
      { path: 'big.py', reason: 'too-large' },
      { path: 'binary.py', reason: 'binary' },
      { path: 'dir.py', reason: 'unreadable', detail: 'not a regular file' },
      { path: 'gone.py', reason: 'unreadable', detail: 'no such file or directory' },
      { path: 'link.py', reason: 'symlink-outside' },
    ]);
    expect(JSON.stringify(result)).not.toContain('never read');
    // The notebook cap is its own: the same notebook is read under the default caps.
    const defaults = await readPythonFiles({ root, files: ['big.ipynb', 'big.py'] });
    expect(defaults.files.map((f) => f.path)).toEqual(['big.ipynb', 'big.py']);
  });

  it('follows a symlink that stays inside the repository', async () => {
    const { root } = repo('inside', { 'src/train.py': 'lr = 0.1\n' });
    mkdirSync(join(root, 'alias'));
    symlinkSync(join(root, 'src/train.py'), join(root, 'alias/train.py'));
    const result = await readPythonFiles({ root, files: ['alias/train.py'] });
    expect(result.files).toEqual([{ path: 'alias/train.py', text: 'lr = 0.1\n' }]);
  });

  it('leaves the repository as it was', async () => {
    const { root, tracked } = repo('untouched', { 'train.py': 'lr = 0.1\n' });
    const before = git(root, ['status', '--porcelain', '--ignored']);
    const { files } = await readPythonFiles({ root, files: tracked });
    expect(files.flatMap((f) => findMagicNumbers(f.path, f.text)).map((f) => f.detail)).toEqual([
      '1 literal hyperparameter: lr=0.1 (l.1)',
    ]);
    expect(git(root, ['status', '--porcelain', '--ignored'])).toBe(before);
  });
});
