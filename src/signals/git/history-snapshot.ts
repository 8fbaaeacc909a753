/**
 * The result of an audit's history pass, kept beside the warm cache: a later run of the same
 * commit with the same window, items and rules (the audit run again, or `explain`, `export`
 * and `plan` after it) reads it back instead of aggregating every cached commit once more,
 * which on a long history is most of what a warm run costs.
 *
 * One snapshot per cache key (the history cache's: the repository, its mailmap, shallow
 * boundary, grafts and replace refs, the churn options) for an audit's one window, and one
 * for a trend's several (`trend`, and `explain`, which runs one), each stamped with the
 * digest of everything else the result depends on:
 * - the commit walked from and the window (which commits count, how far back last changes reach);
 * - the rules: fix pattern and exclusion, bots, stale_after, notebooks;
 * - the items' globs in order, the resolved items, the files tracked at the commit;
 * - mldebt's own history code (the modules of this directory, its cache/ and util/, by
 *   content, and the glob and pattern libraries' versions), so a new version never reads an
 *   old version's result.
 * A run that differs in any of them misses, computes, and leaves its own in its place. An
 * unreadable snapshot is ignored with a note, never trusted. It holds what the history cache
 * holds (paths, author emails, commit subjects), never file contents or config values.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../../model/index.js';
import { codeDigest } from '../../util/code-digest.js';
import type { CachePlace } from './cache/index.js';
import { ensurePrivateDir, writeAtomically } from './cache/private-files.js';
import type { GitCollection } from './index.js';

/** Every kept result's file ends so: `<key id>[.<slot>].snapshot`. */
export const SNAPSHOT_SUFFIX = '.snapshot';
/** Bumped when the file's layout changes. */
const SNAPSHOT_FORMAT = 3;
const MAGIC = `mldebt-history-snapshot ${SNAPSHOT_FORMAT} `;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The digest a snapshot must carry to stand for a pass with these inputs. */
export function snapshotDigest(inputs: unknown): string {
  return createHash('sha256')
    .update(codeDigest(['signals/git', 'signals/git/cache', 'util'], ['picomatch', 're2js']))
    .update('\0')
    .update(JSON.stringify(inputs))
    .digest('hex');
}

/**
 * Which runs a snapshot serves: an audit's one window, or a trend's several; or, in `state`,
 * what an audit's aggregators held, for a run on a later commit (see history-state.ts).
 */
export type SnapshotSlot = 'audit' | 'trend' | 'state';

function fileOf(place: CachePlace, slot: SnapshotSlot): string {
  return join(place.dir, `${place.key.id}${slot === 'audit' ? '' : `.${slot}`}${SNAPSHOT_SUFFIX}`);
}

/**
 * The pass's results (one per window) from the snapshot at `place`, when it carries
 * `digest`; null when there is none or it stands for other inputs. A file that cannot be
 * read back is reported in `notes` and ignored.
 */
export async function readSnapshot<T = GitCollection>(
  place: CachePlace,
  slot: SnapshotSlot,
  digest: string,
  notes: Diagnostic[],
): Promise<T[] | null> {
  let text: string;
  try {
    text = await readFile(fileOf(place, slot), 'utf8');
  } catch {
    return null;
  }
  // `<magic> <inputs digest>\n`, the body's line, the string table's line, then the digest
  // of those two lines (the writer learns it only at the end: it writes as it goes).
  const header = `${MAGIC}${digest}\n`;
  if (!text.startsWith(header)) return null;
  try {
    const digestStart = text.lastIndexOf('\n') + 1;
    const content = text.slice(header.length, digestStart);
    if (digestStart <= header.length || text.slice(digestStart) !== sha256(content)) {
      throw new Error('its content does not match its digest');
    }
    const bodyEnd = content.indexOf('\n');
    const table = JSON.parse(content.slice(bodyEnd + 1)) as unknown;
    if (!Array.isArray(table) || !table.every((s) => typeof s === 'string')) throw new Error();
    const kept = revive(JSON.parse(content.slice(0, bodyEnd)), table as string[]);
    if (!Array.isArray(kept)) throw new Error('not a list of results');
    return kept as T[];
  } catch {
    notes.push({
      code: 'cache-ignored',
      message: 'history snapshot ignored: it cannot be read back (it is rewritten by this run)',
    });
    return null;
  }
}

/** Leaves `collections` at `place` for the next run with the same `digest`. Never throws. */
export async function writeSnapshot(
  place: CachePlace,
  slot: SnapshotSlot,
  digest: string,
  collections: readonly object[],
): Promise<void> {
  try {
    await ensurePrivateDir(place.dir);
    await writeAtomically(fileOf(place, slot), {
      pieces: () => snapshotPieces(digest, collections),
    });
  } catch {
    // Not kept this time; the run goes on.
  }
}

/**
 * The snapshot's bytes, made as they are written: the body field by field (the same JSON as
 * the whole at once), each piece let go of before the next is made, so the largest thing
 * held is one field's text, not the file's, at the moment the run holds the most (the end of
 * the pass). The string table follows the body (it is complete only then), and the digest
 * of both comes last.
 */
function* snapshotPieces(digest: string, collections: readonly object[]): Generator<Buffer> {
  const table = new Map<string, number>();
  const replace = replacer(table);
  const content = createHash('sha256');
  const piece = (text: string, counted = true): Buffer => {
    const bytes = Buffer.from(text);
    if (counted) content.update(bytes);
    return bytes;
  };
  yield piece(`${MAGIC}${digest}\n`, false);
  yield piece('[');
  for (const [c, collection] of collections.entries()) {
    const fields = Object.entries(collection).filter(([, value]) => value !== undefined);
    yield piece(c === 0 ? '{' : ',{');
    for (const [f, [name, value]] of fields.entries()) {
      yield piece(`${f === 0 ? '' : ','}${JSON.stringify(name)}:${JSON.stringify(value, replace)}`);
    }
    yield piece('}');
  }
  yield piece(`]\n${JSON.stringify([...table.keys()])}\n`);
  yield piece(content.digest('hex'), false);
}

/**
 * Maps and sets as tagged arrays, in their insertion order (reports depend on it). A set's
 * strings (the authors of every file: the same few emails thousands of times) are numbers
 * into one table of strings, written before the body.
 */
function replacer(table: Map<string, number>) {
  const number = (text: string): number => {
    let n = table.get(text);
    if (n === undefined) table.set(text, (n = table.size));
    return n;
  };
  return (_key: string, value: unknown): unknown => {
    if (value instanceof Map) return { $map: [...value] };
    if (value instanceof Set) {
      const members = [...(value as Set<unknown>)];
      return members.every((m) => typeof m === 'string')
        ? { $strings: members.map(number) }
        : { $set: members };
    }
    return value;
  };
}

/**
 * Turns the tagged arrays back into maps and sets, in place, innermost first. A walk of the
 * parsed value rather than a reviver: JSON.parse calls a reviver for every value of the file
 * (every number and string too), which made reading a long history's snapshot take longer
 * than parsing it.
 */
function revive(value: unknown, table: readonly string[]): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i], table);
    return value;
  }
  const tagged = value as { $map?: unknown; $set?: unknown; $strings?: unknown };
  if (Array.isArray(tagged.$map)) {
    return new Map(
      tagged.$map.map((entry: unknown) => {
        if (!Array.isArray(entry) || entry.length !== 2) throw new Error('not a map entry');
        return [revive(entry[0], table), revive(entry[1], table)] as const;
      }),
    );
  }
  if (Array.isArray(tagged.$set)) return new Set(tagged.$set.map((m: unknown) => revive(m, table)));
  if (Array.isArray(tagged.$strings)) {
    return new Set(
      tagged.$strings.map((n: unknown) => {
        const text = typeof n === 'number' ? table[n] : undefined;
        if (text === undefined) throw new Error('a string the table does not hold');
        return text;
      }),
    );
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const revived = revive(record[key], table);
    if (revived === record[key]) continue;
    // A key named __proto__ is data here, as JSON.parse made it: defined, not assigned (an
    // assignment would set the prototype). Any other key is assigned, which keeps the object
    // in V8's fast mode (a defined property moves it to a slower dictionary).
    if (key === '__proto__') Object.defineProperty(record, key, { value: revived });
    else record[key] = revived;
  }
  return record;
}
