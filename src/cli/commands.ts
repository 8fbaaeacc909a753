/**
 * What each command does once argv is parsed: call the programmatic pipeline, pick the
 * renderer, write, and return the exit code.
 */
import { join } from 'node:path';
// Each from its own module, not the API's index: that would load every command (and the
// YAML and schema libraries) on every run. The commands other than `audit` and `export` are
// imported when they run, for that reason.
import { audit, type AuditResult } from '../commands/audit.js';
import { EXIT } from '../errors.js';
import { formatProblem } from '../inventory/problems.js';
import type { Diagnostic, Report } from '../model/index.js';
import type { RunOptions } from '../pipeline/options.js';
import type { PlanFormat } from '../report/plan/index.js';
import { renderReport, type OutputFormat } from '../report/registry.js';
import type { TrendFormat } from '../report/trend/index.js';
import { readGitDirectories } from '../signals/git/repo.js';
import { plural } from '../util/text.js';
import {
  debugSink,
  noticeSink,
  stderrColors,
  terminalProgress,
  useColor,
  type CliIo,
} from './io.js';
import { PhaseTimer } from '../util/phase-timer.js';
import { resolveOutputTarget, writeToTarget, type OutputTarget } from './write-output.js';

/** Options every command takes: the pipeline's own, plus how output looks. */
export interface CommonOptions extends Omit<
  RunOptions,
  'cwd' | 'onProgress' | 'onDebug' | 'onNotice' | 'env'
> {
  color?: boolean;
  quiet?: boolean;
  debug?: boolean;
}

/** Options of the commands that produce a report (`audit`, `export`). */
export interface ReportOptions extends CommonOptions {
  format: OutputFormat;
  output?: string;
  top?: number;
  exitZero?: boolean;
}

/** Options of `trend`: no gate, no baseline, its own formats. */
export interface TrendCliOptions extends CommonOptions {
  format: TrendFormat;
  output?: string;
  months?: number;
}

/** Options of `plan`: no gate, no baseline, its own formats. */
export interface PlanCliOptions extends CommonOptions {
  format: PlanFormat;
  output?: string;
  capacity?: number;
}

/**
 * The pipeline's options from commander's (which are the pipeline's own) and what only the
 * CLI knows: the directory, the environment, and where progress, debug lines and notes go.
 */
function runOptions<T extends CommonOptions>(
  opts: T,
  io: CliIo,
  progress: { onProgress?: (commits: number) => void },
) {
  return {
    ...opts,
    cwd: io.cwd,
    env: io.env,
    onProgress: progress.onProgress,
    onDebug: debugSink(io, opts),
    onNotice: noticeSink(io, opts),
  };
}

async function runPipeline(opts: CommonOptions, io: CliIo) {
  const progress = terminalProgress(io, opts);
  try {
    return await audit(runOptions(opts, io, progress));
  } finally {
    progress.done();
  }
}

/** Warnings go to stderr for formats that do not show them on a terminal themselves. */
function reportWarnings(
  report: Report,
  io: CliIo,
  opts: CommonOptions,
  shownInOutput: boolean,
): Promise<void> {
  return shownInOutput ? Promise.resolve() : writeWarnings(report.warnings, io, opts);
}

/** One `mldebt: warning:` line per warning on stderr (yellow on a terminal), unless --quiet. */
export async function writeWarnings(
  warnings: readonly Diagnostic[],
  io: CliIo,
  opts: { quiet?: boolean; color?: boolean },
): Promise<void> {
  if (opts.quiet || warnings.length === 0) return;
  const c = await stderrColors(io, opts);
  for (const w of warnings) io.stderr.write(c.yellow(`mldebt: warning: ${w.message}\n`));
}

/** The repository's git directories (its `.git` and the shared one): never written into. */
export async function gitDirectoriesOf(root: string, git: boolean, io: CliIo): Promise<string[]> {
  return git ? [join(root, '.git'), ...(await readGitDirectories(root, io.env))] : [];
}

/**
 * `export`'s file when there is no `--output`, in the current directory: named after the
 * format, so exporting CSV never writes CSV into `DEBT.md`, and exports in two formats side by
 * side never overwrite each other.
 */
export const DEFAULT_EXPORT_FILES: Record<OutputFormat, string> = {
  markdown: 'DEBT.md',
  json: 'DEBT.json',
  sarif: 'DEBT.sarif',
  csv: 'DEBT.csv',
  github: 'DEBT.github.txt',
  table: 'DEBT.txt',
  html: 'DEBT.html',
  codeclimate: 'DEBT.codeclimate.json',
};

/**
 * Where the report goes, checked before it is rendered: the inventory, the repository's
 * `.git` and a directory are refused here, so nothing is written when they are named.
 */
async function outputTarget(
  output: string,
  context: Pick<AuditResult, 'inventoryPath' | 'root' | 'report'>,
  io: CliIo,
): Promise<OutputTarget> {
  return resolveOutputTarget(output, io.cwd, {
    inventory: context.inventoryPath,
    gitDirectories: await gitDirectoriesOf(context.root, context.report.repository.git, io),
  });
}

/** Writes the rendered report to its target; true when that was a file (not a standard stream). */
export async function deliver(target: OutputTarget, content: string, io: CliIo): Promise<boolean> {
  if (target.kind === 'stdout') io.stdout.write(content);
  else if (target.kind === 'stderr') io.stderr.write(content);
  else await writeToTarget(target, content);
  return target.kind !== 'stdout' && target.kind !== 'stderr';
}

/**
 * `audit`: render to stdout (or `--output`), then the gate: exit 1 with every reason on
 * stderr when it failed, unless `--exit-zero` makes the run advisory.
 */
export async function runAudit(opts: ReportOptions, io: CliIo): Promise<number> {
  const context = await runPipeline(opts, io);
  const { report } = context;
  const target =
    opts.output === undefined
      ? ({ kind: 'stdout' } as const)
      : await outputTarget(opts.output, context, io);
  const toStdout = target.kind === 'stdout';
  const toTerminal = toStdout && io.stdout.isTTY;
  const color = toStdout && useColor(io, opts);
  const width = toTerminal ? io.stdout.columns : undefined;
  const render = new PhaseTimer(debugSink(io, opts));
  const content = await render.time('render', () =>
    renderReport(report, opts.format, { color, top: opts.top, width }),
  );
  if ((await deliver(target, content, io)) && !opts.quiet) {
    io.stderr.write(`mldebt: wrote ${opts.output}\n`);
  }
  // The table shows warnings in its footer; every other destination gets them on stderr.
  await reportWarnings(report, io, opts, opts.format === 'table' && toStdout);
  if (report.gate.passed) return EXIT.ok;
  const advisory = opts.exitZero ? ' (advisory: --exit-zero)' : '';
  for (const reason of report.gate.reasons)
    io.stderr.write(`mldebt: gate failed${advisory}: ${reason}\n`);
  return opts.exitZero ? EXIT.ok : EXIT.gateFailed;
}

/**
 * `export`: the same pipeline, written to a file (default: `DEBT.<ext>` for the format in
 * the current directory, see DEFAULT_EXPORT_FILES); no gate.
 */
export async function runExport(opts: ReportOptions, io: CliIo): Promise<number> {
  const context = await runPipeline({ ...opts, failOnIncrease: false }, io);
  const { report } = context;
  const output = opts.output ?? DEFAULT_EXPORT_FILES[opts.format];
  const target = await outputTarget(output, context, io);
  const render = new PhaseTimer(debugSink(io, opts));
  const content = await render.time('render', () =>
    renderReport(report, opts.format, { color: false, top: opts.top }),
  );
  if ((await deliver(target, content, io)) && !opts.quiet) {
    io.stderr.write(
      `mldebt: wrote ${output} (${opts.format}, ${report.totals.items} items, total ${report.totals.score.toFixed(1)})\n`,
    );
  }
  await reportWarnings(report, io, opts, false);
  return EXIT.ok;
}

/**
 * `plan`: the sprint plan to stdout (or `--output`). No gate: exit 0 whatever the plan
 * holds; warnings as for `audit` (the table shows them, every other destination gets them on
 * stderr).
 */
export async function runPlan(opts: PlanCliOptions, io: CliIo): Promise<number> {
  const [{ plan }, { renderPlan }] = await Promise.all([
    import('../commands/plan.js'),
    import('../report/plan/index.js'),
  ]);
  const progress = terminalProgress(io, opts);
  let result: Awaited<ReturnType<typeof plan>>;
  try {
    result = await plan(runOptions(opts, io, progress));
  } finally {
    progress.done();
  }
  const target =
    opts.output === undefined
      ? ({ kind: 'stdout' } as const)
      : await outputTarget(opts.output, result, io);
  const toStdout = target.kind === 'stdout';
  const content = await renderPlan(result.plan, opts.format, {
    color: toStdout && useColor(io, opts),
  });
  if ((await deliver(target, content, io)) && !opts.quiet) {
    io.stderr.write(`mldebt: wrote ${opts.output}\n`);
  }
  await reportWarnings(result.report, io, opts, opts.format === 'table' && toStdout);
  return EXIT.ok;
}

export async function runTrend(opts: TrendCliOptions, io: CliIo): Promise<number> {
  const [{ trend }, { renderTrend }] = await Promise.all([
    import('../commands/trend.js'),
    import('../report/trend/index.js'),
  ]);
  const progress = terminalProgress(io, opts);
  let result: Awaited<ReturnType<typeof trend>>;
  try {
    result = await trend(runOptions(opts, io, progress));
  } finally {
    progress.done();
  }
  const today = result.reports[result.reports.length - 1]!;
  const target =
    opts.output === undefined
      ? ({ kind: 'stdout' } as const)
      : await outputTarget(opts.output, { ...result, report: today }, io);
  const toStdout = target.kind === 'stdout';
  const content = await renderTrend(result.trend, opts.format, {
    color: toStdout && useColor(io, opts),
  });
  if ((await deliver(target, content, io)) && !opts.quiet) {
    io.stderr.write(`mldebt: wrote ${opts.output}\n`);
  }
  await reportWarnings(today, io, opts, opts.format === 'table' && toStdout);
  return EXIT.ok;
}

export async function runExplain(id: string, opts: CommonOptions, io: CliIo): Promise<number> {
  const [{ explain }, { renderExplain, renderNotRanked }] = await Promise.all([
    import('../commands/explain.js'),
    import('../report/explain.js'),
  ]);
  const progress = terminalProgress(io, opts);
  let found: Awaited<ReturnType<typeof explain>>;
  try {
    found = await explain(id, runOptions(opts, io, progress));
  } finally {
    progress.done();
  }
  io.stdout.write(
    found.item
      ? renderExplain(found.report, found.item, found.history)
      : renderNotRanked(found.notRanked),
  );
  return EXIT.ok;
}

/**
 * `validate`: every problem at once — YAML, schema, rules, and globs checked against the files
 * tracked at HEAD (history is not walked here; `audit` also accepts paths seen in the window).
 */
export async function runValidate(opts: CommonOptions, io: CliIo): Promise<number> {
  const { validate } = await import('../commands/validate.js');
  const result = await validate({ ...opts, cwd: io.cwd, env: io.env });
  const c = await stderrColors(io, opts);
  for (const p of result.problems) {
    // --quiet hides warnings only: an error is why the exit code is 2, so it is always shown.
    if (opts.quiet && p.severity === 'warning') continue;
    const line = formatProblem(p);
    io.stderr.write(`${p.severity === 'error' ? c.red(line) : c.yellow(line)}\n`);
  }
  const { errors, warnings } = result;
  const summary =
    errors > 0
      ? `${result.inventory}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`
      : `${result.inventory}: valid, ${result.items ?? 0} items` +
        (warnings ? `, ${plural(warnings, 'warning')}` : '');
  io.stdout.write(`${summary}\n`);
  return errors > 0 ? EXIT.badInput : EXIT.ok;
}
