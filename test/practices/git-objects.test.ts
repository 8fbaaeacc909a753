/**
 * Reading git's object store: the tree listing with sizes (paths with spaces, tabs and
 * non-ASCII letters kept whole, submodules left out) and a batch of blobs read in one call.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRepo, git } from '../../scripts/lib/repo-builder.js';
import {
  listTreeBlobs,
  parseTreeListing,
  readBlobs,
} from '../../src/signals/practices/git-objects.js';
import { tempDir, testEnv } from '../helpers/audit-repo.js';

const temp = tempDir('practices-objects');
afterAll(temp.remove);

describe('parseTreeListing', () => {
  it('reads blobs with their size, marks symbolic links, and leaves submodules out', () => {
    const oid = 'a'.repeat(40);
    const text = [
      `100644 blob ${oid}    1234\tdata/a b.parquet`,
      `120000 blob ${oid}      11\tlink.pt`,
      `160000 commit ${oid}       -\tvendor/lib`,
      `100755 blob ${oid} 9876543\trun\tme.sh`,
      '',
    ].join('\0');
    expect(parseTreeListing(text)).toEqual([
      { path: 'data/a b.parquet', oid, size: 1234, symlink: false },
      { path: 'link.pt', oid, size: 11, symlink: true },
      { path: 'run\tme.sh', oid, size: 9876543, symlink: false },
    ]);
  });
});

describe('listTreeBlobs and readBlobs', () => {
  it('list the tree at a commit and read chosen blobs in one call each', async () => {
    const repo = join(temp.dir, 'objects');
    buildRepo(repo, [
      {
        date: '2026-01-05T10:00:00Z',
        author: { name: 'Ana', email: 'ana@example.com' },
        message: 'add',
        files: { 'données/jeu de\tdonnées.parquet': 'PAR1\u0000x', 'b.txt': 'hello\n' },
      },
    ]);
    const env = testEnv(repo);
    const head = git(repo, ['rev-parse', 'HEAD']).trim();
    const blobs = await listTreeBlobs(repo, head, env);
    expect(blobs.map(({ path, size }) => ({ path, size }))).toEqual([
      { path: 'b.txt', size: 6 },
      { path: 'données/jeu de\tdonnées.parquet', size: 6 },
    ]);
    const missing = 'b'.repeat(40);
    const contents = await readBlobs(
      repo,
      [...blobs.map((b) => b.oid), missing, blobs[0]!.oid],
      env,
    );
    expect(contents.get(blobs[0]!.oid)?.toString()).toBe('hello\n');
    expect(contents.get(blobs[1]!.oid)).toEqual(Buffer.from('PAR1\u0000x'));
    expect(contents.has(missing)).toBe(false);
  });
});
