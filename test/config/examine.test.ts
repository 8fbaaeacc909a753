/**
 * examineConfigFiles on its own, as `scan` calls it: groups that are directories rather than
 * items, files read from a real directory, each file read once however many groups hold it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { examineConfigFiles } from '../../src/signals/config/index.js';
import { tempDir } from '../helpers/audit-repo.js';

const temp = tempDir('config-examine');
afterAll(temp.remove);

function write(files: Record<string, string>): string {
  const root = join(temp.dir, `r${Math.random().toString(36).slice(2)}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('examineConfigFiles', () => {
  it('examines any grouping of files, comparing siblings across groups', async () => {
    const root = write({
      'a/prod.yaml': 'x: 1\n',
      'a/dev.yaml': 'x: 1\ny: 2\n',
      'b/app.json': '\uFEFF{"password": "literal-value"}',
      'b/notes.md': '# not a config\n',
    });
    const result = await examineConfigFiles({
      root,
      repoFiles: ['a/dev.yaml', 'a/prod.yaml', 'b/app.json', 'b/notes.md'],
      // One group per directory; `a/dev.yaml` is in no group, yet prod is compared with it.
      groups: [
        { files: ['a/prod.yaml'], unversioned: null },
        {
          files: ['b/app.json', 'b/notes.md'],
          unversioned: [{ path: 'b/.env.local', why: 'ignored' }],
        },
        { files: [], unversioned: null },
      ],
      history: null,
    });
    expect(result.groups.map((g) => g.map((f) => `${f.kind} ${f.file}:${f.line ?? '-'}`))).toEqual([
      ['drift a/prod.yaml:-'],
      // The byte-order mark is no part of the JSON.
      ['unversioned b/.env.local:-', 'secret b/app.json:1'],
      [],
    ]);
    expect(result.notes).toEqual([]);
  });
});
