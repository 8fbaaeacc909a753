/**
 * collectUnpinnedDependencies on real repositories built with fixed dates: tracked files
 * from git, contents from the working tree, and the files it must not trust (malformed,
 * binary, untracked, a symlink out of the repository).
 */
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRepo, git, type CommitSpec } from '../../scripts/lib/repo-builder.js';
import { collectUnpinnedDependencies } from '../../src/signals/practices/collect-unpinned.js';
import { tempDir } from '../helpers/audit-repo.js';

const temp = tempDir('unpinned');
afterAll(temp.remove);

const ana = { name: 'Ana', email: 'ana@example.com' };
let repos = 0;

/** A repository holding `files` in one commit; returns its root and tracked files. */
function repoWith(files: Record<string, string>): { root: string; files: string[] } {
  const commits: CommitSpec[] = [
    { date: '2026-03-01T10:00:00Z', author: ana, message: 'Add environment', files },
  ];
  const root = buildRepo(join(temp.dir, `repo${++repos}`), commits);
  return { root, files: tracked(root) };
}

function tracked(root: string): string[] {
  return git(root, ['ls-files', '-z']).split('\0').filter(Boolean).sort();
}

describe('collectUnpinnedDependencies', () => {
  it('finds unpinned packages in every format, and none where a lock fixes the file', async () => {
    const repo = repoWith({
      'requirements.txt': '# runtime\nnumpy\npandas==2.1.0\ntorch>=2\n',
      'train/environment.yml':
        'dependencies:\n  - python=3.11\n  - pip\n  - scipy\n  - pip:\n      - wandb\n',
      'train/Pipfile': '[packages]\nrequests = "*"\n',
      'train/Pipfile.lock': '{}\n',
      'serve/pyproject.toml':
        '[tool.poetry.dependencies]\npython = "^3.11"\nfastapi = "*"\nuvicorn = "^0.23"\n',
      'lib/setup.cfg': '[options]\ninstall_requires =\n    click\n    rich==13.0\n',
      'lib/pyproject.toml': '[project]\nname = "lib"\ndependencies = ["click"]\n',
      'lib/uv.lock': 'version = 1\n',
      'README.md': 'numpy\n',
    });
    const result = await collectUnpinnedDependencies(repo);
    expect(result.skipped).toEqual([]);
    expect(result.findings).toEqual([
      {
        kind: 'unpinned-dependency',
        file: 'lib/setup.cfg',
        line: 3,
        count: 1,
        detail: '1 unpinned: click (no lock file)',
      },
      {
        kind: 'unpinned-dependency',
        file: 'requirements.txt',
        line: 2,
        count: 1,
        detail: '1 unpinned: numpy; 1 with only a lower bound (no lock file)',
      },
      {
        kind: 'unpinned-dependency',
        file: 'serve/pyproject.toml',
        line: 3,
        count: 1,
        detail: '1 unpinned: fastapi (no lock file)',
      },
      {
        kind: 'unpinned-dependency',
        file: 'train/environment.yml',
        line: 4,
        count: 2,
        detail: '2 unpinned: scipy, wandb (no lock file)',
      },
    ]);
  });

  it('reads the lock list from tracked files only: a lock on disk alone fixes nothing', async () => {
    const repo = repoWith({ 'pyproject.toml': '[project]\ndependencies = ["numpy"]\n' });
    writeFileSync(join(repo.root, 'poetry.lock'), '# not committed\n');
    expect((await collectUnpinnedDependencies(repo)).findings).toHaveLength(1);
    git(repo.root, ['add', 'poetry.lock']);
    git(repo.root, ['commit', '-q', '-m', 'Lock'], {
      env: { GIT_AUTHOR_DATE: '2026-03-02T10:00:00Z', GIT_COMMITTER_DATE: '2026-03-02T10:00:00Z' },
    });
    const locked = await collectUnpinnedDependencies({
      root: repo.root,
      files: tracked(repo.root),
    });
    expect(locked.findings).toEqual([]);
  });

  it('follows -r and -c to tracked files relative to the including file, once through a cycle', async () => {
    const repo = repoWith({
      'requirements/base.txt': 'numpy\n-r ../deps/common.txt\n',
      'requirements/dev.txt': '-r base.txt\n-c ../constraints.txt\npytest\ntorch\n',
      'deps/common.txt': 'matplotlib\n-r ../requirements/base.txt\n',
      'constraints.txt': 'torch==2.1.0\n',
    });
    const result = await collectUnpinnedDependencies(repo);
    expect(result.skipped).toEqual([]);
    expect(result.findings).toEqual([
      expect.objectContaining({
        file: 'requirements/base.txt',
        line: 1,
        count: 2,
        detail: '2 unpinned: matplotlib, numpy (no lock file)',
      }),
      expect.objectContaining({
        file: 'requirements/dev.txt',
        line: 3,
        count: 1,
        detail: '1 unpinned: pytest (no lock file)',
      }),
    ]);
  });

  it('does not follow a reference to an untracked or outside file, and says so without its text', async () => {
    const repo = repoWith({
      'requirements.txt':
        'numpy==1.26\n-r local-only.txt\n-r ../../etc/passwd\n-r https://example.com/r.txt\n',
    });
    writeFileSync(join(repo.root, 'local-only.txt'), 'torch\n');
    const result = await collectUnpinnedDependencies(repo);
    expect(result.findings).toEqual([]);
    expect(result.skipped).toEqual([
      { file: 'requirements.txt', reason: 'line 2 names a file that is not tracked; not followed' },
      { file: 'requirements.txt', reason: 'line 3 names a file that is not tracked; not followed' },
      { file: 'requirements.txt', reason: 'line 4 names a file that is not tracked; not followed' },
    ]);
  });

  it('skips malformed, binary and escaping files without a crash and keeps going', async () => {
    const repo = repoWith({
      'pyproject.toml': '[project]\ndependencies = ["numpy",\napi_token = "tok-SECRET-1" oops\n',
      'env/environment.yml': 'dependencies:\n  - numpy\n  - [tok-SECRET-2\n',
      'bin/requirements.txt': 'numpy\u0000\u0001\u0002',
      'ok/requirements.txt': 'scipy\n',
    });
    const outside = join(temp.dir, `outside${repos}.txt`);
    writeFileSync(outside, 'torch\n');
    symlinkSync(outside, join(repo.root, 'requirements-link.txt'));
    git(repo.root, ['add', 'requirements-link.txt']);
    git(repo.root, ['commit', '-q', '-m', 'Link'], {
      env: { GIT_AUTHOR_DATE: '2026-03-02T10:00:00Z', GIT_COMMITTER_DATE: '2026-03-02T10:00:00Z' },
    });
    const result = await collectUnpinnedDependencies({
      root: repo.root,
      files: tracked(repo.root),
    });
    expect(result.findings.map((f) => f.file)).toEqual(['ok/requirements.txt']);
    expect(result.skipped).toEqual([
      { file: 'bin/requirements.txt', reason: 'binary' },
      { file: 'env/environment.yml', reason: expect.stringMatching(/^invalid YAML at line \d+$/) },
      { file: 'pyproject.toml', reason: expect.stringMatching(/^invalid TOML at line \d+$/) },
      { file: 'requirements-link.txt', reason: 'symlink-outside' },
    ]);
    expect(JSON.stringify(result)).not.toMatch(/SECRET/);
  });

  it('recognises a hashed pip-compile output as the lock of its own directory, not below', async () => {
    const compiled = [
      '#',
      '# This file is autogenerated by pip-compile with Python 3.11',
      '#',
      'numpy==1.26.0 \\',
      '    --hash=sha256:0000000000000000000000000000000000000000000000000000000000000000',
      '    # via -r requirements.in',
      '',
    ].join('\n');
    const repo = repoWith({
      'requirements.in': 'numpy\n',
      'requirements.txt': compiled,
      'pyproject.toml': '[project]\ndependencies = ["numpy"]\n',
      'docs/requirements.txt': 'sphinx\n',
    });
    const result = await collectUnpinnedDependencies(repo);
    expect(result.findings.map((f) => `${f.file}: ${f.detail}`)).toEqual([
      'docs/requirements.txt: 1 unpinned: sphinx (no lock file)',
    ]);
  });

  it('gives nothing for a repository without environment files', async () => {
    const repo = repoWith({ 'src/train.py': 'import numpy\n' });
    expect(await collectUnpinnedDependencies(repo)).toEqual({ findings: [], skipped: [] });
  });
});
