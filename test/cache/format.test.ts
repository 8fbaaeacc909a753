/**
 * The cache file format: real commits of a real `git log` come back exactly as they went in,
 * and a file that is not exactly what this key and format version wrote is refused with a
 * reason, never half-read.
 */
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CACHE_FORMAT_VERSION,
  CacheFileError,
  decodeCacheFile,
  encodeCacheFile,
} from '../../src/signals/git/cache/format.js';
import type { LogCommit } from '../../src/signals/git/log-stream.js';
import { tempDir } from '../helpers/audit-repo.js';
import { makeCacheRepo, readCommits } from './cache-repo.js';

const temp = tempDir('cache-format');
afterAll(temp.remove);
const KEY = 'a'.repeat(64);
const repo = makeCacheRepo(temp.dir, 'sample');

/** Decodes to the commits in the order stored. */
const roundTrip = (commits: LogCommit[]) =>
  decodeCacheFile(encodeCacheFile(KEY, commits), KEY).commits();

function refusal(data: Buffer, key = KEY): string {
  try {
    decodeCacheFile(data, key);
  } catch (error) {
    expect(error).toBeInstanceOf(CacheFileError);
    return (error as Error).message;
  }
  throw new Error('the file was accepted');
}

describe('round trip', () => {
  it('gives back the commits of a real git log, with line churn, exactly', async () => {
    const commits = await readCommits(repo, { lineChurn: true });
    // The sample holds what a pass must keep: a root, a rename, a binary file, a deletion.
    expect(commits.some((c) => c.root)).toBe(true);
    expect(commits.some((c) => c.changes.some((ch) => ch.oldPath === 'src/b.py'))).toBe(true);
    expect(
      commits.some((c) => c.changes.some((ch) => ch.path === 'img.bin' && ch.churn === 0)),
    ).toBe(true);
    expect(roundTrip(commits)).toStrictEqual(commits);
  });

  it('gives back commits without churn (name-status) as null churn, not 0', async () => {
    const commits = await readCommits(repo, { lineChurn: false });
    expect(commits[0]!.changes[0]!.churn).toBeNull();
    expect(roundTrip(commits)).toStrictEqual(commits);
  });

  it('keeps any text git can print: tabs, newlines, non-ASCII, times before 1970 and after 2038', () => {
    // Text from git is decoded UTF-8: never a NUL (the framing byte), never a lone surrogate.
    const text = fc
      .string({ unit: 'binary', maxLength: 12 })
      .map((s) => s.replaceAll('\0', ''))
      .filter((s) => Buffer.from(s, 'utf8').toString('utf8') === s);
    const commit = fc.record({
      hash: fc.stringMatching(/^[0-9a-f]{40}$/),
      root: fc.boolean(),
      email: text,
      name: text,
      time: fc.integer({ min: -1e10, max: 1e11 }),
      subject: text,
      changes: fc.array(
        fc.oneof(
          fc.record({ path: text, churn: fc.option(fc.nat(), { nil: null }) }),
          fc.record({ path: text, oldPath: text, churn: fc.option(fc.nat(), { nil: null }) }),
        ),
        { maxLength: 4 },
      ),
    });
    fc.assert(
      fc.property(fc.uniqueArray(commit, { selector: (c) => c.hash, maxLength: 8 }), (records) => {
        // fast-check's records have no prototype; the stream's commits are plain objects.
        const commits: LogCommit[] = records.map((c) => ({
          ...c,
          changes: c.changes.map((ch) => ({ ...ch })),
        }));
        expect(roundTrip(commits)).toStrictEqual(commits);
      }),
      { numRuns: 40 },
    );
  });
});

describe('files that are not trusted', () => {
  let file: Buffer;
  it('refuses another tool, another format version, another key', async () => {
    file = encodeCacheFile(KEY, await readCommits(repo));
    expect(refusal(Buffer.from('{"not":"ours"}\n'))).toBe('not an mldebt history cache');
    expect(refusal(Buffer.alloc(0))).toBe('not an mldebt history cache');
    const older = Buffer.from(
      file.toString('latin1').replace(`"format":${CACHE_FORMAT_VERSION}`, '"format":0'),
      'latin1',
    );
    expect(refusal(older)).toBe(`written in cache format 0, not ${CACHE_FORMAT_VERSION}`);
    expect(refusal(file, 'b'.repeat(64))).toBe('written for another repository or options');
  });

  it('refuses a truncated file at every length, and one with bytes added', () => {
    for (let length = 0; length < file.length; length += 7) {
      const message = refusal(file.subarray(0, length));
      expect(message).toMatch(/not an mldebt|header is damaged|truncated/);
    }
    expect(refusal(Buffer.concat([file, Buffer.from('x')]))).toBe('it has bytes after its end');
  });

  it('refuses a file with any byte of its body changed (the checksum)', () => {
    const bodyStart = file.indexOf(0x0a, file.indexOf(0x0a) + 1) + 1;
    for (let at = bodyStart; at < file.length; at += 13) {
      const damaged = Buffer.from(file);
      damaged[at] = damaged[at]! ^ 0x01;
      expect(refusal(damaged)).toBe('its checksum does not match');
    }
  });

  it('refuses a body whose checksum matches but whose indices point nowhere', () => {
    // A file written by a buggy or hostile writer: consistent sizes and CRC, bad content.
    const commit: LogCommit = {
      hash: 'c'.repeat(40),
      root: false,
      email: 'e',
      name: 'n',
      time: 1,
      subject: 's',
      changes: [{ path: 'p', churn: 1 }],
    };
    const good = encodeCacheFile(KEY, [commit]);
    const headerEnd = good.indexOf(0x0a, good.indexOf(0x0a) + 1);
    const header = JSON.parse(good.toString('utf8', good.indexOf(0x0a) + 1, headerEnd));
    /** The file with its body changed by `edit`, under a header whose checksum matches. */
    const forged = (edit: (body: Buffer) => void) => {
      const body = Buffer.from(good.subarray(headerEnd + 1));
      edit(body);
      return Buffer.concat([
        good.subarray(0, good.indexOf(0x0a) + 1),
        Buffer.from(JSON.stringify({ ...header, crc32: crc32(body) }) + '\n'),
        body,
      ]);
    };
    // The first change's path index (the 6th integer) now points past the string table.
    const ints = header.commits * header.hashLength + header.stringBytes + header.strings * 4;
    expect(refusal(forged((body) => body.writeInt32LE(999, ints + 5 * 4)))).toBe(
      'its body does not hold commits',
    );
    // A hash spelled otherwise than git spells it: upper case, or not hexadecimal at all.
    for (const digit of ['C', 'g']) {
      expect(refusal(forged((body) => body.write(digit, 7, 'latin1'))), digit).toBe(
        'its body does not hold commits',
      );
    }
    // Nor a file holding one commit twice (no save writes that).
    expect(refusal(encodeCacheFile(KEY, [commit, commit]))).toBe('its body does not hold commits');
    // Two hashes alike but for their last digit are two commits, not one twice.
    const twin = { ...commit, hash: `${'c'.repeat(39)}d` };
    expect(roundTrip([commit, twin])).toStrictEqual([commit, twin]);
  });
});
