/**
 * Facts a check found in each file, kept in the user's cache directory beside the history
 * cache, so a later run reads only the files that changed: the Python scans of the practice
 * checks (practices/scan-cache.ts) and the config files' facts (config/facts-cache.ts).
 *
 * A file's entry is trusted only while the file's stamp (size, modification and
 * status-change times, inode; see util/file-stamp.ts) is the one it was read with; a
 * symbolic link has no stamp and is never kept. One file per repository and kind, named by
 * the repository's real path, the kind's layout and the digest of the code that makes the
 * facts, so a changed rule never meets facts an older one found.
 *
 * Like the history cache: `--no-cache` neither reads nor writes it, a directory inside the
 * repository is never used (mldebt never writes the repository), a file that does not parse
 * or is of another layout is ignored and rewritten, and a failed save is harmless. The
 * directory's size bound and eviction (git/cache/evict.ts) count these files too.
 */
import { createHash } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isStamp, sameStamp, type FileStamp } from '../util/file-stamp.js';
import { usableCacheDir } from './git/cache/location.js';
import type { GitDirectoryFacts } from './git/repo.js';
import { ensurePrivateDir, writeAtomically } from './git/cache/private-files.js';

/** One kind of kept facts: where they go, and how they are written and read back. */
export interface FactsKind<T> {
  /** The file's suffix in the cache directory (`scans`, `configs`). */
  suffix: string;
  /** Bumped whenever the layout changes (the code's digest is in the name by itself). */
  format: number;
  /** Digest of the code that makes the facts. */
  rules: () => string | Promise<string>;
  /** One file's facts as JSON can hold them (default: as they are). */
  toJson?: (facts: T) => unknown;
  /** One file's facts from JSON; null for anything else (the whole file is then ignored). */
  fromJson: (value: unknown, path: string) => T | null;
}

interface Entry<T> {
  stamp: FileStamp;
  facts: T;
}

export class StampedFacts<T> {
  private dirty = false;

  private constructor(
    private readonly kind: FactsKind<T>,
    private readonly file: string,
    private readonly entries: Map<string, Entry<T>>,
  ) {}

  /**
   * The repository's kept facts of this kind, or null when there is none to use: `enabled`
   * false (`--no-cache`), no cache directory in the environment, or one inside the repository.
   */
  static async open<T>(
    kind: FactsKind<T>,
    options: {
      root: string;
      env?: NodeJS.ProcessEnv;
      enabled: boolean;
      /** What git said of the repository as the run found it (absent: asked, if needed). */
      gitFacts?: GitDirectoryFacts;
    },
  ): Promise<StampedFacts<T> | null> {
    if (!options.enabled) return null;
    const root = await realpath(options.root).catch(() => options.root);
    const dir = await usableCacheDir(root, options.env, options.gitFacts);
    if (dir === null) return null;
    const id = createHash('sha256')
      .update(`mldebt-${kind.suffix}/${kind.format}\0${root}\0${await kind.rules()}`)
      .digest('hex');
    const file = join(dir, `${id}.${kind.suffix}`);
    return new StampedFacts(kind, file, await readEntries(kind, file));
  }

  /** The file's facts when its stamp is the one they were found with; else null. */
  lookup(path: string, stamp: FileStamp): T | null {
    const entry = this.entries.get(path);
    if (entry === undefined || !sameStamp(entry.stamp, stamp)) return null;
    return entry.facts;
  }

  put(path: string, stamp: FileStamp, facts: T): void {
    this.entries.set(path, { stamp, facts });
    this.dirty = true;
  }

  /**
   * Writes the entries of the files still in `listing` when any changed (atomically: a
   * temporary file renamed over it). Never throws: facts that cannot be written are facts
   * not kept this time.
   */
  async save(listing: ReadonlySet<string>): Promise<void> {
    if (!this.dirty) return;
    const toJson = this.kind.toJson ?? ((facts: T) => facts);
    const entries = [...this.entries]
      .filter(([path]) => listing.has(path))
      .map(([path, { stamp, facts }]) => [path, stamp, toJson(facts)]);
    const text = Buffer.from(JSON.stringify({ format: this.kind.format, entries }));
    try {
      // The history cache's own directory rules and write: private, and all or nothing.
      await ensurePrivateDir(dirname(this.file));
      await writeAtomically(this.file, { pieces: () => [text] });
      this.dirty = false;
    } catch {
      // Not kept this time; the run goes on.
    }
  }
}

/** The entries of a file; none when it is missing, does not parse or is of another layout. */
async function readEntries<T>(kind: FactsKind<T>, file: string): Promise<Map<string, Entry<T>>> {
  const entries = new Map<string, Entry<T>>();
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return entries;
  }
  if (!isRecord(data) || data.format !== kind.format || !Array.isArray(data.entries)) {
    return entries;
  }
  for (const row of data.entries) {
    if (!Array.isArray(row) || row.length !== 3) return new Map();
    const [path, stamp, json] = row as [unknown, unknown, unknown];
    const facts = typeof path === 'string' ? kind.fromJson(json, path) : null;
    if (typeof path !== 'string' || !isStamp(stamp) || facts === null) return new Map();
    entries.set(path, { stamp, facts });
  }
  return entries;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
