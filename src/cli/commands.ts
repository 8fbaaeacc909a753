/**
 * What each command does once argv is parsed: call the programmatic pipeline, pick the
 * renderer, write, and return the exit code.
 */
import { resolve } from 'node:path';
import { Chalk } from 'chalk';
import { audit, displayPath, type AuditOptions } from '../audit.js';
import { EXIT, UserError } from '../errors.js';
import { findInventory } from '../inventory/index.js';
import { parseInventory, readInventoryFile } from '../inventory/load.js';
import { formatProblem, sortProblems, type Problem } from '../inventory/problems.js';
import { checkInventoryRules } from '../inventory/rules.js';
import { compileGlob, suggestGlob } from '../util/glob.js';
import { renderExplain, renderNotRanked } from '../report/explain.js';
import type { Report } from '../report/model.js';
import type { Renderer } from '../report/render.js';
import { renderers } from '../report/renderers/index.js';
import { renderJson } from '../report/renderers/json.js';
import { renderTable } from '../report/renderers/table.js';
import { writeFileAtomic } from './write-output.js';
import { listTrackedFiles, readHead, resolveRepository } from '../signals/git/repo.js';
import type { Io } from './run.js';

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
export function useColor(io: Io, opts: { color?: boolean }): boolean {
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
  io: Io,
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

async function runPipeline(opts: CommonOptions, io: Io) {
  const progress = terminalProgress(io, opts);
  try {
    // commander's parsed options are the pipeline's options; only cwd and progress are added.
    return await audit({ ...opts, cwd: io.cwd, onProgress: progress.onProgress });
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
function reportWarnings(report: Report, io: Io, opts: CommonOptions, shownInOutput: boolean): void {
  if (opts.quiet || shownInOutput) return;
  const c = new Chalk({ level: useColor({ ...io, stdout: io.stderr }, opts) ? 1 : 0 });
  for (const w of report.warnings) io.stderr.write(c.yellow(`mldebt: warning: ${w.message}\n`));
}

/**
 * `audit`: render to stdout (or `--output`, atomically), then the gate: exit 1 with every
 * reason on stderr when it failed, unless `--exit-zero` makes the run advisory.
 */
export async function runAudit(opts: ReportOptions, io: Io): Promise<number> {
  const { report } = await runPipeline(opts, io);
  const toTerminal = opts.output === undefined && Boolean(io.stdout.isTTY);
  const color = opts.output === undefined && useColor(io, opts);
  const width = toTerminal ? (io.stdout as { columns?: number }).columns : undefined;
  const content = RENDERERS[opts.format](report, { color, top: opts.top, width });
  if (opts.output !== undefined) {
    await writeFileAtomic(resolve(io.cwd, opts.output), content);
    if (!opts.quiet) io.stderr.write(`mldebt: wrote ${opts.output}\n`);
  } else {
    io.stdout.write(content);
  }
  // The table shows warnings in its footer; every other destination gets them on stderr.
  reportWarnings(report, io, opts, opts.format === 'table' && opts.output === undefined);
  if (report.gate.passed) return EXIT.ok;
  const advisory = opts.exitZero ? ' (advisory: --exit-zero)' : '';
  for (const reason of report.gate.reasons)
    io.stderr.write(`mldebt: gate failed${advisory}: ${reason}\n`);
  return opts.exitZero ? EXIT.ok : EXIT.gateFailed;
}

/** `export`: the same pipeline, written to a file (default DEBT.md as markdown); no gate. */
export async function runExport(opts: ReportOptions, io: Io): Promise<number> {
  const { report } = await runPipeline({ ...opts, failOnIncrease: false }, io);
  const output = opts.output ?? 'DEBT.md';
  const content = RENDERERS[opts.format](report, { color: false, top: opts.top });
  if (output === '-') {
    io.stdout.write(content);
  } else {
    await writeFileAtomic(resolve(io.cwd, output), content);
    if (!opts.quiet) {
      io.stderr.write(
        `mldebt: wrote ${output} (${opts.format}, ${report.totals.items} items, total ${report.totals.score.toFixed(1)})\n`,
      );
    }
  }
  reportWarnings(report, io, opts, false);
  return EXIT.ok;
}

export async function runExplain(id: string, opts: CommonOptions, io: Io): Promise<number> {
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
export async function runValidate(opts: CommonOptions, io: Io): Promise<number> {
  const repo = await resolveRepository(resolve(io.cwd, opts.repo ?? '.'));
  const path = opts.config ? resolve(io.cwd, opts.config) : findInventory(repo.root);
  const display = displayPath(path, repo.root, io.cwd);
  const text = await readInventoryFile(path, display);
  const parsed = parseInventory(text, display);
  const problems: Problem[] = [...parsed.problems];
  if (parsed.raw !== undefined) problems.push(...checkInventoryRules(parsed.raw, parsed.locator));
  // Only usable globs are matched: one the rules refused (65,536 characters) would not compile.
  const usable = !problems.some((p) => p.severity === 'error');
  if (parsed.inventory && usable && repo.git && (await readHead(repo.root)).hash !== null) {
    const files = await listTrackedFiles(repo.root, 'HEAD');
    parsed.inventory.items.forEach((item, i) => {
      item.paths.forEach((glob, p) => {
        const match = compileGlob(glob);
        if (files.some(match)) return;
        const suggestion = suggestGlob(glob, files);
        problems.push({
          severity: 'warning',
          code: 'glob-no-match',
          message:
            `items[${i}].paths[${p}]: glob "${glob}" matches no file tracked at HEAD` +
            (suggestion ? ` (did you mean "${suggestion}"?)` : ''),
          location: parsed.locator.value(['items', i, 'paths', p]),
          itemId: item.id,
        });
      });
    });
  }
  const c = new Chalk({ level: useColor({ ...io, stdout: io.stderr }, opts) ? 1 : 0 });
  const sorted = sortProblems(problems);
  for (const p of sorted) {
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
