/**
 * The tokenizer's lexical rules that the practice rules depend on: where strings and
 * comments end, which line a token is on, and where logical lines start and how far they
 * are indented.
 */
import { describe, expect, it } from 'vitest';
import { plainStringValue, tokenizePython } from '../../src/signals/practices/python-tokens.js';

const names = (text: string) =>
  tokenizePython(text)
    .filter((t) => t.type === 'name' || t.type === 'number')
    .map((t) => `${t.text}@${t.line}`);

describe('tokenizePython', () => {
  it('ends strings where Python does, keeping line numbers right after them', () => {
    const text = [
      'a = """one',
      'two \'\'\' \\""" three',
      '"""',
      "b = r'\\'' + u'x' + Rb\"\\\\\" + f'{c[\"k\"]:{w}} }}{{' + t'{d}'",
      "e = f'''{ {'k': 1}['k'] }",
      "'''",
      'g = 1',
    ].join('\n');
    expect(names(text)).toEqual(['a@1', 'b@4', 'e@5', 'g@7', '1@7']);
  });

  it('joins lines in brackets and after a backslash, and reads CRLF and CR line ends', () => {
    const tokens = tokenizePython('x = (1,\r\n     2)\r\ny = 3 + \\\r\n  4\rz = 5\n');
    expect(tokens.filter((t) => t.indent !== null).map((t) => `${t.text}@${t.line}`)).toEqual([
      'x@1',
      'y@3',
      'z@5',
    ]);
    expect(tokens.filter((t) => t.type === 'number').map((t) => `${t.text}@${t.line}`)).toEqual([
      '1@1',
      '2@2',
      '3@3',
      '4@4',
      '5@5',
    ]);
    expect(tokens.filter((t) => t.type === 'newline')).toHaveLength(3);
  });

  it('measures the indentation of logical lines only, a tab to the next multiple of 8', () => {
    const text = 'class A:\n    x = [\n        1]\n\t y = 2\n  # a comment\n\n  z = 3\n';
    expect(
      tokenizePython(text)
        .filter((t) => t.indent !== null)
        .map((t) => `${t.text}:${t.indent}`),
    ).toEqual(['class:0', 'x:4', 'y:9', 'z:2']);
  });

  it('reads every form of number literal whole', () => {
    const text = 'n = 3e-4 + 1E+3 + 1_000 + 0x1F + 0o17 + 0b1010 + .5 + 5. + 2.5e10j + 1e5';
    expect(
      tokenizePython(text)
        .filter((t) => t.type === 'number')
        .map((t) => t.text),
    ).toEqual(['3e-4', '1E+3', '1_000', '0x1F', '0o17', '0b1010', '.5', '5.', '2.5e10j', '1e5']);
  });

  it('reads only simple string keys', () => {
    const values = tokenizePython(`'lr' "batch_size" f'lr' b'lr' 'a\\'b' """lr"""`).map(
      plainStringValue,
    );
    expect(values).toEqual(['lr', 'batch_size', null, null, null, null, null]);
  });
});
