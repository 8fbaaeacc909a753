/**
 * The warm cache of Python scans: a later run takes a file's scan from it while the file is
 * as it was, reads the file again once it changed, ignores a corrupt cache file, writes
 * nothing with --no-cache, and never uses a cache directory inside the repository.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRepo } from '../../scripts/lib/repo-builder.js';
import { resolveSettings } from '../../src/inventory/settings.js';
import { examinePython } from '../../src/signals/practices/examine-python.js';
import { keptFilesOf } from '../helpers/kept-facts.js';
import { tempDir } from '../helpers/audit-repo.js';

const temp = tempDir('scan-cache');
afterAll(temp.remove);

const files = {
  'train/train_a.py': 'def main(model, X):\n    lr = 0.01\n    model.fit(X)\n',
  'lib/util.py': 'x = 1\n',
};

function setUp(name: string): { repo: string; cacheHome: string } {
  const repo = join(temp.dir, name);
  mkdirSync(repo, { recursive: true });
  buildRepo(repo, [
    {
      date: '2024-03-01T12:00:00Z',
      author: { name: 'Ana', email: 'ana@example.com' },
      message: 'Initial import',
      files,
    },
  ]);
  return { repo, cacheHome: join(temp.dir, `${name}-cache`) };
}

/** One run's examination: a listing of its own, as every run has. */
function examine(repo: string, cacheHome: string, cache = true) {
  return examinePython({
    root: repo,
    head: null,
    env: { XDG_CACHE_HOME: cacheHome, PATH: process.env.PATH ?? '' },
    files: Object.keys(files).sort(),
    selected: null,
    settings: resolveSettings({}).practices,
    cache,
  });
}

const scansFiles = (cacheHome: string) => keptFilesOf(cacheHome, 'scans');

describe('the warm cache of Python scans', () => {
  it('takes a file as it was from the cache, and reads it again once it changed', async () => {
    const { repo, cacheHome } = setUp('warm');
    const cold = await examine(repo, cacheHome);
    expect(cold.findings.map((f) => f.detail)).toEqual(['1 literal hyperparameter: lr=0.01 (l.2)']);
    const [name] = scansFiles(cacheHome);
    expect(name).toMatch(/^[0-9a-f]{64}\.scans$/);
    const file = join(cacheHome, 'mldebt', name!);
    // Private, as the history cache: the directory 0700, the file 0600.
    expect(statSync(join(cacheHome, 'mldebt')).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // Mark the cached scan: a run that shows the mark took the file from the cache.
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('model.fit'); // no file text, only what the rules read
    writeFileSync(file, text.replace('"value":"0.01"', '"value":"0.5"'));
    const warm = await examine(repo, cacheHome);
    expect(warm.findings.map((f) => f.detail)).toEqual(['1 literal hyperparameter: lr=0.5 (l.2)']);
    // Changed on disk (even to the same size): read again.
    writeFileSync(
      join(repo, 'train/train_a.py'),
      files['train/train_a.py'].replace('0.01', '0.02'),
    );
    const changed = await examine(repo, cacheHome);
    expect(changed.findings.map((f) => f.detail)).toEqual([
      '1 literal hyperparameter: lr=0.02 (l.2)',
    ]);
  });

  it('ignores a corrupt cache file and writes a good one over it', async () => {
    const { repo, cacheHome } = setUp('corrupt');
    await examine(repo, cacheHome);
    const file = join(cacheHome, 'mldebt', scansFiles(cacheHome)[0]!);
    writeFileSync(file, '{"format":1,"entries":[["train/train_a.py",{"size":1},{}]]}');
    const again = await examine(repo, cacheHome);
    expect(again.findings.map((f) => f.detail)).toEqual([
      '1 literal hyperparameter: lr=0.01 (l.2)',
    ]);
    expect(JSON.parse(readFileSync(file, 'utf8')).entries).toHaveLength(2);
  });

  it('writes nothing with --no-cache, nor into a cache directory inside the repository', async () => {
    const { repo, cacheHome } = setUp('off');
    await examine(repo, cacheHome, false);
    expect(scansFiles(cacheHome)).toEqual([]);
    const inside = join(repo, '.cache');
    const found = await examine(repo, inside);
    expect(found.findings).toHaveLength(1);
    expect(existsSync(inside)).toBe(false);
  });
});
