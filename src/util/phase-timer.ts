/**
 * `--debug`'s phase times: how long each phase of a run took (resolving the context, the
 * history pass, each collector, scoring, rendering), one line each through the run's
 * `onDebug` channel.
 *
 * Timing is a side channel only: nothing measured here is returned to the pipeline, so a
 * report is byte-identical with and without `--debug`. Without a sink nothing is timed at
 * all. Phases may overlap (collectors run side by side): each line is that phase's own span,
 * from its start to its end, not a share of the total.
 */

/** Receives one line of debug output (no prefix, no newline). */
export type DebugSink = (line: string) => void;

/** The line `--debug` prints for a phase: `phase git 1.84 s`. */
export function formatPhase(phase: string, milliseconds: number): string {
  return `phase ${phase} ${(milliseconds / 1000).toFixed(2)} s`;
}

export class PhaseTimer {
  /**
   * @param sink where each phase's line goes; undefined: nothing is timed
   * @param now a monotonic clock in milliseconds (tests pass their own)
   */
  constructor(
    private readonly sink: DebugSink | undefined,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Whether phases are reported at all. */
  get enabled(): boolean {
    return this.sink !== undefined;
  }

  /**
   * Runs `work` and reports its span as `phase` once it succeeds. A failed phase reports
   * nothing: its error is the run's last word, and a time would come between it and the user.
   */
  async time<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const sink = this.sink;
    if (sink === undefined) return work();
    const start = this.now();
    const result = await work();
    sink(formatPhase(phase, this.now() - start));
    return result;
  }

  /** {@link time} for synchronous work. */
  timeSync<T>(phase: string, work: () => T): T {
    const sink = this.sink;
    if (sink === undefined) return work();
    const start = this.now();
    const result = work();
    sink(formatPhase(phase, this.now() - start));
    return result;
  }
}
