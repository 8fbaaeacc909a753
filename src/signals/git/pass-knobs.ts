/**
 * The history pass's testing and benchmarking knobs, read from the run's environment. They
 * are checked before any git runs, whether or not the pass's result is read back from an
 * earlier run: a knob that cannot mean what was typed is an error, never silently ignored.
 * Kept apart from the pass itself so that checking them loads none of it.
 */
import { UserError } from '../../errors.js';

/** The testing and benchmarking knob: a forced shard count (see {@link forcedShards}). */
export const SHARDS_VARIABLE = 'MLDEBT_SHARDS';
const MAX_FORCED_SHARDS = 64;

/**
 * The shard count `MLDEBT_SHARDS` forces, or null when it is unset or empty. A knob for
 * tests (sharded output must equal the single pass's on small repositories) and for
 * benchmarks (1 vs 2 shards), not a setting: the automatic plan is the one to use.
 * @throws UserError when it is not a whole number from 1 to 64
 */
export function forcedShards(env: NodeJS.ProcessEnv = process.env): number | null {
  const raw = env[SHARDS_VARIABLE];
  if (raw === undefined || raw.trim() === '') return null;
  const value = raw.trim();
  if (!/^[0-9]+$/.test(value) || Number(value) < 1 || Number(value) > MAX_FORCED_SHARDS) {
    throw new UserError(
      `${SHARDS_VARIABLE} (a testing and benchmarking knob) must be a whole number of history ` +
        `shards from 1 to ${MAX_FORCED_SHARDS}, or unset`,
    );
  }
  return Number(value);
}

/** The testing and benchmarking knob: `all` reads churn for every path, whatever the globs. */
export const CHURN_SCOPE_VARIABLE = 'MLDEBT_CHURN_SCOPE';

/**
 * Whether `MLDEBT_CHURN_SCOPE` asks for churn on every path. A knob for tests and benchmarks
 * (the same audit with and without the scope must be byte-identical), not a setting.
 * @throws UserError for a value other than `all` (or unset/empty): a knob that cannot mean
 *   what was typed must not be silently ignored
 */
export function churnForAllPaths(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env[CHURN_SCOPE_VARIABLE]?.trim() ?? '';
  if (value === '') return false;
  if (value === 'all') return true;
  throw new UserError(
    `${CHURN_SCOPE_VARIABLE} (a testing and benchmarking knob) must be "all" (line churn read ` +
      'for every path) or unset',
  );
}
