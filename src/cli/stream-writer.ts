/**
 * Standard output and error as the CLI writes them. Every write is acknowledged through its
 * callback, so `flush()` can wait until the report is handed to the operating system before
 * the exit code is decided, and every failure has an owner instead of becoming Node's
 * unhandled 'error' event (a stack trace and exit 1, which CI reads as "gate failed").
 *
 * A reader that closes its end early (`mldebt audit | head -c1`) chose to stop reading: the
 * rest of the output is dropped and nothing is reported. Any other failure (a full device,
 * an I/O error) means the output was lost, which `flush()` turns into a one-line exit 2 for
 * standard output; for standard error there is nowhere left to say it, so it is dropped.
 */
import { UserError } from '../errors.js';
import { describeFsError } from '../util/fs-errors.js';

/**
 * The part of a Node writable stream the CLI needs. Tests pass in-memory objects: one
 * without `on` cannot report a failure later, so its write is complete when `write` returns,
 * whether or not it calls the callback.
 */
export interface WritableOutput {
  write(chunk: string, callback?: (error?: Error | null) => void): boolean;
  on?(event: 'error', listener: (error: Error) => void): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Codes meaning the reader went away: EPIPE on a pipe, ECONNRESET on a socket. */
const READER_GONE = new Set(['EPIPE', 'ECONNRESET', 'ERR_STREAM_DESTROYED']);

/** One standard stream; see the module comment for what happens to failures. */
export class StreamWriter {
  private pending: Promise<void>[] = [];
  /** The first failure, wrapped so that even `throw undefined` counts as one. */
  private failure: { error: unknown } | null = null;
  private readerGone = false;
  private reported = false;

  /**
   * @param stream the process stream (or an in-memory one in tests)
   * @param what what a failure was losing, for the message: "the report to standard output"
   * @param failuresMatter false for standard error, whose failures cannot be reported anywhere
   */
  constructor(
    private readonly stream: WritableOutput,
    private readonly what: string,
    private readonly failuresMatter: boolean,
  ) {
    // Node emits 'error' as well as calling the write callback; without a listener that event
    // alone would crash the process.
    stream.on?.('error', (error) => this.record(error));
  }

  get isTTY(): boolean {
    return Boolean(this.stream.isTTY);
  }

  /** Terminal width, when the stream is a terminal. */
  get columns(): number | undefined {
    return this.stream.columns;
  }

  /** Queues `text`; never throws. After a failure or a closed reader, writes are dropped. */
  write(text: string): void {
    if (this.readerGone || this.failure !== null) return;
    this.pending.push(
      new Promise<void>((resolve) => {
        try {
          this.stream.write(text, (error) => {
            if (error) this.record(error);
            resolve();
          });
          if (typeof this.stream.on !== 'function') resolve();
        } catch (error) {
          this.record(error);
          resolve();
        }
      }),
    );
  }

  /**
   * Resolves once every write so far is acknowledged.
   *
   * @throws UserError ("cannot write the report to standard output: no space left on the
   *   device") when output was lost for any reason other than the reader closing its end,
   *   and failures matter for this stream.
   */
  async flush(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    await Promise.all(pending);
    if (this.failure !== null && this.failuresMatter && !this.reported) {
      // Reported once: a later flush (after the error line went to stderr) succeeds.
      this.reported = true;
      throw new UserError(`cannot write ${this.what}: ${describeFsError(this.failure.error)}`);
    }
  }

  private record(error: unknown): void {
    if (this.readerGone || this.failure !== null) return;
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code !== undefined && READER_GONE.has(code)) this.readerGone = true;
    else this.failure = { error };
  }
}

/** The standard streams of one run: output that matters, and diagnostics. */
export function standardStreams(
  stdout: WritableOutput,
  stderr: WritableOutput,
): { stdout: StreamWriter; stderr: StreamWriter } {
  return {
    stdout: new StreamWriter(stdout, 'the report to standard output', true),
    stderr: new StreamWriter(stderr, 'to standard error', false),
  };
}
