/**
 * What each command does once argv is parsed: call the programmatic pipeline, pick the
 * renderer, write, and return the exit code.
 */
import { join } from 'node:path';
import { Chalk } from 'chalk';
import {
  audit,
  displayPath,
  resolveAuditTarget,
  type AuditContext,
  type AuditOptions,
} from '../audit.js';
import { EXIT, UserError } from '../errors.js';
import { parseInventory, readInventoryFile } from '../inventory/load.js';
import { formatProblem, sortProblems, type Problem } from '../inventory/problems.js';
import { checkInventoryRules } from '../inventory/rules.js';
import { checkGlob, isNegated, suggestGlob } from '../util/glob.js';
import { ItemGlobIndex } from '../util/item-globs.js';
import { renderExplain, renderNotRanked } from '../report/explain.js';
import type { Report } from '../model/index.js';
import type { Renderer } from '../report/render.js';
import { renderers } from '../report/renderers/index.js';
import { renderJson } from '../report/renderers/json.js';
import { renderTable } from '../report/renderers/table.js';
import { resolveOutputTarget, writeToTarget, type OutputTarget } from './write-output.js';
import { listTrackedFiles, readGitDirectories, readHead } from '../signals/git/repo.js';
import type { CliIo } from './run.js';

/** Options every command takes: the pipeline's own, plus how output looks. */
export interface CommonOptions extends Omit<AuditOptions, 'cwd' | 'onProgress'> {
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

/**
 * A one-line progress counter on stderr, only when stderr is a terminal (never in CI logs or
 * pipes) and not --quiet; `done()` erases it so the report starts on a clean line.
 */
export function terminalProgress(
  io: CliIo,
  opts: CommonOptions,
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

async function runPipeline(opts: CommonOptions, io: CliIo) {
  const progress = terminalProgress(io, opts);
  try {
    // commander's parsed options are the pipeline's options; only cwd and progress are added.
    return await audit({ ...opts, cwd: io.cwd, env: io.env, onProgress: progress.onProgress });
  } finally {
    progress.done();
  }
}

/** Every output format there is a renderer for; `--format` choices come from these keys. */
export const RENDERERS = { table: renderTable, json: renderJson, ...renderers } satisfies Record<
  string,
  Renderer
>;
export type OutputFormat = keyof typeof RENDERERS;
export const OUTPUT_FORMATS = Object.keys(RENDERERS) as OutputFormat[];

/** Warnings go to stderr for formats that do not show them on a terminal themselves. */
function reportWarnings(
  report: Report,
  io: CliIo,
  opts: CommonOptions,
  shownInOutput: boolean,
): void {
  if (opts.quiet || shownInOutput) return;
  const c = new Chalk({ level: useColor({ ...io, stdout: io.stderr }, opts) ? 1 : 0 });
  for (const w of report.warnings) io.stderr.write(c.yellow(`mldebt: warning: ${w.message}\n`));
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
};

/**
 * Where the report goes, checked before it is rendered: the inventory, the repository's
 * `.git` and a directory are refused here, so nothing is written when they are named.
 */
async function outputTarget(
  output: string,
  context: AuditContext,
  io: CliIo,
): Promise<OutputTarget> {
  const gitDirectories = context.report.repository.git
    ? [join(context.root, '.git'), ...(await readGitDirectories(context.root, io.env))]
    : [];
  return resolveOutputTarget(output, io.cwd, {
    inventory: context.inventoryPath,
    gitDirectories,
  });
}

/** Writes the rendered report to its target; true when that was a file (not a standard stream). */
async function deliver(target: OutputTarget, content: string, io: CliIo): Promise<boolean> {
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
  const content = RENDERERS[opts.format](report, { color, top: opts.top, width });
  if ((await deliver(target, content, io)) && !opts.quiet) {
    io.stderr.write(`mldebt: wrote ${opts.output}\n`);
  }
  // The table shows warnings in its footer; every other destination gets them on stderr.
  reportWarnings(report, io, opts, opts.format === 'table' && toStdout);
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
  const content = RENDERERS[opts.format](report, { color: false, top: opts.top });
  if ((await deliver(target, content, io)) && !opts.quiet) {
    io.stderr.write(
      `mldebt: wrote ${output} (${opts.format}, ${report.totals.items} items, total ${report.totals.score.toFixed(1)})\n`,
    );
  }
  reportWarnings(report, io, opts, false);
  return EXIT.ok;
}

export async function runExplain(id: string, opts: CommonOptions, io: CliIo): Promise<number> {
  const { report, loaded } = await runPipeline(opts, io);
  const wanted = id.toUpperCase();
  const item = report.items.find((i) => i.id === wanted);
  if (item) {
    io.stdout.write(renderExplain(report, item));
    return EXIT.ok;
  }
  const notRanked = report.notRanked.find((i) => i.id === wanted);
  if (notRanked) {
    io.stdout.write(renderNotRanked(notRanked));
    return EXIT.ok;
  }
  const known = loaded.inventory.items.map((i) => i.id);
  const filtered = known.includes(wanted) ? ' (it is filtered out by --category/--owner)' : '';
  throw new UserError(
    `no item "${id}" in ${report.inventory}${filtered}; ids: ${known.join(', ')}`,
  );
}

/**
 * `validate`: every problem at once — YAML, schema, rules, and globs checked against the files
 * tracked at HEAD (history is not walked here; `audit` also accepts paths seen in the window).
 */
export async function runValidate(opts: CommonOptions, io: CliIo): Promise<number> {
  const { repo, inventoryPath: path } = await resolveAuditTarget({
    ...opts,
    cwd: io.cwd,
    env: io.env,
  });
  const display = displayPath(path, repo.root, io.cwd);
  const text = await readInventoryFile(path, display);
  const parsed = parseInventory(text, display);
  const problems: Problem[] = [...parsed.problems];
  if (parsed.raw !== undefined) problems.push(...checkInventoryRules(parsed.raw, parsed.locator));
  const head = repo.git ? await readHead(repo.root, io.env) : null;
  if (parsed.inventory && head?.hash) {
    const files = await listTrackedFiles(repo.root, head.hash, io.env);
    const items = parsed.inventory.items;
    // Every path is matched once, whatever the number of items and globs. Only usable globs
    // are matched: one the rules refused (65,536 characters) is an error already.
    const index = new ItemGlobIndex(
      items.map((item) => item.paths.filter((glob) => checkGlob(glob) === undefined)),
    );
    index.selectFiles(files);
    index.deadGlobs().forEach((dead, i) => {
      for (const glob of dead) {
        const p = items[i]!.paths.indexOf(glob);
        const suggestion = suggestGlob(glob, files);
        problems.push({
          severity: 'warning',
          code: 'glob-no-match',
          message:
            `items[${i}].paths[${p}]: glob "${glob}" ${isNegated(glob) ? 'excludes nothing: it ' : ''}matches no file tracked at HEAD` +
            (suggestion ? ` (did you mean "${suggestion}"?)` : ''),
          location: parsed.locator.value(['items', i, 'paths', p]),
          itemId: items[i]!.id,
        });
      }
    });
  }
  const c = new Chalk({ level: useColor({ ...io, stdout: io.stderr }, opts) ? 1 : 0 });
  const sorted = sortProblems(problems);
  for (const p of sorted) {
    // --quiet hides warnings only: an error is why the exit code is 2, so it is always shown.
    if (opts.quiet && p.severity === 'warning') continue;
    const line = formatProblem(p);
    io.stderr.write(`${p.severity === 'error' ? c.red(line) : c.yellow(line)}\n`);
  }
  const errors = sorted.filter((p) => p.severity === 'error').length;
  const warnings = sorted.length - errors;
  const summary =
    errors > 0
      ? `${display}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`
      : `${display}: valid, ${parsed.inventory?.items.length ?? 0} items` +
        (warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : '');
  io.stdout.write(`${summary}\n`);
  return errors > 0 ? EXIT.badInput : EXIT.ok;
}
