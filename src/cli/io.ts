/**
 * The streams, environment and directory a command line runs with, and what they decide:
 * whether colors are on, whether a progress counter may be drawn.
 */
import type { StreamWriter, WritableOutput } from './stream-writer.js';

/** What a run is given: the process's streams, environment and directory (or fakes). */
export interface Io {
  stdout: WritableOutput;
  stderr: WritableOutput;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** What the commands write through: the streams wrapped so every write is accounted for. */
export interface CliIo {
  stdout: StreamWriter;
  stderr: StreamWriter;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Colors only on a terminal, never with NO_COLOR or --no-color; FORCE_COLOR forces them. */
export function useColor(io: CliIo, opts: { color?: boolean }): boolean {
  if (opts.color === false) return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (
    io.env.FORCE_COLOR !== undefined &&
    io.env.FORCE_COLOR !== '0' &&
    io.env.FORCE_COLOR !== 'false'
  )
    return true;
  return Boolean(io.stdout.isTTY);
}

/** The two colours of stderr's lines. */
export interface StderrColors {
  yellow(text: string): string;
  red(text: string): string;
}

const PLAIN: StderrColors = { yellow: (text) => text, red: (text) => text };

/**
 * Yellow (warnings) and red (errors) for stderr on a terminal, else the text as it is: chalk
 * is loaded only for a terminal (a run in CI or into a pipe colours nothing).
 */
export async function stderrColors(io: CliIo, opts: { color?: boolean }): Promise<StderrColors> {
  if (!useColor({ ...io, stdout: io.stderr }, opts)) return PLAIN;
  const { Chalk } = await import('chalk');
  return new Chalk({ level: 1 });
}

/**
 * A one-line progress counter on stderr, only when stderr is a terminal (never in CI logs or
 * pipes) and not --quiet; `done()` erases it so the report starts on a clean line.
 */
export function terminalProgress(
  io: CliIo,
  opts: { quiet?: boolean },
): { onProgress?: (n: number) => void; done: () => void } {
  if (!io.stderr.isTTY || opts.quiet) return { done: () => undefined };
  let shown = false;
  return {
    onProgress: (n) => {
      shown = true;
      io.stderr.write(`\r\u001b[2Kmldebt: reading history… ${n.toLocaleString('en-US')} commits`);
    },
    done: () => {
      if (shown) io.stderr.write('\r\u001b[2K');
    },
  };
}

/**
 * `--debug`'s channel: each line the run reports (phase times, the pass's plan) on stderr
 * with the prefix every stderr line carries; undefined without `--debug`, so nothing is timed.
 */
/** Where machine notes (the history cache's) go: stderr, unless `--quiet`. */
export function noticeSink(io: CliIo, opts: { quiet?: boolean }): (line: string) => void {
  return (line) => {
    if (!opts.quiet) io.stderr.write(`mldebt: note: ${line}\n`);
  };
}

export function debugSink(
  io: CliIo,
  opts: { debug?: boolean },
): ((line: string) => void) | undefined {
  if (!opts.debug) return undefined;
  return (line) => io.stderr.write(`mldebt: ${line}\n`);
}
