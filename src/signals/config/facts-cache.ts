/**
 * The warm cache of config files' facts: what the config checks learned of each file that
 * parsed or failed to (its secret-like keys with their lines, its key paths for drift, or
 * the line where it broke), kept in the user's cache directory beside the history cache, so
 * a later run reads and parses only the config files that changed. On a repository with many
 * YAML files this is most of what a warm audit spent on config.
 *
 * It holds what reports print anyway, never a value: findings name a key and a line, never
 * what is under it, and a parse failure carries the line and mldebt's own words, never the
 * parser's message (which quotes the source). A file's entry is trusted only while its
 * stamp (size, modification and status-change times, inode) is the one it was read with; a
 * symbolic link, or a file that was skipped (too large, binary, unreadable), is never cached.
 *
 * Like the Python scans: `--no-cache` neither reads nor writes it, a directory inside the
 * repository is never used, a file that does not parse or is of another format is ignored
 * and rewritten, a failed save is harmless, and the directory's size bound counts it. Its key
 * holds the config checks' own code and the parsers' versions, so a changed rule never meets
 * facts an older one found.
 */
import { createHash } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ConfigFinding } from '../../model/index.js';
import { codeDigest } from '../../util/code-digest.js';
import { isStamp, sameStamp, type FileStamp } from '../../util/file-stamp.js';
import { usableCacheDir } from '../git/cache/location.js';
import { ensurePrivateDir, writeAtomically } from '../git/cache/private-files.js';
import { CONFIG_TYPE_NAMES, type ConfigType } from './config-types.js';
import type { DocumentKeys } from './key-paths.js';

/** Bumped whenever the file's layout changes (the checks' code is in the key by itself). */
const FORMAT = 1;

/** What the config checks need of one file, once read. */
export type ConfigFileFacts =
  | {
      state: 'parsed';
      /** Its hardcoded-secret findings, in file order. */
      secrets: ConfigFinding[];
      /** Its keys as drift compares them; null when the document is not a mapping. */
      keys: DocumentKeys | null;
    }
  | { state: 'unparsable'; type: ConfigType; line: number | null; reason?: string };

interface Entry {
  stamp: FileStamp;
  facts: ConfigFileFacts;
}

export class ConfigFactsCache {
  private dirty = false;

  private constructor(
    private readonly file: string,
    private readonly entries: Map<string, Entry>,
  ) {}

  /**
   * The repository's cache of config facts, or null when there is none to use: `enabled`
   * false (`--no-cache`), no cache directory in the environment, or one inside the repository.
   */
  static async open(options: {
    root: string;
    env?: NodeJS.ProcessEnv;
    enabled: boolean;
  }): Promise<ConfigFactsCache | null> {
    if (!options.enabled) return null;
    const root = await realpath(options.root).catch(() => options.root);
    const dir = await usableCacheDir(root, options.env);
    if (dir === null) return null;
    const rules = codeDigest(
      ['signals/config', 'signals/config/parse', 'util'],
      ['yaml', 'smol-toml', 'ini', 'dotenv', 'dot-properties'],
    );
    const id = createHash('sha256')
      .update(`mldebt-configs/${FORMAT}\0${root}\0${rules}`)
      .digest('hex');
    const file = join(dir, `${id}.configs`);
    return new ConfigFactsCache(file, await readEntries(file));
  }

  /** The file's facts when its stamp is the one they were found with; else null. */
  lookup(path: string, stamp: FileStamp): ConfigFileFacts | null {
    const entry = this.entries.get(path);
    if (entry === undefined || !sameStamp(entry.stamp, stamp)) return null;
    return entry.facts;
  }

  put(path: string, stamp: FileStamp, facts: ConfigFileFacts): void {
    this.entries.set(path, { stamp, facts });
    this.dirty = true;
  }

  /**
   * Writes the entries of the files still in `listing` when any changed (atomically). Never
   * throws: a cache that cannot be written is a cache not used next time.
   */
  async save(listing: ReadonlySet<string>): Promise<void> {
    if (!this.dirty) return;
    const entries = [...this.entries]
      .filter(([path]) => listing.has(path))
      .map(([path, { stamp, facts }]) => [path, stamp, toJson(facts)]);
    const text = Buffer.from(JSON.stringify({ format: FORMAT, entries }));
    try {
      await ensurePrivateDir(dirname(this.file));
      await writeAtomically(this.file, { pieces: () => [text] });
      this.dirty = false;
    } catch {
      // Not cached this time; the run goes on.
    }
  }
}

function toJson(facts: ConfigFileFacts): unknown {
  if (facts.state !== 'parsed' || facts.keys === null) return facts;
  const { leaves, interior } = facts.keys;
  return { ...facts, keys: { leaves: [...leaves], interior: [...interior] } };
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
  if (!isRecord(data) || data.format !== FORMAT || !Array.isArray(data.entries)) return entries;
  for (const row of data.entries) {
    if (!Array.isArray(row) || row.length !== 3) return new Map();
    const [path, stamp, json] = row as [unknown, unknown, unknown];
    const facts = typeof path === 'string' ? factsOf(json, path) : null;
    if (typeof path !== 'string' || !isStamp(stamp) || facts === null) return new Map();
    entries.set(path, { stamp, facts });
  }
  return entries;
}

/** Facts of the right shape for `path` (written by this format, not a stranger's), or null. */
function factsOf(value: unknown, path: string): ConfigFileFacts | null {
  if (!isRecord(value)) return null;
  if (value.state === 'unparsable') {
    const { type, line, reason } = value;
    if (typeof type !== 'string' || !Object.hasOwn(CONFIG_TYPE_NAMES, type)) return null;
    if (line !== null && typeof line !== 'number') return null;
    if (reason !== undefined && typeof reason !== 'string') return null;
    return {
      state: 'unparsable',
      type: type as ConfigType,
      line,
      ...(reason === undefined ? {} : { reason }),
    };
  }
  if (value.state !== 'parsed' || !Array.isArray(value.secrets)) return null;
  const secrets = value.secrets as unknown[];
  if (!secrets.every((f) => isSecretFinding(f, path))) return null;
  if (value.keys === null)
    return { state: 'parsed', secrets: secrets as ConfigFinding[], keys: null };
  const keys = value.keys;
  if (!isRecord(keys) || !Array.isArray(keys.leaves) || !Array.isArray(keys.interior)) return null;
  const leaves = keys.leaves as unknown[];
  const interior = keys.interior as unknown[];
  const pair = (p: unknown) =>
    Array.isArray(p) && p.length === 2 && p.every((s) => typeof s === 'string');
  if (!leaves.every(pair) || !interior.every((s) => typeof s === 'string')) return null;
  return {
    state: 'parsed',
    secrets: secrets as ConfigFinding[],
    keys: {
      leaves: new Map(leaves as [string, string][]),
      interior: new Set(interior as string[]),
    },
  };
}

function isSecretFinding(value: unknown, path: string): boolean {
  return (
    isRecord(value) &&
    value.kind === 'secret' &&
    value.file === path &&
    (value.line === null || typeof value.line === 'number') &&
    typeof value.key === 'string' &&
    typeof value.detail === 'string'
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
