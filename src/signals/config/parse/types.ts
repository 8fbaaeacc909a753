/** What every format's parser returns: the document as data plus where its keys are. */
import type { LineIndex } from '../key-paths.js';

export interface ParsedConfig {
  /** The document: mappings as plain objects, lists as arrays, scalars as they parse. */
  value: unknown;
  /** Where each key path is written. */
  lines: LineIndex;
  /** Paths (see `pathKey`) whose value is marked as an environment lookup (YAML `!ENV`). */
  envLookups: ReadonlySet<string>;
}

/**
 * A parse that failed: the line where it broke, when known. Deliberately no message: parsers
 * quote the source in theirs, and the source may hold a secret.
 */
export interface ParseFailure {
  line: number | null;
  /** Our own words for a failure other than a syntax error (a limit that was hit). */
  reason?: string;
}

export type ParseResult = { ok: true; parsed: ParsedConfig } | { ok: false; failure: ParseFailure };

export const NO_ENV_LOOKUPS: ReadonlySet<string> = new Set();
