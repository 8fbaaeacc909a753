/**
 * The inventory is read as bytes: invalid UTF-8, NUL and the other characters YAML forbids
 * used to load silently (U+FFFD or a NUL inside a title); a file of any size was read whole.
 * Each is now exit 2 with one line at the position, before anything is parsed.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { checkInventoryText } from '../../src/inventory/check.js';
import { MAX_INVENTORY_BYTES } from '../../src/inventory/limits.js';
import { formatProblem } from '../../src/inventory/problems.js';
import { firstInvalidUtf8 } from '../../src/inventory/source.js';
import { inventoryText, makeRepo, problemLines, runInProcess, writeInventory } from './cli.js';

const repo = makeRepo('mldebt-bytes-');
afterAll(() => rmSync(repo, { recursive: true, force: true }));

/** Runs validate and audit on `content` and returns the stderr problem lines of each. */
async function bothCommands(content: string | Uint8Array): Promise<string[][]> {
  const config = writeInventory(repo, content);
  const lines: string[][] = [];
  for (const command of ['validate', 'audit']) {
    const res = await runInProcess([command, '--repo', repo, '--config', config], repo);
    expect(res.code, `${command}: ${res.stderr}`).toBe(2);
    // validate may close its list with a count on stdout; audit writes nothing there.
    if (command === 'audit') expect(res.stdout).toBe('');
    else expect(res.stdout).toMatch(/^(debt\.yaml: 1 error, 0 warnings\n)?$/);
    expect(res.stderr).not.toMatch(/internal error|\n\s+at /);
    lines.push(problemLines(res.stderr));
  }
  return lines;
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe('invalid UTF-8 is exit 2 at the line and column of the first bad byte', () => {
  it.each([
    ['a Latin-1 "é"', [0xe9]],
    ['a lone continuation byte', [0x80]],
    ['an overlong "/"', [0xc0, 0xaf]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a byte that never starts UTF-8', [0xff]],
  ])('%s', async (_name, bad) => {
    const [head, tail] = inventoryText().split('title: t');
    const content = Buffer.concat([
      utf8(`${head}title: café `),
      Buffer.from(bad),
      utf8(`x${tail}`),
    ]);
    for (const lines of await bothCommands(content)) {
      // Line 5 is `    title: café <bad>`: the bad byte is the 17th character of the line.
      expect(lines).toEqual([
        'debt.yaml:5:17: error: the inventory is not valid UTF-8 here (save the file as UTF-8)',
      ]);
    }
  });

  it('a multi-byte sequence cut off by the end of the file', async () => {
    const content = Buffer.concat([
      utf8(inventoryText({ item: '    owner: ana' })),
      Buffer.from([0xe2, 0x82]),
    ]);
    for (const lines of await bothCommands(content)) {
      expect(lines).toEqual([
        'debt.yaml:10:15: error: the inventory is not valid UTF-8 here (save the file as UTF-8)',
      ]);
    }
  });

  it('finds the first bad byte exactly, and accepts every well-formed sequence', () => {
    expect(firstInvalidUtf8(utf8('a€𝄞é'))).toBe(-1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82, 0xac, 0xe2, 0x28, 0xa1]))).toBe(4);
    expect(firstInvalidUtf8(Buffer.from([0xf0, 0x8f, 0xbf, 0xbf]))).toBe(0);
    for (let cp = 0; cp <= 0x10ffff; cp += 97) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      expect(firstInvalidUtf8(utf8(String.fromCodePoint(cp)))).toBe(-1);
    }
  });
});

describe('characters YAML forbids are exit 2 at their position', () => {
  it.each([
    ['NUL', '\u0000', 'control character U+0000'],
    ['a bell', '\u0007', 'control character U+0007'],
    ['an escape', '\u001b', 'control character U+001B'],
    ['DEL', '\u007f', 'control character U+007F'],
    ['a C1 control', '\u0090', 'control character U+0090'],
    ['a non-character', '\uffff', 'character U+FFFF'],
  ])('%s', async (_name, char, what) => {
    const content = inventoryText().replace('title: t', `title: t${char}x`);
    for (const lines of await bothCommands(content)) {
      expect(lines).toEqual([
        `debt.yaml:5:13: error: malformed YAML: ${what} is not allowed in a YAML file (remove it; inside double quotes, write it as an escape such as \\u${what.slice(-4)})`,
      ]);
    }
  });

  it('text handed in directly: a lone UTF-16 surrogate is refused, a pair is a character', () => {
    const check = (text: string) =>
      checkInventoryText(text, 'debt.yaml').problems.map(formatProblem);
    expect(check(inventoryText().replace('title: t', 'title: t\uD800'))).toEqual([
      'debt.yaml:5:13: error: malformed YAML: character U+D800 is not allowed in a YAML file (remove it; inside double quotes, write it as an escape such as \\uD800)',
    ]);
    expect(check(inventoryText().replace('title: t', 'title: t\u{1D11E}'))).toEqual([]);
  });

  it('a NUL in a comment is refused too: YAML forbids it anywhere', async () => {
    const content = `# notes\u0000\n${inventoryText()}`;
    for (const lines of await bothCommands(content)) {
      expect(lines[0]).toMatch(/^debt\.yaml:1:8: error: malformed YAML: control character U\+0000/);
    }
  });

  it('tabs inside values, CRLF line ends and a UTF-8 byte-order mark are fine', async () => {
    const text = inventoryText().replace('title: t', 'title: "a\tb"').replace(/\n/g, '\r\n');
    const config = writeInventory(
      repo,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(text)]),
    );
    const res = await runInProcess(['validate', '--repo', repo, '--config', config], repo);
    expect(res.stderr).toBe('');
    expect(res.stdout).toBe('debt.yaml: valid, 1 items\n');
    expect(res.code).toBe(0);
  });

  it('a byte-order mark does not shift the columns of line 1', async () => {
    const config = writeInventory(
      repo,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('version: 2\nproject: p\nitems: []\n')]),
    );
    const res = await runInProcess(['validate', '--repo', repo, '--config', config], repo);
    expect(problemLines(res.stderr)).toEqual([
      'debt.yaml:1:10: error: version: expected version: 1, got 2',
    ]);
  });
});

describe('an inventory over 5 MB is refused before it is read whole', () => {
  it('a regular file one byte over the limit: one line naming the limit', async () => {
    const content = inventoryText({ item: '    evidence: >-\n' });
    const filler = `      ${'x'.repeat(99)}\n`;
    const big =
      content + filler.repeat(Math.ceil((MAX_INVENTORY_BYTES - content.length) / filler.length));
    const exact = Buffer.from(big.slice(0, MAX_INVENTORY_BYTES + 1));
    expect(exact.length).toBe(MAX_INVENTORY_BYTES + 1);
    const config = writeInventory(repo, exact);
    for (const command of ['validate', 'audit']) {
      const res = await runInProcess([command, '--repo', repo, '--config', config], repo);
      expect(res.code).toBe(2);
      expect(res.stderr).toBe(
        `mldebt: inventory too large: debt.yaml (${MAX_INVENTORY_BYTES + 1} bytes) is over the 5 MB (5242880 bytes) limit\n`,
      );
    }
  });

  it('text over the limit handed in directly: one problem, nothing parsed', () => {
    const text = `${inventoryText()}# ${'x'.repeat(MAX_INVENTORY_BYTES)}\n`;
    expect(checkInventoryText(text, 'debt.yaml').problems.map(formatProblem)).toEqual([
      `debt.yaml:1:1: error: inventory too large: ${Buffer.byteLength(text)} bytes is over the 5 MB (5242880 bytes) limit`,
    ]);
  });

  it('a device that never ends is read up to the limit only', async () => {
    const res = await runInProcess(['validate', '--repo', repo, '--config', '/dev/zero'], repo);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(
      /^mldebt: inventory too large: [./]*dev\/zero is over the 5 MB \(5242880 bytes\) limit\n$/,
    );
  });
});
