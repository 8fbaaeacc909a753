/**
 * Memory and time are bounded by a report's size, never by the line numbers written in it:
 * a few KB of lcov or Go profile naming line 1,048,575 or spanning a million lines must be
 * read quickly in a few MB, or refused with one located line (exit 2), never exhaust the
 * heap (the inputs took 4.2 GB and aborted with exit 134). The hostile inputs are
 * generated here, byte for byte as reported.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { readCoverageReport, type FileHits } from '../../src/signals/coverage/index.js';

const dir = mkdtempSync(join(tmpdir(), 'mldebt-size-bounds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Well under what the inputs took, well above what reading them should. */
const RSS_GROWTH_LIMIT = 200 * 1024 * 1024;

/** Writes records made by `record(i)` until the file reaches `bytes`; returns its path and count. */
function writeRepeated(
  name: string,
  head: string,
  bytes: number,
  record: (i: number) => string,
): { path: string; count: number } {
  const parts = [head];
  let size = head.length;
  let count = 0;
  while (size < bytes) {
    const text = record(count++);
    parts.push(text);
    size += text.length;
  }
  const path = join(dir, name);
  writeFileSync(path, parts.join(''));
  return { path, count };
}

/** Reads the report, returning what it gave (or threw) and how much RSS grew meanwhile. */
async function measure(path: string): Promise<{ result: unknown; rssGrowth: number }> {
  const before = process.memoryUsage().rss;
  const result = await readCoverageReport(path).then(
    (report) => report,
    (error: unknown) => error,
  );
  return { result, rssGrowth: process.memoryUsage().rss - before };
}

const lines = (pairs: [number, number][]): FileHits => ({ kind: 'lines', lines: new Map(pairs) });

describe('lcov', () => {
  it('50 KB of records each naming line 1,048,575 reads in bounded memory', async () => {
    const { path, count } = writeRepeated(
      'far-lines.info',
      'TN:\n',
      50 * 1024,
      (i) => `SF:src/f${i}.js\nDA:1048575,1\nend_of_record\n`,
    );
    const { result, rssGrowth } = await measure(path);
    expect(rssGrowth).toBeLessThan(RSS_GROWTH_LIMIT);
    const files = (result as Awaited<ReturnType<typeof readCoverageReport>>).files;
    expect(files.size).toBe(count);
    expect(files.get('src/f0.js')).toEqual(lines([[1048575, 1]]));
    expect(files.get(`src/f${count - 1}.js`)).toEqual(lines([[1048575, 1]]));
  });

  it('one file with far lines, near lines and the same line in both ranges adds hits right', async () => {
    // A far line before the near ones (sparse), then enough near lines that the dense part
    // grows past it: its hits from both parts must add up, as across lcov records.
    const near = Array.from({ length: 3000 }, (_, i) => `DA:${i + 1},1\n`).join('');
    const path = join(dir, 'mixed.info');
    writeFileSync(
      path,
      `SF:a.js\nDA:5000,2\nDA:900000,1\n${near}end_of_record\nSF:a.js\nDA:5000,3\n${near}end_of_record\n`,
    );
    const hits = (await readCoverageReport(path)).files.get('a.js');
    expect(hits?.kind).toBe('lines');
    const map = (hits as { lines: Map<number, number> }).lines;
    expect(map.size).toBe(3002);
    expect(map.get(5000)).toBe(5);
    expect(map.get(900000)).toBe(1);
    expect(map.get(1)).toBe(2);
    expect(map.get(3000)).toBe(2);
  });
});

describe('line-oriented reports (lcov, Go)', () => {
  // A line longer than V8's longest string (512 MB) crashed with a RangeError (exit 3);
  // no tool writes a line anywhere near 1 MiB, so longer is refused long before that.
  it.each([
    ['lcov', 'TN:\nSF:'],
    ['Go', 'mode: set\nexample.com/m/'],
  ])('%s: a line longer than 1 MiB is refused at its line', async (name, head) => {
    const path = join(dir, `long-line-${name}`);
    writeFileSync(path, `${head}${'a'.repeat(1024 * 1024 + 1)}.go:1.1,2.1 1 1\n`);
    const { result } = await measure(path);
    expect(result).toBeInstanceOf(UserError);
    expect((result as UserError).format()).toBe(
      `${path}:2:1: line longer than 1,048,576 characters: no coverage report writes such lines`,
    );
  });
});

describe('Go cover profile', () => {
  it('6 KB of blocks spanning a million lines each is refused at the first, quickly', async () => {
    const { path } = writeRepeated(
      'far-blocks.out',
      'mode: set\n',
      6 * 1024,
      (i) => `example.com/m/f${i}.go:1.1,1000001.1 1 1\n`,
    );
    const { result, rssGrowth } = await measure(path);
    expect(rssGrowth).toBeLessThan(RSS_GROWTH_LIMIT);
    expect(result).toBeInstanceOf(UserError);
    const size = statSync(path).size;
    expect((result as UserError).format()).toBe(
      `${path}:2:1: the blocks so far span 1,000,001 lines, more than a ${size.toLocaleString('en-US')}-byte profile can describe (at most 1,000,000): not a real cover profile`,
    );
  });

  it('adds up the lines of all blocks: one line, then a million, is one line too many', async () => {
    const path = join(dir, 'adds-up.out');
    writeFileSync(
      path,
      'mode: set\nexample.com/m/a.go:1.1,1.9 1 1\nexample.com/m/b.go:1.1,1000000.1 1 0\n',
    );
    const { result } = await measure(path);
    expect(result).toBeInstanceOf(UserError);
    expect((result as UserError).location).toEqual({ file: path, line: 3, column: 1 });
    expect((result as UserError).message).toMatch(/^the blocks so far span 1,000,001 lines, /);
  });

  it('a real-sized profile far below the bound reads as before', async () => {
    const { path, count } = writeRepeated(
      'ordinary.out',
      'mode: set\n',
      64 * 1024,
      (i) =>
        `example.com/m/f${i % 50}.go:${(i % 400) * 5 + 1}.2,${(i % 400) * 5 + 4}.3 2 ${i % 2}\n`,
    );
    const report = await readCoverageReport(path);
    expect(report.files.size).toBe(Math.min(count, 50));
  });
});
