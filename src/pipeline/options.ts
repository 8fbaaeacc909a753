/**
 * What a caller asks of a run: the CLI's flags, or a program's options to the API. One type
 * for every command, so a flag, its option and its documentation cannot drift apart.
 */
export interface RunOptions {
  /** Directory relative paths are resolved against (the CLI passes process.cwd()). */
  cwd: string;
  /** `--repo`: default is the git top level of `cwd` (or of the `--config` file's directory). */
  repo?: string;
  /** `--config`: default is the first of debt.yaml, debt.yml, .mldebt.yaml in the repo root. */
  config?: string;
  /** `--since`: a duration (`90d`, `26w`, `12m`) or a date `YYYY-MM-DD`. */
  since?: string;
  /** `--until`: a date `YYYY-MM-DD` or a revision. */
  until?: string;
  /** `--category` / `--owner`: select the items ranked, totalled and gated (case-insensitive). */
  category?: string;
  owner?: string;
  /** `--no-line-churn`: skip `--numstat` (churn becomes null). */
  lineChurn?: boolean;
  /**
   * `--no-cache` (`false`): the history cache in the user's cache directory is neither read
   * nor written. Default: used.
   */
  cache?: boolean;
  /** `--strict`: a signal that could not be fully measured is an error. */
  strict?: boolean;
  /** `--coverage`: report files, relative to `cwd`; replaces `settings.coverage` (relative to the repo). */
  coverage?: string[];
  /**
   * `--incidents`: incident export files (CSV or JSON), relative to `cwd`; replaces
   * `settings.incidents` (relative to the repository).
   */
  incidents?: string[];
  /** `--fail-above` / `--fail-total-above`: override `settings.thresholds`. */
  failAbove?: number;
  failTotalAbove?: number;
  /** `--baseline <report.json>`: compare with a previous JSON report (deltas in every output). */
  baseline?: string;
  /** `--fail-on-increase`: the ratchet; needs a baseline. */
  failOnIncrease?: boolean;
  /** Progress of the history pass (commits read so far); the CLI uses it on a terminal only. */
  onProgress?: (commits: number) => void;
  /**
   * `--debug`: receives one line (no prefix, no newline) per phase of the run with its time
   * (`phase git 1.84 s`), and whatever else the passes report for debugging. What it receives
   * never enters a report.
   */
  onDebug?: (line: string) => void;
  /**
   * Notes about this machine rather than the repository (the history cache: a file ignored,
   * one evicted, a directory it cannot use), one line each. They never enter a report, which
   * must read the same on every machine; the CLI prints them on stderr unless `--quiet`.
   */
  onNotice?: (line: string) => void;
  /** Environment git runs with (PATH, HOME, config locations); default: this process's. */
  env?: NodeJS.ProcessEnv;
  /**
   * Score the inventory as it stood at the end of this day (`YYYY-MM-DD`): items created
   * after it left out, items resolved after it open. `trend` sets it for its past points.
   */
  asOf?: string;
}
