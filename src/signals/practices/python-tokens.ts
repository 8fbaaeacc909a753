/**
 * A small Python tokenizer: enough of the lexical rules to tell code from comments and
 * strings, find logical lines and their indentation, and read names, numbers and operators.
 * The rules follow the Python reference, "Lexical analysis"
 * (https://docs.python.org/3/reference/lexical_analysis.html): `#` comments to the end of
 * the line; string prefixes (r, u, b, f, t and their pairs, any case) before `'`, `"`,
 * `'''` or `"""`; a backslash escapes the next character (also in raw strings, where it
 * cannot end the string); newlines inside brackets or after a backslash continue the
 * logical line; f-string replacement fields may hold strings of their own (Python 3.12).
 *
 * The text is the user's file and may be anything: the tokenizer never throws. An
 * unterminated string ends at the end of its line (or of the file, when triple-quoted), and
 * a character that starts no token is skipped.
 */

export type PythonTokenType = 'name' | 'number' | 'string' | 'op' | 'newline';

export interface PythonToken {
  type: PythonTokenType;
  /** The token's source text (for `newline`, empty). */
  text: string;
  /** 1-based line where the token starts. */
  line: number;
  /**
   * Leading whitespace width of the logical line this token starts (a tab counts 8), or
   * null when the token does not start a logical line.
   */
  indent: number | null;
  /** How many brackets are open where the token starts (an opening bracket not counting itself). */
  depth: number;
}

const NAME = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;
const NUMBER =
  /(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?[jJ]?)/y;
const STRING_PREFIX = /(?:[rR][bBfFtT]?|[bBfFtT][rR]?|[uU])?(?:'''|"""|'|")/y;
const OPERATORS = [
  '**=', '//=', '>>=', '<<=', '...', '->', ':=', '==', '!=', '<=', '>=', '+=', '-=', '*=',
  '/=', '%=', '&=', '|=', '^=', '@=', '**', '//', '<<', '>>',
]; // prettier-ignore
const SINGLE_OPERATORS = new Set('()[]{}:;,.=+-*/%&|^~<>@!'.split(''));
/** First characters of the operators longer than one character. */
const OPERATOR_STARTS = new Set(OPERATORS.map((o) => o[0]!));
const OPEN = new Set(['(', '[', '{']);
const DOT = 46;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
const QUOTE = 34;
const APOSTROPHE = 39;
/** Per ASCII code: 1 where a string prefix letter (r, u, b, f, t, any case) may start a string. */
const PREFIX_LETTER = asciiTable('rRuUbBfFtT');
const ASCII_LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_';
const ASCII_NAME_START = asciiTable(ASCII_LETTERS);
const ASCII_NAME_PART = asciiTable(`${ASCII_LETTERS}0123456789`);

function asciiTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
}
const CLOSE = new Set([')', ']', '}']);

/** Tokens of `text` in order, with a `newline` token ending each logical line. */
export function tokenizePython(text: string): PythonToken[] {
  const tokens: PythonToken[] = [];
  let pos = 0;
  let line = 1;
  let depth = 0;
  // Width of the current physical line's leading whitespace, and whether the next token
  // starts a logical line.
  let lineIndent = 0;
  let atLineStart = true;
  let atPhysicalStart = true;

  const push = (type: PythonTokenType, tokenText: string, tokenLine: number) => {
    tokens.push({
      type,
      text: tokenText,
      line: tokenLine,
      indent: atLineStart ? lineIndent : null,
      depth,
    });
    atLineStart = false;
  };

  while (pos < text.length) {
    const c = text[pos]!;
    if (atPhysicalStart) {
      lineIndent = 0;
      while (pos < text.length && (text[pos] === ' ' || text[pos] === '\t' || text[pos] === '\f')) {
        lineIndent = text[pos] === '\t' ? (Math.floor(lineIndent / 8) + 1) * 8 : lineIndent + 1;
        pos++;
      }
      atPhysicalStart = false;
      continue;
    }
    if (c === '\n' || c === '\r') {
      pos += c === '\r' && text[pos + 1] === '\n' ? 2 : 1;
      if (depth === 0 && !atLineStart) {
        tokens.push({ type: 'newline', text: '', line, indent: null, depth });
        atLineStart = true;
      }
      line++;
      // Inside brackets the logical line goes on: its indentation stays the first line's.
      atPhysicalStart = depth === 0 && atLineStart;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\f') {
      pos++;
      continue;
    }
    if (c === '#') {
      while (pos < text.length && text[pos] !== '\n' && text[pos] !== '\r') pos++;
      continue;
    }
    if (c === '\\' && (text[pos + 1] === '\n' || text[pos + 1] === '\r')) {
      // An explicit line join: the next physical line continues this logical line.
      pos += text[pos + 1] === '\r' && text[pos + 2] === '\n' ? 3 : 2;
      line++;
      continue;
    }
    // Most tokens are names: the string-prefix pattern is tried only where a string can start.
    const code = text.charCodeAt(pos);
    STRING_PREFIX.lastIndex = pos;
    if (
      (code === QUOTE || code === APOSTROPHE || PREFIX_LETTER[code] === 1) &&
      STRING_PREFIX.test(text)
    ) {
      const start = pos;
      const startLine = line;
      const end = skipString(text, pos);
      line += countNewlines(text, start, end);
      pos = end;
      push('string', text.slice(start, end), startLine);
      continue;
    }
    if (ASCII_NAME_START[code] === 1) {
      // An ASCII name (nearly every one): read by character class, no Unicode regex.
      let end = pos + 1;
      while (end < text.length && ASCII_NAME_PART[text.charCodeAt(end)] === 1) end++;
      if (end === text.length || text.charCodeAt(end) < 128) {
        push('name', text.slice(pos, end), line);
        pos = end;
        continue;
      }
    }
    NAME.lastIndex = pos;
    const name = NAME.exec(text);
    if (name) {
      pos += name[0].length;
      push('name', name[0], line);
      continue;
    }
    if (isDigit(code) || (code === DOT && isDigit(text.charCodeAt(pos + 1)))) {
      NUMBER.lastIndex = pos;
      const number = NUMBER.exec(text)!;
      pos += number[0].length;
      push('number', number[0], line);
      continue;
    }
    const op = OPERATOR_STARTS.has(c) ? OPERATORS.find((o) => text.startsWith(o, pos)) : undefined;
    if (op) {
      pos += op.length;
      push('op', op, line);
      continue;
    }
    if (SINGLE_OPERATORS.has(c)) {
      pos++;
      // A closing bracket is at the depth it returns to, an opening one at the depth it leaves.
      if (CLOSE.has(c) && depth > 0) depth--;
      push('op', c, line);
      if (OPEN.has(c)) depth++;
      continue;
    }
    // Nothing Python starts with this character ($, ?, a stray backslash): skip it.
    pos++;
  }
  if (!atLineStart) tokens.push({ type: 'newline', text: '', line, indent: null, depth: 0 });
  return tokens;
}

/** The end (exclusive) of the string literal starting at `start`, prefix included. */
function skipString(text: string, start: number): number {
  let pos = start;
  let prefix = '';
  while (text[pos] !== "'" && text[pos] !== '"') prefix += text[pos++]!.toLowerCase();
  const quote = text[pos]!;
  const triple = text.startsWith(quote.repeat(3), pos);
  const closing = triple ? quote.repeat(3) : quote;
  const formatted = prefix.includes('f') || prefix.includes('t');
  pos += closing.length;
  while (pos < text.length) {
    const c = text[pos]!;
    if (c === '\\') {
      pos += 2;
      continue;
    }
    if (!triple && (c === '\n' || c === '\r')) return pos; // unterminated: ends with the line
    if (text.startsWith(closing, pos)) return pos + closing.length;
    if (formatted && c === '{') {
      if (text[pos + 1] === '{') {
        pos += 2;
        continue;
      }
      pos = skipReplacementField(text, pos + 1);
      continue;
    }
    pos++;
  }
  return text.length;
}

/** The end of an f-string replacement field opened just before `start`: past its `}`. */
function skipReplacementField(text: string, start: number): number {
  let pos = start;
  let depth = 1;
  while (pos < text.length && depth > 0) {
    const c = text[pos]!;
    STRING_PREFIX.lastIndex = pos;
    if ((c === "'" || c === '"' || /[a-zA-Z]/.test(c)) && STRING_PREFIX.exec(text)) {
      // A name directly followed by a quote is a prefixed string only at a name's start.
      if (c === "'" || c === '"' || !/[\w]/.test(text[pos - 1] ?? '')) {
        pos = skipString(text, pos);
        continue;
      }
    }
    if (c === '{') depth++;
    if (c === '}') depth--;
    pos++;
  }
  return pos;
}

function countNewlines(text: string, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) count++;
  }
  return count;
}

/**
 * The content of a plain string literal token (`'lr'`, `"batch_size"`), or null when it is
 * prefixed (f, b, r, …), triple-quoted or holds an escape: only simple keys are read.
 */
export function plainStringValue(token: PythonToken): string | null {
  if (token.type !== 'string') return null;
  const match = /^(['"])([^'"\\\n]*)\1$/.exec(token.text);
  return match ? match[2]! : null;
}
