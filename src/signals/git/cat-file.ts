/**
 * Reading objects from git's store in one `git cat-file --batch`, streamed: each object is
 * handed on as it arrives, so memory holds one object at a time, not all of them. The object
 * names are ids or `<rev>:<path>` (read one per line, so a name cannot hold a newline: callers
 * leave such paths out). Used by the notebook churn (both versions of each changed notebook)
 * and the practice detectors (`.gitattributes` and DVC files at HEAD).
 */
import { GIT_CONFIG_OVERRIDES } from './git-env.js';
import { spawnGit } from './log-stream.js';

/** One object as git printed it; `content` is null when it was larger than the bound. */
export interface CatFileObject {
  type: string;
  size: number;
  content: Buffer | null;
}

/**
 * Reads `names` in order and calls `onObject` once per name, in the same order, with the
 * object or null (git has no such object: a path absent from that commit, the parent of a
 * root commit). Objects larger than `maxBytes` are skipped over, their content null.
 * @throws GitLogError when git fails
 */
export async function catFileBatch(
  root: string,
  names: readonly string[],
  options: { env?: NodeJS.ProcessEnv; maxBytes?: number },
  onObject: (index: number, object: CatFileObject | null) => void,
): Promise<void> {
  if (names.length === 0) return;
  if (names.some((name) => name.includes('\n'))) {
    throw new Error('catFileBatch: an object name cannot hold a newline');
  }
  const reader = new BatchReader(options.maxBytes ?? Number.POSITIVE_INFINITY, onObject);
  await spawnGit(
    [...GIT_CONFIG_OVERRIDES, 'cat-file', '--batch'],
    { cwd: root, env: options.env, input: `${names.join('\n')}\n`, command: 'cat-file' },
    (chunk) => reader.write(chunk),
  ).done;
}

/**
 * Parses `git cat-file --batch` output: per name asked for, `<oid> <type> <size>\n`, the
 * bytes and a newline; or `<name> missing\n` / `<name> ambiguous\n`.
 */
class BatchReader {
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  /** Bytes of the current object still to come (its newline included); -1: a header next. */
  private remaining = -1;
  private object: { type: string; size: number; keep: boolean } | null = null;
  private index = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly onObject: (index: number, object: CatFileObject | null) => void,
  ) {}

  write(chunk: Buffer): void {
    let from = 0;
    while (from < chunk.length) {
      if (this.remaining < 0) {
        const newline = chunk.indexOf(10, from);
        if (newline === -1) {
          this.keep(chunk.subarray(from));
          return;
        }
        const header = this.take(chunk.subarray(from, newline)).toString('utf8');
        from = newline + 1;
        // A name may hold spaces: a missing object's line is told by its last word.
        if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
          this.onObject(this.index++, null);
          continue;
        }
        const fields = header.split(' ');
        const size = Number(fields[2]);
        if (fields.length !== 3 || !Number.isSafeInteger(size)) {
          throw new Error('git cat-file printed a header mldebt does not understand');
        }
        this.object = { type: fields[1]!, size, keep: size <= this.maxBytes };
        this.remaining = size + 1;
        continue;
      }
      const object = this.object!;
      const part = chunk.subarray(from, from + this.remaining);
      from += part.length;
      this.remaining -= part.length;
      if (object.keep) this.keep(part);
      if (this.remaining > 0) return;
      this.remaining = -1;
      const content = object.keep ? this.take().subarray(0, object.size) : null;
      this.onObject(this.index++, { type: object.type, size: object.size, content });
    }
  }

  private keep(part: Buffer): void {
    this.buffered.push(part);
    this.bufferedBytes += part.length;
  }

  /** Everything kept, with `tail` after it, as one buffer; the keeping starts afresh. */
  private take(tail?: Buffer): Buffer {
    if (tail !== undefined) this.keep(tail);
    const whole =
      this.buffered.length === 1
        ? this.buffered[0]!
        : Buffer.concat(this.buffered, this.bufferedBytes);
    this.buffered = [];
    this.bufferedBytes = 0;
    return whole;
  }
}
