import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, locateOffset } from '../../src/util/json-syntax.js';

describe('findJsonSyntaxError', () => {
  it.each([
    '{}',
    '[]',
    ' {"a": [1, -2.5e+3, 0, true, false, null, "x\\n\\u00e9\\"", {}, []]} \n',
    '"just a string"',
    '0',
  ])('accepts valid JSON %j', (text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(findJsonSyntaxError(text)).toBeNull();
  });

  it.each<[string, number, string]>([
    ['', 0, 'unexpected end of input'],
    ['{"a": }', 6, "unexpected '}'"],
    ['{"a" 1}', 5, "expected ':' after a property name, found '1'"],
    ['{a: 1}', 1, "expected a property name in double quotes, found 'a'"],
    ['[1,]', 3, "unexpected ']'"],
    ['{"a": 1,}', 8, "expected a property name in double quotes, found '}'"],
    ['[1 2]', 3, "expected ',' or ']', found '2'"],
    ['{"a": 1} x', 9, "unexpected 'x' after the end of the JSON value"],
    ['"abc', 4, 'unterminated string'],
    ['"a\\qb"', 2, 'invalid escape sequence in a string'],
    ['"a\nb"', 2, 'control character in a string'],
    ['-', 0, 'invalid number'],
    ['01', 1, "unexpected '1' after the end of the JSON value"],
    ['[tru]', 1, "unexpected 't'"],
    ["{'a': 1}", 1, "expected a property name in double quotes, found '''"],
    ['{"a": 1', 7, 'unexpected end of input'],
    ['\u00a0{}', 0, 'unexpected U+00A0'],
  ])('finds the error in %j at offset %d', (text, offset, message) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(findJsonSyntaxError(text)).toEqual({ offset, message });
  });

  it('agrees with JSON.parse where Node reports a position', () => {
    let compared = 0;
    for (const text of ['{"a" 1}', '{"a": 1', '[1, 2', '{"a": 1,\n"b" }']) {
      let position: number | undefined;
      try {
        JSON.parse(text);
      } catch (error) {
        const match = /at position (\d+)/.exec((error as Error).message);
        if (match) position = Number(match[1]);
      }
      if (position === undefined) continue;
      expect(findJsonSyntaxError(text)?.offset).toBe(position);
      compared++;
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('handles deep nesting without overflowing the stack', () => {
    const depth = 200_000;
    expect(findJsonSyntaxError('['.repeat(depth) + ']'.repeat(depth))).toBeNull();
    expect(findJsonSyntaxError('['.repeat(depth))).toEqual({
      offset: depth,
      message: 'unexpected end of input',
    });
  });
});

describe('locateOffset', () => {
  it('turns an offset into a 1-based line and column, across LF and CRLF', () => {
    const text = 'ab\ncd\r\nef';
    expect(locateOffset(text, 0, 'f')).toEqual({ file: 'f', line: 1, column: 1 });
    expect(locateOffset(text, 4, 'f')).toEqual({ file: 'f', line: 2, column: 2 });
    expect(locateOffset(text, 8, 'f')).toEqual({ file: 'f', line: 3, column: 2 });
    expect(locateOffset(text, text.length, 'f')).toEqual({ file: 'f', line: 3, column: 3 });
  });
});
