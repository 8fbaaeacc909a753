import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../../src/cli/write-output.js';
import { UserError } from '../../src/errors.js';

// Lets a test make the final rename fail, the one step a real file system will not fail on
// demand; everything else in these tests runs against real files.
const failRename = vi.hoisted(() => ({ error: null as NodeJS.ErrnoException | null }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    rename: async (from: string, to: string) => {
      if (failRename.error) throw failRename.error;
      return actual.rename(from, to);
    },
  };
});

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mldebt-write-'));
  failRename.error = null;
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The rejection of `promise`, asserting it is a one-line UserError. */
async function userErrorOf(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).message).not.toContain('\n');
  return error as UserError;
}

describe('writeFileAtomic', () => {
  it('creates a new file with the content', async () => {
    const path = join(dir, 'DEBT.md');
    await writeFileAtomic(path, '# Technical debt\n');
    expect(await readFile(path, 'utf8')).toBe('# Technical debt\n');
    expect(await readdir(dir)).toEqual(['DEBT.md']);
  });

  it('replaces an existing file and keeps its permissions', async () => {
    const path = join(dir, 'report.csv');
    await writeFile(path, 'old');
    await chmod(path, 0o640);
    await writeFileAtomic(path, 'new, with ünïcode\r\n');
    expect(await readFile(path, 'utf8')).toBe('new, with ünïcode\r\n');
    expect((await stat(path)).mode & 0o777).toBe(0o640);
    expect(await readdir(dir)).toEqual(['report.csv']);
  });

  it('replaces the target of a symbolic link, keeping the link', async () => {
    const real = join(dir, 'real.md');
    const link = join(dir, 'link.md');
    await writeFile(real, 'old');
    await symlink(real, link);
    await writeFileAtomic(link, 'new');
    expect(await readFile(real, 'utf8')).toBe('new');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
  });

  it('fails with one line when the directory does not exist, and creates nothing', async () => {
    const path = join(dir, 'missing', 'DEBT.md');
    const error = await userErrorOf(writeFileAtomic(path, 'x'));
    expect(error.message).toBe(
      `cannot write ${path}: directory ${join(dir, 'missing')} does not exist`,
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('fails when a directory is in the way, leaving no temp file', async () => {
    const path = join(dir, 'out');
    await mkdir(path);
    await writeFile(join(path, 'keep'), 'kept');
    const error = await userErrorOf(writeFileAtomic(path, 'x'));
    expect(error.message).toBe(`cannot write ${path}: it is a directory`);
    expect(await readdir(dir)).toEqual(['out']);
    expect(await readFile(join(path, 'keep'), 'utf8')).toBe('kept');
  });

  it('fails when a parent is a file', async () => {
    await writeFile(join(dir, 'file'), 'x');
    const path = join(dir, 'file', 'DEBT.md');
    const error = await userErrorOf(writeFileAtomic(path, 'x'));
    expect(error.message).toBe(`cannot write ${path}: a parent of it is not a directory`);
  });

  it('leaves the previous file untouched and removes the temp file when the rename fails', async () => {
    const path = join(dir, 'DEBT.md');
    await writeFile(path, 'previous report');
    failRename.error = Object.assign(new Error('EXDEV: cross-device link not permitted'), {
      code: 'EXDEV',
    });
    const error = await userErrorOf(writeFileAtomic(path, 'half a new report'));
    expect(error.message).toBe(`cannot write ${path}: EXDEV: cross-device link not permitted`);
    expect(await readFile(path, 'utf8')).toBe('previous report');
    expect(await readdir(dir)).toEqual(['DEBT.md']);
  });

  it('names a permission problem plainly', async () => {
    const path = join(dir, 'DEBT.md');
    failRename.error = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const error = await userErrorOf(writeFileAtomic(path, 'x'));
    expect(error.message).toBe(`cannot write ${path}: permission denied`);
    expect(await readdir(dir)).toEqual([]);
  });
});
