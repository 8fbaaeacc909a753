/**
 * `merge` once argv is parsed: read and merge the reports, render the portfolio, write it to
 * stdout or `--output`, and return the exit code. The projects' own gates are reported, not
 * applied: merge exits 0 whatever they concluded (each project's CI job already did).
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';
import {
  EXIT,
  merge,
  portfolioWarningLines,
  renderPortfolio,
  type PortfolioFormat,
} from '../index.js';
import { deliver, writeWarnings } from './commands.js';
import { useColor, type CliIo } from './io.js';
import { resolveOutputTarget } from './write-output.js';

export interface MergeCliOptions {
  format: PortfolioFormat;
  output?: string;
  top?: number;
  color?: boolean;
  quiet?: boolean;
  debug?: boolean;
}

export async function runMerge(files: string[], opts: MergeCliOptions, io: CliIo): Promise<number> {
  const { portfolio } = await merge({ files, cwd: io.cwd });
  const target =
    opts.output === undefined
      ? ({ kind: 'stdout' } as const)
      : await resolveOutputTarget(opts.output, io.cwd, { gitDirectories: [] });
  if (target.kind === 'file') await refuseOverwritingInput(target.path, opts.output!, files, io);
  const toStdout = target.kind === 'stdout';
  const content = await renderPortfolio(portfolio, opts.format, {
    color: toStdout && useColor(io, opts),
    top: opts.top,
  });
  if ((await deliver(target, content, io)) && !opts.quiet) {
    io.stderr.write(
      `mldebt: wrote ${opts.output} (${opts.format}, ${portfolio.totals.projects} projects, ` +
        `${portfolio.totals.items} items, total ${portfolio.totals.score.toFixed(1)})\n`,
    );
  }
  // The table on a terminal lists the warnings itself; every other destination gets them here.
  if (!(opts.format === 'table' && toStdout)) {
    await writeWarnings(
      portfolioWarningLines(portfolio).map((message) => ({ code: 'portfolio-warning', message })),
      io,
      opts,
    );
  }
  return EXIT.ok;
}

/**
 * The portfolio must not replace one of the reports it was made from: the next merge would
 * find a portfolio where a report was, and that project's report would be gone.
 */
async function refuseOverwritingInput(
  path: string,
  shown: string,
  files: string[],
  io: CliIo,
): Promise<void> {
  const output = await stat(path).catch(() => null);
  if (output === null) return;
  for (const file of files) {
    const input = await stat(resolve(io.cwd, file)).catch(() => null);
    if (input !== null && input.dev === output.dev && input.ino === output.ino) {
      throw new UserError(
        `cannot write ${shown}: it is the report ${file} (choose another --output)`,
      );
    }
  }
}
