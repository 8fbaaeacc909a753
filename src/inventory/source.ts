/**
 * The inventory as bytes and characters, before any YAML: a size limit checked before the
 * file is read whole, UTF-8 checked strictly (a Latin-1 file used to load with U+FFFD in
 * place of its accents), and the characters YAML forbids (NUL and other control characters)
 * refused at their position instead of being carried silently into reports.
 */
import { open } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { MAX_INVENTORY_BYTES } from './limits.js';
import type { SyntaxProblem } from './yaml-syntax.js';
import { readFailure } from '../util/fs-errors.js';

/** `5 MB (5242880 bytes)`: how the limit reads in messages. */
const LIMIT_TEXT = `${MAX_INVENTORY_BYTES / (1024 * 1024)} MB (${MAX_INVENTORY_BYTES} bytes)`;

/**
 * Reads at most {@link MAX_INVENTORY_BYTES} (+1 to know it is more). A regular file is
 * measured first; a pipe or device (`-c /dev/stdin`, `/dev/zero`) is read up to the limit.
 */
export async function readBoundedFile(path: string, displayPath: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw readFailure('inventory', displayPath, error);
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory())
      throw new UserError(`inventory ${displayPath} is a directory, not a file`);
    if (stats.isFile() && stats.size > MAX_INVENTORY_BYTES) throw tooLarge(displayPath, stats.size);
    const buffer = Buffer.alloc(
      stats.isFile() ? Math.min(stats.size + 1, MAX_INVENTORY_BYTES + 1) : 64 * 1024,
    );
    let chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(Buffer.from(buffer.subarray(0, bytesRead)));
      total += bytesRead;
      if (total > MAX_INVENTORY_BYTES) throw tooLarge(displayPath);
    }
    const bytes = Buffer.concat(chunks, total);
    chunks = [];
    return bytes;
  } catch (error) {
    throw readFailure('inventory', displayPath, error);
  } finally {
    await handle.close();
  }
}

function tooLarge(displayPath: string, size?: number): UserError {
  const actual = size === undefined ? '' : ` (${size} bytes)`;
  return new UserError(
    `inventory too large: ${displayPath}${actual} is over the ${LIMIT_TEXT} limit`,
  );
}

/** Why text of this many UTF-8 bytes is refused, or undefined (for callers given text). */
export function checkInventorySize(text: string): SyntaxProblem | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= MAX_INVENTORY_BYTES) return undefined;
  return {
    offset: 0,
    message: `inventory too large: ${bytes} bytes is over the ${LIMIT_TEXT} limit`,
  };
}

/**
 * The offset (in bytes) of the first byte that does not belong to a well-formed UTF-8
 * sequence (overlong forms, surrogates and code points past U+10FFFF included), or -1.
 * For a broken multi-byte sequence it is the sequence's first byte: the broken character.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // The range of the second byte depends on the first; the others are always 80..BF.
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    if (i + length > bytes.length) return i;
    const second = bytes[i + 1]!;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) {
      const next = bytes[i + k]!;
      if (next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The inventory's bytes as text: strict UTF-8, a leading byte-order mark dropped (editors on
 * Windows write one). Invalid UTF-8 is a problem at the line and column of the first bad byte.
 */
export function decodeInventory(
  bytes: Uint8Array,
): { text: string; problem?: undefined } | { text: string; problem: SyntaxProblem } {
  try {
    return { text: STRICT_UTF8.decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    // The valid text before the bad byte locates it like any other problem.
    const text = STRICT_UTF8.decode(bytes.subarray(0, Math.max(bad, 0)));
    return {
      text,
      problem: {
        offset: text.length,
        message: 'the inventory is not valid UTF-8 here (save the file as UTF-8)',
      },
    };
  }
}

/**
 * The first character YAML does not allow in a document (its printable set: tab, line feed,
 * carriage return, U+0020-U+007E, U+0085, U+00A0 and up, no surrogates, no U+FFFE/U+FFFF),
 * or undefined. NUL and the other control characters are the ones met in practice: from a
 * binary file, a bad paste or a UTF-16 file read as UTF-8.
 */
export function firstForbiddenCharacter(text: string): SyntaxProblem | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue; // the common case first
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++; // a well-formed pair: a character past U+FFFF
        continue;
      }
    }
    if (!isForbidden(c)) continue;
    const name = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
    const what =
      c < 0x20 || (c >= 0x7f && c <= 0x9f) ? `control character ${name}` : `character ${name}`;
    return {
      offset: i,
      message: `${what} is not allowed in a YAML file (remove it; inside double quotes, write it as an escape such as \\u${name.slice(2)})`,
    };
  }
  return undefined;
}

/** Outside YAML's printable set (a surrogate here is a lone one: pairs were skipped). */
function isForbidden(c: number): boolean {
  if (c === 0x09 || c === 0x0a || c === 0x0d) return false;
  if (c < 0x20) return true;
  if (c >= 0x7f && c <= 0x9f) return c !== 0x85;
  if (c >= 0xd800 && c <= 0xdfff) return true;
  return c === 0xfffe || c === 0xffff;
}
