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
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/cli/write-output.js';
import { describeFsError } from '../../src/util/fs-errors.js';
import { UserError } from '../../src/errors.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mldebt-write-'));
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

  it('writes a target whose name is near the limit (the temp name must fit too)', async () => {
    // 252 bytes each: ASCII, and 4-byte characters.
    for (const name of [`${'r'.repeat(249)}.md`, `${'📈'.repeat(62)}.md`]) {
      const path = join(dir, name);
      await writeFile(path, 'old');
      await writeFileAtomic(path, 'new');
      expect(await readFile(path, 'utf8')).toBe('new');
      await rm(path);
    }
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('describeFsError', () => {
  it('names the usual causes plainly, and never the content', () => {
    const errno = (code: string, message = `${code}: something, open '/x'`) =>
      Object.assign(new Error(message), { code });
    expect(describeFsError(errno('EACCES'))).toBe('permission denied');
    expect(describeFsError(errno('EPERM'))).toBe('permission denied');
    expect(describeFsError(errno('ENOSPC'))).toBe('no space left on the device');
    expect(describeFsError(errno('EDQUOT'))).toBe('no space left on the device');
    expect(describeFsError(errno('EROFS'))).toBe('read-only file system');
    expect(describeFsError(errno('EFBIG'))).toBe(
      'the file is too large (a file size limit, ulimit -f, or the file system)',
    );
    expect(describeFsError(errno('EXDEV', 'EXDEV: cross-device link not permitted\nmore'))).toBe(
      'EXDEV: cross-device link not permitted',
    );
  });
});
