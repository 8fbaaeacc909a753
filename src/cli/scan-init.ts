/**
 * `scan` and `init` once argv is parsed: call the API, render or write, return the exit code.
 */
import { EXIT, init, renderScan, scan, type ScanFormat } from '../index.js';
import { plural } from '../util/text.js';
import { deliver, gitDirectoriesOf, writeWarnings, type CommonOptions } from './commands.js';
import { PhaseTimer } from '../util/phase-timer.js';
import { debugSink, noticeSink, terminalProgress, useColor, type CliIo } from './io.js';
import { resolveOutputTarget } from './write-output.js';

export interface ScanCliOptions extends Omit<CommonOptions, 'category' | 'owner'> {
  format: ScanFormat;
  output?: string;
  top: number;
}

export interface InitCliOptions extends Omit<CommonOptions, 'category' | 'owner' | 'strict'> {
  force?: boolean;
  append?: boolean;
  top?: number;
}

/** `scan`: render to stdout (or `--output`); warnings on stderr unless the table shows them. */
export async function runScan(opts: ScanCliOptions, io: CliIo): Promise<number> {
  const progress = terminalProgress(io, opts);
  let result: Awaited<ReturnType<typeof scan>>;
  try {
    result = await scan({
      ...opts,
      cwd: io.cwd,
      env: io.env,
      onProgress: progress.onProgress,
      onNotice: noticeSink(io, opts),
      onDebug: debugSink(io, opts),
    });
  } finally {
    progress.done();
  }
  const { report } = result;
  const target =
    opts.output === undefined
      ? ({ kind: 'stdout' } as const)
      : await resolveOutputTarget(opts.output, io.cwd, {
          ...(result.inventoryPath !== null ? { inventory: result.inventoryPath } : {}),
          gitDirectories: await gitDirectoriesOf(result.root, report.repository.git, io),
        });
  const toStdout = target.kind === 'stdout';
  const content = await new PhaseTimer(debugSink(io, opts)).time('render', () =>
    renderScan(report, opts.format, { color: toStdout && useColor(io, opts), top: opts.top }),
  );
  if ((await deliver(target, content, io)) && !opts.quiet) {
    io.stderr.write(`mldebt: wrote ${opts.output}\n`);
  }
  if (!(opts.format === 'table' && toStdout)) await writeWarnings(report.warnings, io, opts);
  return EXIT.ok;
}

/**
 * `init`: write the starter inventory (or the appended one) atomically, and say what it
 * holds; with nothing to append, say so and write nothing.
 */
export async function runInit(opts: InitCliOptions, io: CliIo): Promise<number> {
  const progress = terminalProgress(io, opts);
  let result: Awaited<ReturnType<typeof init>>;
  try {
    result = await init({ ...opts, cwd: io.cwd, env: io.env, onProgress: progress.onProgress });
  } finally {
    progress.done();
  }
  const { report } = result.scan;
  await writeWarnings(report.warnings, io, opts);
  if (result.content === null) {
    io.stderr.write(
      `mldebt: nothing to add to ${result.display}: every hotspot is covered by one of its items\n`,
    );
    return EXIT.ok;
  }
  const target = await resolveOutputTarget(result.path, io.cwd, {
    gitDirectories: await gitDirectoriesOf(result.scan.root, report.repository.git, io),
  });
  await deliver(target, result.content, io);
  if (opts.quiet) return EXIT.ok;
  const listed = result.suggestions.map((s) => `  ${s.id} ${s.category} ${s.paths.join(' ')}`);
  const what = plural(result.suggestions.length, 'suggested item');
  io.stderr.write(
    (result.appended
      ? `mldebt: added ${what} to ${result.display}\n`
      : `mldebt: wrote ${result.display} with ${what}\n`) +
      listed.map((line) => `${line}\n`).join('') +
      'mldebt: review them (each is marked "suggested by mldebt init"), then run mldebt audit\n',
  );
  return EXIT.ok;
}
