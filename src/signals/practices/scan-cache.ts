/**
 * The warm cache of Python scans: what the practice rules read of each Python file (its
 * imports of listed libraries, its roles, its literal hyperparameters in training and serving
 * code), kept in the user's cache directory beside the history cache, so a later run reads
 * and tokenizes only the files that changed.
 *
 * A file's entry is trusted only while the file's size, modification time, status-change
 * time and inode are the same as when it was read (its status-change time moves on any
 * write, whatever the modification time is set back to); a symbolic link is never cached
 * (where it leads may change under the same link). The cache never holds a file's text: only
 * module names, role flags and the literal hyperparameters a finding names anyway.
 *
 * Like the history cache: `--no-cache` neither reads nor writes it, a directory inside the
 * repository is never used (mldebt never writes the repository), a file that does not parse
 * or is of another format is ignored and rewritten, and a failed save is harmless. The
 * directory's size bound and eviction (cache/evict.ts) count these files too.
 */
import { createHash } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isStamp, sameStamp, type FileStamp } from '../../util/file-stamp.js';
import { usableCacheDir } from '../git/cache/location.js';
import { ensurePrivateDir, writeAtomically } from '../git/cache/private-files.js';
import type { PythonFileScan } from './scan-python.js';

/** Bumped whenever the file's layout changes (the rules' code is in the key by itself). */
export const SCAN_CACHE_FORMAT = 1;

/**
 * The modules whose code decides a scan: their text is part of the cache's key, so a changed
 * rule (a new hyperparameter name, a tokenizer fix) never meets scans made by the old one.
 */
const RULE_MODULES = [
  'scan-python',
  'python-tokens',
  'python-imports',
  'python-magic',
  'code-roles',
  'practice-libraries',
  'notebook-code',
];

let rulesDigest: Promise<string> | undefined;

/** A digest of {@link RULE_MODULES}' own files (as built, or as sources under test). */
export function scanRulesDigest(): Promise<string> {
  rulesDigest ??= (async () => {
    const hash = createHash('sha256');
    const here = new URL('.', import.meta.url);
    const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
    for (const name of RULE_MODULES) {
      hash.update(await readFile(new URL(`${name}.${extension}`, here)));
    }
    return hash.digest('hex');
  })();
  return rulesDigest;
}

interface Entry {
  stamp: FileStamp;
  scan: PythonFileScan;
}

export class ScanCache {
  private dirty = false;

  private constructor(
    private readonly file: string,
    private readonly entries: Map<string, Entry>,
  ) {}

  /**
   * The repository's scan cache, or null when there is none to use: `enabled` false
   * (`--no-cache`), no cache directory in the environment, or one inside the repository.
   * Its key is the repository's real path and the rules' code ({@link scanRulesDigest}).
   */
  static async open(options: {
    root: string;
    env?: NodeJS.ProcessEnv;
    enabled: boolean;
  }): Promise<ScanCache | null> {
    if (!options.enabled) return null;
    const root = await realpath(options.root).catch(() => options.root);
    const dir = await usableCacheDir(root, options.env);
    if (dir === null) return null;
    const id = createHash('sha256')
      .update(`mldebt-scans/${SCAN_CACHE_FORMAT}\0${root}\0${await scanRulesDigest()}`)
      .digest('hex');
    const file = join(dir, `${id}.scans`);
    return new ScanCache(file, await readEntries(file));
  }

  /** The file's scan when its stamp is the one it was scanned with; else null. */
  lookup(path: string, stamp: FileStamp): PythonFileScan | null {
    const entry = this.entries.get(path);
    if (entry === undefined || !sameStamp(entry.stamp, stamp)) return null;
    return entry.scan;
  }

  put(path: string, stamp: FileStamp, scan: PythonFileScan): void {
    this.entries.set(path, { stamp, scan });
    this.dirty = true;
  }

  /**
   * Writes the entries of the files still in `listing` when any changed (atomically: a
   * temporary file renamed over it). Never throws: a cache that cannot be written is a
   * cache not used next time.
   */
  async save(listing: ReadonlySet<string>): Promise<void> {
    if (!this.dirty) return;
    const entries = [...this.entries]
      .filter(([path]) => listing.has(path))
      .map(([path, { stamp, scan }]) => [path, stamp, scan]);
    const text = Buffer.from(JSON.stringify({ format: SCAN_CACHE_FORMAT, entries }));
    try {
      // The history cache's own directory rules and write: private, and all or nothing.
      await ensurePrivateDir(dirname(this.file));
      await writeAtomically(this.file, { pieces: () => [text] });
      this.dirty = false;
    } catch {
      // Not cached this time; the run goes on.
    }
  }
}

/** The entries of a cache file; none when it is missing, does not parse or is of another format. */
async function readEntries(file: string): Promise<Map<string, Entry>> {
  const entries = new Map<string, Entry>();
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return entries;
  }
  if (!isRecord(data) || data.format !== SCAN_CACHE_FORMAT || !Array.isArray(data.entries)) {
    return entries;
  }
  for (const row of data.entries) {
    if (!Array.isArray(row) || row.length !== 3) return new Map();
    const [path, stamp, scan] = row as [unknown, unknown, unknown];
    if (typeof path !== 'string' || !isStamp(stamp) || !isScan(scan, path)) return new Map();
    entries.set(path, { stamp, scan });
  }
  return entries;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A scan of the right shape for `path` (a file written by this format, not a stranger's). */
function isScan(value: unknown, path: string): value is PythonFileScan {
  if (!isRecord(value) || value.path !== path) return false;
  const roles = value.roles;
  return (
    Array.isArray(value.imports) &&
    value.imports.every((m) => typeof m === 'string') &&
    Array.isArray(value.magic) &&
    value.magic.every(
      (m) =>
        isRecord(m) &&
        typeof m.name === 'string' &&
        typeof m.value === 'string' &&
        typeof m.line === 'number' &&
        typeof m.form === 'string',
    ) &&
    isRecord(roles) &&
    ['training', 'dataLoading', 'serving'].every((key) => typeof roles[key] === 'boolean') &&
    (value.magicCells === null ||
      (Array.isArray(value.magicCells) && value.magicCells.every((c) => typeof c === 'number')))
  );
}
