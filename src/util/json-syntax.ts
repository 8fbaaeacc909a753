/**
 * Where a JSON text first breaks the grammar (RFC 8259), for a `file:line:column` message.
 *
 * `JSON.parse` on Node 20 reports a position for some errors and, for others, echoes a slice
 * of the input instead ("Unexpected token 'x', "..." is not valid JSON"). Echoing a file's
 * content into an error line is noisy, and the missing position is what the user needs, so
 * this small scanner re-reads a text `JSON.parse` rejected and finds the offending offset
 * itself. It is iterative (an explicit stack), so deep nesting cannot overflow the call stack.
 */
import { UserError } from '../errors.js';
import type { SourceLocation } from '../model/index.js';

export interface JsonSyntaxError {
  /** 0-based offset (UTF-16 code units) of the first character that breaks the grammar. */
  offset: number;
  /** Lower-case description without any of the input beyond the offending character. */
  message: string;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPABLE = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Parses a JSON file's text. A leading byte-order mark (Windows editors and tools write one)
 * is no part of the value, and line:column of an error count from after it, as editors do.
 *
 * @param file the file's name for the location of an error
 * @param what how the message starts (`baseline is not valid JSON`)
 * @throws UserError at the line:column of the first syntax error, quoting none of the text
 */
export function parseJsonText(text: string, file: string, what: string): unknown {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    // JSON.parse on Node 20 gives no position for some errors and echoes the input for
    // others; the scanner names the offending offset without echoing the file's content.
    const error = findJsonSyntaxError(json) ?? { offset: 0, message: 'not valid JSON' };
    throw new UserError(`${what}: ${error.message}`, locateOffset(json, error.offset, file));
  }
}

/** Find the first syntax error in `text`, or `null` when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const scanner = new Scanner(text);
  try {
    scanner.scanDocument();
    return null;
  } catch (error) {
    if (error instanceof ScanError) return { offset: error.offset, message: error.message };
    throw error;
  }
}

/** 1-based line and column of `offset` in `text` (`\r\n` and `\n` end a line). */
export function locateOffset(text: string, offset: number, file: string): SourceLocation {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { file, line, column: offset - lineStart + 1 };
}

class ScanError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

class Scanner {
  private pos = 0;
  /** Open containers, innermost last. */
  private readonly stack: ('{' | '[')[] = [];

  constructor(private readonly text: string) {}

  scanDocument(): void {
    for (;;) {
      this.scanValueStart();
      if (!this.scanAfterValue()) return;
    }
  }

  /** Scan one scalar, or open containers (and, for an object, its first key) down to one. */
  private scanValueStart(): void {
    for (;;) {
      this.skipWhitespace();
      const c = this.text[this.pos];
      if (c === '{' || c === '[') {
        this.stack.push(c);
        this.pos++;
        this.skipWhitespace();
        if (this.text[this.pos] === (c === '{' ? '}' : ']')) {
          this.pos++;
          this.stack.pop();
          return;
        }
        if (c === '{') this.scanKey();
        continue; // the container's first value
      }
      if (c === '"') return this.scanString();
      if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.scanNumber();
      for (const literal of ['true', 'false', 'null']) {
        if (this.text.startsWith(literal, this.pos)) {
          this.pos += literal.length;
          return;
        }
      }
      throw this.unexpected();
    }
  }

  /**
   * After a value: a comma (then the next value), a closing bracket, or the end of the
   * document. Returns `true` when another value must follow.
   */
  private scanAfterValue(): boolean {
    for (;;) {
      this.skipWhitespace();
      const top = this.stack.at(-1);
      const c = this.text[this.pos];
      if (top === undefined) {
        if (c === undefined) return false;
        throw new ScanError(`unexpected ${describe(c)} after the end of the JSON value`, this.pos);
      }
      if (c === ',') {
        this.pos++;
        if (top === '{') this.scanKey();
        return true;
      }
      const close = top === '{' ? '}' : ']';
      if (c === close) {
        this.pos++;
        this.stack.pop();
        continue;
      }
      if (c === undefined) throw this.unexpected();
      throw new ScanError(`expected ',' or '${close}', found ${describe(c)}`, this.pos);
    }
  }

  private scanKey(): void {
    this.skipWhitespace();
    if (this.text[this.pos] !== '"') {
      if (this.pos >= this.text.length) throw this.unexpected();
      throw new ScanError(
        `expected a property name in double quotes, found ${describe(this.text[this.pos]!)}`,
        this.pos,
      );
    }
    this.scanString();
    this.skipWhitespace();
    if (this.text[this.pos] !== ':') {
      if (this.pos >= this.text.length) throw this.unexpected();
      throw new ScanError(
        `expected ':' after a property name, found ${describe(this.text[this.pos]!)}`,
        this.pos,
      );
    }
    this.pos++;
  }

  private scanString(): void {
    this.pos++; // opening quote
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) throw new ScanError('unterminated string', this.pos);
      if (c === '"') {
        this.pos++;
        return;
      }
      if (c < ' ') throw new ScanError('control character in a string', this.pos);
      if (c === '\\') {
        const escaped = this.text[this.pos + 1];
        if (
          escaped === 'u' &&
          /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))
        ) {
          this.pos += 6;
          continue;
        }
        if (escaped === undefined || !ESCAPABLE.has(escaped)) {
          throw new ScanError('invalid escape sequence in a string', this.pos);
        }
        this.pos += 2;
        continue;
      }
      this.pos++;
    }
  }

  private scanNumber(): void {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match) throw new ScanError('invalid number', this.pos);
    this.pos += match[0].length;
  }

  private skipWhitespace(): void {
    while (this.pos < this.text.length && WHITESPACE.has(this.text[this.pos]!)) this.pos++;
  }

  private unexpected(): ScanError {
    const c = this.text[this.pos];
    if (c === undefined) return new ScanError('unexpected end of input', this.pos);
    return new ScanError(`unexpected ${describe(c)}`, this.pos);
  }
}

/** A character for an error message: printable ASCII quoted, anything else as a code point. */
function describe(c: string): string {
  const code = c.codePointAt(0)!;
  return code >= 0x20 && code < 0x7f
    ? `'${c}'`
    : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
