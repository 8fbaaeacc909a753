/**
 * One wording for every file mldebt reads, from the real errors the file system gives.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { readFailure } from '../../src/util/fs-errors.js';

const dir = mkdtempSync(join(tmpdir(), 'mldebt-fs-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function failureOf(path: string, what: string): Promise<UserError> {
  return readFile(path, 'utf8').then(
    () => {
      throw new Error(`expected ${path} to be unreadable`);
    },
    (error: unknown) => readFailure(what, 'shown-name', error),
  );
}

describe('readFailure', () => {
  it('names a missing file, a directory and any other failure in one line', async () => {
    expect((await failureOf(join(dir, 'nope'), 'baseline')).message).toBe(
      'baseline not found: shown-name',
    );
    expect((await failureOf(dir, 'coverage report')).message).toBe(
      'coverage report shown-name is a directory, not a file',
    );
    symlinkSync('loop', join(dir, 'loop'));
    const loop = await failureOf(join(dir, 'loop'), 'inventory');
    expect(loop.message).toMatch(/^cannot read inventory shown-name: ELOOP: /);
    expect(loop.message.split('\n')).toHaveLength(1);
  });

  it('passes a UserError through unchanged', () => {
    const original = new UserError('already said');
    expect(readFailure('inventory', 'x', original)).toBe(original);
  });
});
