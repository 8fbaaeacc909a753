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
 * How they are kept, named and trusted is stamped-facts.ts's, as for the Python scans; their
 * code digest holds the config checks' own code and the parsers' versions.
 */
import type { ConfigFinding } from '../../model/index.js';
import { codeDigest } from '../../util/code-digest.js';
import { isRecord, type FactsKind, type StampedFacts } from '../stamped-facts.js';
import { CONFIG_TYPE_NAMES, type ConfigType } from './config-types.js';
import type { DocumentKeys } from './key-paths.js';

/** What the config checks need of one file, once read. */
export type ConfigFileFacts =
  | {
      state: 'parsed';
      /** Its hardcoded-secret findings, in file order. */
      secrets: ConfigFinding[];
      /**
       * Its keys as drift compares them; null when the document is not a mapping or the file
       * is named for no environment (drift compares no other file).
       */
      keys: DocumentKeys | null;
    }
  | { state: 'unparsable'; type: ConfigType; line: number | null; reason?: string };

export type ConfigFactsCache = StampedFacts<ConfigFileFacts>;

/** The config files' facts as kept facts (open them with `StampedFacts.open`). */
export const CONFIG_FACTS: FactsKind<ConfigFileFacts> = {
  suffix: 'configs',
  format: 1,
  rules: () =>
    codeDigest(
      ['signals/config', 'signals/config/parse', 'util'],
      ['yaml', 'smol-toml', 'ini', 'dotenv', 'dot-properties'],
    ),
  toJson: (facts) => {
    if (facts.state !== 'parsed' || facts.keys === null) return facts;
    const { leaves, interior } = facts.keys;
    return { ...facts, keys: { leaves: [...leaves], interior: [...interior] } };
  },
  fromJson: factsOf,
};

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
