/**
 * The command line: the only code that parses argv, reads the environment for colors, writes
 * to the streams and chooses the exit code. It returns the exit code instead of calling
 * `process.exit`, so output is flushed and the function can be tested in-process.
 */
import { Command, CommanderError, Option } from 'commander';
// Each from its own module, not the API's index, and `scan`, `init` and `merge` when they
// run: a run loads only what its command needs (the YAML and schema libraries are a third of
// a warm audit's start-up).
import { DEFAULT_INIT_SUGGESTIONS, DEFAULT_TREND_MONTHS } from '../commands/defaults.js';
import { EXIT, UserError } from '../errors.js';
import { PLAN_FORMATS } from '../report/plan/index.js';
import { PORTFOLIO_FORMATS } from '../report/portfolio/index.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../report/registry.js';
import { SCAN_FORMATS } from '../report/scan/index.js';
import { TREND_FORMATS } from '../report/trend/index.js';
import { VERSION } from '../version.js';
import {
  runAudit,
  runExplain,
  runExport,
  runPlan,
  runTrend,
  runValidate,
  type CommonOptions,
  type PlanCliOptions,
  type TrendCliOptions,
  type ReportOptions,
} from './commands.js';
import type { InitCliOptions, ScanCliOptions } from './scan-init.js';
import type { CliIo, Io } from './io.js';
import type { MergeCliOptions } from './merge.js';
import { standardStreams } from './stream-writer.js';

export type { Io } from './io.js';

/** Rows `scan` shows unless `--top` says otherwise. */
const DEFAULT_SCAN_TOP = 20;

/** Which repository, inventory, window and coverage reports a run is about. */
function addSourceOptions(cmd: Command): Command {
  return cmd
    .option(
      '-c, --config <file>',
      'inventory file (default: debt.yaml, debt.yml or .mldebt.yaml in the repository root)',
      parsePath('--config'),
    )
    .option(
      '-r, --repo <dir>',
      'repository to audit (default: git top level of the current directory)',
      parsePath('--repo'),
    )
    .option(
      '--since <when>',
      'window start: a duration back from --until (90d, 26w, 12m) or a date YYYY-MM-DD',
    )
    .option(
      '--until <when>',
      "window end: a date YYYY-MM-DD or a revision (default: HEAD's committer date)",
    )
    .option(
      '--coverage <file...>',
      'coverage reports (lcov, Cobertura, JaCoCo, Clover, coverage.py JSON, Istanbul, Go); replaces settings.coverage',
      parsePaths('--coverage'),
    );
}

/** Output and diagnostics options every command that reads history takes. */
function addRunOptions(cmd: Command): Command {
  return cmd
    .option('--no-line-churn', 'skip counting changed lines (faster; churn is then "not measured")')
    .option('--no-cache', 'neither read nor write the history cache (in the user cache directory)')
    .option(
      '--strict',
      'fail (exit 2) when a signal could not be fully measured (shallow clone, glob matching nothing, not a git repository, unmapped coverage entries)',
    )
    .option('--no-color', 'no ANSI colors (also NO_COLOR=1, or when output is not a terminal)')
    .option('-q, --quiet', 'no warnings on stderr')
    .option('--debug', 'print the time of each phase, and stack traces of internal errors');
}

/** Options every command takes. */
function addCommonOptions(cmd: Command): Command {
  return addRunOptions(
    addSourceOptions(cmd)
      .option(
        '--incidents <file...>',
        'incident exports (CSV or JSON: PagerDuty, Opsgenie, Jira or generic columns); replaces settings.incidents',
        parsePaths('--incidents'),
      )
      .option('--category <category>', 'rank, total and gate only this category')
      .option(
        '--owner <owner>',
        'rank, total and gate only this owner ("unowned" for items without one)',
      ),
  );
}

/**
 * Runs the command line `argv` and resolves to the exit code, once everything written to
 * stdout and stderr has been handed on (so the code never precedes the report it describes).
 */
export async function run(argv: string[], processIo: Io): Promise<number> {
  const io: CliIo = {
    ...standardStreams(processIo.stdout, processIo.stderr),
    env: processIo.env,
    cwd: processIo.cwd,
  };
  let exitCode: number = EXIT.ok;
  let debug = argv.includes('--debug');
  const program = new Command('mldebt')
    .description(
      'Audit technical debt in machine-learning repositories: a YAML inventory plus git evidence, ranked by risk × frequency × cost of delay.',
    )
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(formatUsageError(s)),
    });

  addReportOptions(
    program
      .command('audit')
      .description('load the inventory, collect signals, score, rank, print; apply the CI gate'),
    'table',
  )
    .option(
      '--fail-above <score>',
      'fail (exit 1) when any ranked item scores above this',
      parseScore('--fail-above'),
    )
    .option(
      '--fail-total-above <n>',
      'fail (exit 1) when the total score is above this',
      parseScore('--fail-total-above'),
    )
    .option(
      '--fail-on-increase',
      'fail when the total or an item rose against --baseline, or a new item is above --fail-above',
    )
    .option('--exit-zero', 'report everything but exit 0 on a failed gate (advisory runs)')
    .action(async (opts: ReportOptions) => {
      debug = Boolean(opts.debug);
      exitCode = await runAudit(opts, io);
    });

  addReportOptions(
    program
      .command('export')
      .description(
        'write the ranked backlog to a file (default: DEBT.md for markdown, DEBT.json, DEBT.sarif, DEBT.csv, DEBT.github.txt, DEBT.txt for table); no gate',
      ),
    'markdown',
  ).action(async (opts: ReportOptions) => {
    debug = Boolean(opts.debug);
    exitCode = await runExport(opts, io);
  });

  addCommonOptions(
    program
      .command('explain')
      .description("every number behind one item's score and where it came from")
      .argument('<id>', 'item id, e.g. DATA-001'),
  ).action(async (id: string, opts: CommonOptions) => {
    debug = Boolean(opts.debug);
    exitCode = await runExplain(id, opts, io);
  });

  addCommonOptions(
    program
      .command('plan')
      .description(
        "the sprint's debt work: ranked items that fit the debt share of the team's capacity (high risk and frequency first, then by WSJF)",
      ),
  )
    .option(
      '--capacity <days>',
      'days of debt work this sprint (default: settings.capacity, engineers × sprint days × share)',
      parseCapacity,
    )
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(PLAN_FORMATS).default('table'),
    )
    .option(
      '-o, --output <file>',
      'write the plan to a file (replaced atomically; - or /dev/stdout is stdout)',
      parsePath('--output'),
    )
    .action(async (opts: PlanCliOptions) => {
      debug = Boolean(opts.debug);
      exitCode = await runPlan(opts, io);
    });

  addCommonOptions(
    program
      .command('trend')
      .description(
        'is our debt growing? the inventory scored at the last month ends and today, from history alone',
      ),
  )
    .option(
      '--months <n>',
      `how many month ends before the window's end (default ${DEFAULT_TREND_MONTHS})`,
      parseMonths,
    )
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(TREND_FORMATS).default('table'),
    )
    .option(
      '-o, --output <file>',
      'write the trend to a file (replaced atomically; - or /dev/stdout is stdout)',
      parsePath('--output'),
    )
    .action(async (opts: TrendCliOptions) => {
      debug = Boolean(opts.debug);
      exitCode = await runTrend(opts, io);
    });

  program
    .command('merge')
    .description(
      'one portfolio from the JSON reports of many repositories (mldebt audit --format json), ranked together',
    )
    .argument('<report.json...>', 'JSON reports, one per project')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(PORTFOLIO_FORMATS)
        .default('table'),
    )
    .option(
      '-o, --output <file>',
      'write the portfolio to a file (replaced atomically; - or /dev/stdout is stdout)',
      parsePath('--output'),
    )
    .option(
      '--top <n>',
      'show only the first n items (totals and projects still cover all)',
      parsePositiveInt,
    )
    .option('--no-color', 'no ANSI colors (also NO_COLOR=1, or when output is not a terminal)')
    .option('-q, --quiet', 'no warnings on stderr')
    .option('--debug', 'print stack traces of internal errors')
    .action(async (files: string[], opts: MergeCliOptions) => {
      debug = Boolean(opts.debug);
      exitCode = await (await import('./merge.js')).runMerge(files, opts, io);
    });

  addRunOptions(
    addSourceOptions(
      program
        .command('scan')
        .description(
          'raw signals per file ranked by hotspot score; marks hotspots no inventory item covers ("undeclared")',
        ),
    ),
  )
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(SCAN_FORMATS).default('table'),
    )
    .option(
      '-o, --output <file>',
      'write the scan to a file (replaced atomically; - or /dev/stdout is stdout)',
      parsePath('--output'),
    )
    .option(
      '--top <n>',
      `show only the first n rows (default ${DEFAULT_SCAN_TOP}; totals cover every file)`,
      parsePositiveInt,
      DEFAULT_SCAN_TOP,
    )
    .action(async (opts: ScanCliOptions) => {
      debug = Boolean(opts.debug);
      exitCode = await (await import('./scan-init.js')).runScan(opts, io);
    });

  addSourceOptions(
    program
      .command('init')
      .description(
        'write a starter debt.yaml whose items are the undeclared hotspots scan finds (never replaces one without --force)',
      ),
  )
    .option('--force', 'replace an existing inventory')
    .option(
      '--append',
      'add suggestions for hotspots no item covers to the existing inventory, keeping its text',
    )
    .option(
      '--top <n>',
      `at most n suggested items (default ${DEFAULT_INIT_SUGGESTIONS})`,
      parsePositiveInt,
    )
    .option('--no-line-churn', 'skip counting changed lines (faster)')
    .option('-q, --quiet', 'no warnings on stderr')
    .option('--debug', 'print stack traces of internal errors')
    .action(async (opts: InitCliOptions) => {
      debug = Boolean(opts.debug);
      exitCode = await (await import('./scan-init.js')).runInit(opts, io);
    });

  program
    .command('validate')
    .description('check the inventory only; list every problem with file:line:column')
    .option(
      '-c, --config <file>',
      'inventory file (default: debt.yaml, debt.yml or .mldebt.yaml in the repository root)',
      parsePath('--config'),
    )
    .option(
      '-r, --repo <dir>',
      'repository the globs are checked against (default: git top level of the current directory)',
      parsePath('--repo'),
    )
    .option('--no-color', 'no ANSI colors')
    .option('-q, --quiet', 'no warnings on stderr (errors and the summary line are still printed)')
    .option('--debug', 'print stack traces of internal errors')
    .action(async (opts: CommonOptions) => {
      debug = Boolean(opts.debug);
      exitCode = await runValidate(opts, io);
    });

  let code: number;
  try {
    await program.parseAsync(argv, { from: 'user' });
    code = exitCode;
  } catch (error) {
    code = handleError(error, io, debug);
  }
  try {
    await io.stdout.flush();
  } catch (error) {
    // The output was lost (a full device): whatever the run decided, it did not deliver.
    code = Math.max(code, handleError(error, io, debug));
  }
  await io.stderr.flush();
  return code;
}

/** Options of the commands that produce a report. */
function addReportOptions(cmd: Command, defaultFormat: OutputFormat): Command {
  return addCommonOptions(cmd)
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(OUTPUT_FORMATS)
        .default(defaultFormat),
    )
    .option(
      '-o, --output <file>',
      'write the report to a file (replaced atomically; a device, FIFO or socket is written through; - or /dev/stdout is stdout)',
      parsePath('--output'),
    )
    .option(
      '--top <n>',
      'show only the first n items (totals and gate still cover all)',
      parsePositiveInt,
    )
    .option(
      '--baseline <report.json>',
      'a previous JSON report: show the change per item',
      parsePath('--baseline'),
    );
}

/**
 * commander's message (`error: unknown option '--formt'\n(Did you mean --format?)`) as one
 * line with the prefix every stderr line carries, and where to look next.
 */
function formatUsageError(message: string): string {
  const line = message.trim().split('\n').join(' ');
  return `mldebt: ${line} (run mldebt --help for usage)\n`;
}

function parseScore(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
      throw new UserError(`${flag}: expected a number >= 0, got "${value}"`);
    }
    return n;
  };
}

/**
 * A file or directory option's value. commander hands an option the next argument even when
 * it is another option, so `init -c --force` would write a file named "--force" and drop the
 * flag the user meant: a value starting with "-" (other than "-", standard output) is refused.
 * A file whose name starts with "-" is still reachable as ./-name.
 */
function parsePath(flag: string): (value: string) => string {
  return (value) => {
    if (value.startsWith('-') && value !== '-') {
      throw new UserError(
        `${flag}: "${value}" looks like an option, not a path (for a file whose name starts with "-", write ./${value})`,
      );
    }
    return value;
  };
}

/**
 * A list of paths (`--coverage a.xml b.info`), each refused like {@link parsePath} when it looks
 * like an option: `--coverage --fail-above 10` must not read a report named `--fail-above`.
 */
function parsePaths(flag: string): (value: string, previous?: string[]) => string[] {
  const one = parsePath(flag);
  return (value, previous) => [...(previous ?? []), one(value)];
}

/** `--capacity`: a number of days above 0 (fractions allowed: 7.5). */
function parseCapacity(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new UserError(`--capacity: expected a number of days greater than 0, got "${value}"`);
  }
  return n;
}

function parseMonths(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 120)
    throw new UserError(
      `--months: expected a whole number of months from 1 to 120, got "${value}"`,
    );
  return n;
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UserError(`--top: expected a whole number >= 1, got "${value}"`);
  return n;
}

/** The one place errors become output: exit 2 for the user's mistakes, 3 for ours. */
function handleError(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') {
      return EXIT.ok;
    }
    // `mldebt help` asked for the help (exit 0); bare `mldebt` or `help <unknown>` got it on
    // stderr because a command was missing, which is a usage mistake, never a pass.
    if (error.code === 'commander.help') return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    // commander has already printed its one-line message.
    return EXIT.badInput;
  }
  if (error instanceof UserError) {
    // One line per problem, each with the prefix, so every line greps and reads alike.
    for (const line of error.format().split('\n')) io.stderr.write(`mldebt: ${line}\n`);
    if (debug && error.stack) io.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`mldebt: internal error: ${message.split('\n')[0]}\n`);
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  else io.stderr.write('mldebt: run again with --debug for the stack trace, and report it\n');
  return EXIT.internal;
}
