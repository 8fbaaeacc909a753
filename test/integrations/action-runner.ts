/**
 * Runs a composite action's steps (action.yml) the way a GitHub runner does, so the action's
 * tests exercise the very file users reference:
 *
 * - each `run:` step is written to a file and run with `bash --noprofile --norc -eo pipefail`
 *   (the runner's command for `shell: bash`), in its `working-directory` (default the
 *   workspace), with the runner's variables (`GITHUB_WORKSPACE`, `GITHUB_ACTION_PATH`,
 *   `RUNNER_TEMP`, a fresh `GITHUB_OUTPUT` and `GITHUB_STEP_SUMMARY` per step) and the step's
 *   `env:`;
 * - `${{ … }}` is substituted from the inputs (declared defaults, then the test's values),
 *   earlier steps' outputs and the `github`/`runner` paths; `if:` is honoured, with the
 *   implicit `success()` a condition without a status function has;
 * - `uses:` steps are recorded with their evaluated `with:`, never run;
 * - the action's `outputs:` are evaluated at the end.
 *
 * Only the expression forms action.yml uses are understood (a value, `==`/`!=` against a
 * string, `&&`, `||`, the status functions); anything else throws, so a change to action.yml
 * that this harness cannot honour fails loudly instead of being run differently.
 *
 * Expression rules from GitHub's documentation ("Evaluate expressions in workflows and
 * actions"): string comparison ignores case; a step's `if:` without a status function means
 * `success() && (…)`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface StepSpec {
  name?: string;
  id?: string;
  if?: string;
  run?: string;
  uses?: string;
  shell?: string;
  'working-directory'?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

interface ActionSpec {
  inputs?: Record<string, { default?: string }>;
  outputs?: Record<string, { value: string }>;
  runs: { using: string; steps: StepSpec[] };
}

/** What became of one step. */
export interface StepRecord {
  name: string;
  id?: string;
  /** `recorded`: a `uses:` step that would have run. */
  status: 'success' | 'failure' | 'skipped' | 'recorded' | 'omitted';
  exitCode?: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  uses?: string;
  with?: Record<string, string>;
}

export interface ActionRun {
  steps: StepRecord[];
  /** The action's outputs, as a calling workflow would see them. */
  outputs: Record<string, string>;
  /** The job summary: every step's summary file, in order. */
  summary: string;
  /** Every step's stdout then stderr, in order. */
  log: string;
  failed: boolean;
}

export interface RunActionOptions {
  /** The checkout holding action.yml (`GITHUB_ACTION_PATH`). */
  actionPath: string;
  /** The repository under audit (`GITHUB_WORKSPACE`). */
  workspace: string;
  /** `RUNNER_TEMP`; the harness also keeps its step files here. */
  runnerTemp: string;
  inputs?: Record<string, string>;
  /** Names of steps not to run (e.g. the slow install, tested on its own). */
  omit?: string[];
  /** The base environment of every step (PATH, HOME, git isolation...). */
  env: NodeJS.ProcessEnv;
}

/** Reads and checks action.yml. */
export function readAction(actionPath: string): ActionSpec {
  const spec = parse(readFileSync(join(actionPath, 'action.yml'), 'utf8')) as ActionSpec;
  if (spec.runs?.using !== 'composite') throw new Error('action.yml is not a composite action');
  return spec;
}

/** Runs the action's steps as a runner would; see the module comment. */
export function runAction(options: RunActionOptions): ActionRun {
  const spec = readAction(options.actionPath);
  const declared = spec.inputs ?? {};
  for (const name of Object.keys(options.inputs ?? {})) {
    if (!(name in declared)) throw new Error(`action.yml declares no input "${name}"`);
  }
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(declared)) {
    inputs[name] = options.inputs?.[name] ?? input.default ?? '';
  }
  const omit = new Set(options.omit ?? []);
  const names = spec.runs.steps.map((step) => step.name ?? step.id ?? '');
  for (const name of omit) {
    if (!names.includes(name)) throw new Error(`action.yml has no step "${name}" to omit`);
  }

  const context: Context = {
    inputs,
    steps: {},
    github: { action_path: options.actionPath, workspace: options.workspace },
    runner: { temp: options.runnerTemp },
  };
  const stepsDir = join(options.runnerTemp, '_runner_steps');
  mkdirSync(stepsDir, { recursive: true });
  const records: StepRecord[] = [];
  let failed = false;

  spec.runs.steps.forEach((step, index) => {
    const name = names[index] ?? '';
    const base = { name, id: step.id, stdout: '', stderr: '', outputs: {}, summary: '' };
    if (omit.has(name)) {
      records.push({ ...base, status: 'omitted' });
      return;
    }
    if (!evaluateCondition(step.if, context, failed)) {
      records.push({ ...base, status: 'skipped' });
      return;
    }
    if (step.uses !== undefined) {
      const withValues = Object.fromEntries(
        Object.entries(step.with ?? {}).map(([key, value]) => [
          key,
          substitute(String(value), context),
        ]),
      );
      records.push({ ...base, status: 'recorded', uses: step.uses, with: withValues });
      return;
    }
    if (step.run === undefined || step.shell !== 'bash') {
      throw new Error(`step "${name}": the harness runs only \`run:\` steps with shell: bash`);
    }
    const script = join(stepsDir, `step-${index}.sh`);
    const outputFile = join(stepsDir, `output-${index}`);
    const summaryFile = join(stepsDir, `summary-${index}`);
    writeFileSync(script, substitute(step.run, context));
    writeFileSync(outputFile, '');
    writeFileSync(summaryFile, '');
    const stepEnv = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([key, value]) => [
        key,
        substitute(String(value), context),
      ]),
    );
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: substitute(step['working-directory'] ?? options.workspace, context),
      env: {
        ...options.env,
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: options.workspace,
        GITHUB_ACTION_PATH: options.actionPath,
        RUNNER_TEMP: options.runnerTemp,
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        ...stepEnv,
      },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const exitCode = result.status ?? 128;
    const outputs = parseOutputFile(readFileSync(outputFile, 'utf8'));
    if (step.id !== undefined) context.steps[step.id] = { outputs };
    if (exitCode !== 0) failed = true;
    records.push({
      ...base,
      status: exitCode === 0 ? 'success' : 'failure',
      exitCode,
      stdout: result.stdout,
      stderr: result.stderr,
      outputs,
      summary: readFileSync(summaryFile, 'utf8'),
    });
  });

  const outputs = Object.fromEntries(
    Object.entries(spec.outputs ?? {}).map(([name, output]) => [
      name,
      substitute(output.value, context),
    ]),
  );
  return {
    steps: records,
    outputs,
    summary: records.map((record) => record.summary).join(''),
    log: records.map((record) => record.stdout + record.stderr).join(''),
    failed,
  };
}

/** The step of that name (throws when there is none, so a renamed step fails the test). */
export function stepNamed(run: ActionRun, name: string): StepRecord {
  const step = run.steps.find((record) => record.name === name);
  if (!step) throw new Error(`no step "${name}" in ${run.steps.map((s) => s.name).join(', ')}`);
  return step;
}

/**
 * Parses a `$GITHUB_OUTPUT` file: `name=value` lines and `name<<DELIMITER` blocks ending at a
 * line that is exactly the delimiter.
 */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter] = heredoc;
      const end = lines.indexOf(delimiter ?? '', index + 1);
      if (end < 0) throw new Error(`GITHUB_OUTPUT: no closing delimiter for "${name}"`);
      outputs[name] = lines.slice(index + 1, end).join('\n');
      index = end;
      continue;
    }
    const equals = line.indexOf('=');
    if (equals < 1) throw new Error(`GITHUB_OUTPUT: malformed line ${JSON.stringify(line)}`);
    outputs[line.slice(0, equals)] = line.slice(equals + 1);
  }
  return outputs;
}

interface Context {
  inputs: Record<string, string>;
  steps: Record<string, { outputs: Record<string, string> }>;
  github: Record<string, string>;
  runner: Record<string, string>;
}

function substitute(text: string, context: Context): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) =>
    lookUp(expression, context),
  );
}

/** A value expression: a context path (`inputs.fail-above`, `steps.audit.outputs.total`). */
function lookUp(expression: string, context: Context): string {
  const parts = expression.split('.');
  const [root, ...rest] = parts;
  if (root === 'inputs' && rest.length === 1) {
    const value = context.inputs[rest[0] ?? ''];
    if (value === undefined) throw new Error(`action.yml uses undeclared input ${expression}`);
    return value;
  }
  if (root === 'steps' && rest.length === 3 && rest[1] === 'outputs') {
    return context.steps[rest[0] ?? '']?.outputs[rest[2] ?? ''] ?? '';
  }
  if ((root === 'github' || root === 'runner') && rest.length === 1) {
    const value = context[root][rest[0] ?? ''];
    if (value !== undefined) return value;
  }
  throw new Error(`the harness does not understand the expression "${expression}"`);
}

const STATUS_FUNCTIONS = /\b(success|failure|always|cancelled)\(\)/;

function evaluateCondition(condition: string | undefined, context: Context, failed: boolean) {
  if (condition === undefined) return !failed;
  const expression = condition.replace(/^\$\{\{\s*|\s*\}\}$/g, '');
  const value = evaluateOr(expression, context, failed);
  return STATUS_FUNCTIONS.test(expression) ? value : !failed && value;
}

function evaluateOr(expression: string, context: Context, failed: boolean): boolean {
  return expression
    .split('||')
    .some((part) => part.split('&&').every((term) => evaluateTerm(term.trim(), context, failed)));
}

function evaluateTerm(term: string, context: Context, failed: boolean): boolean {
  if (term === 'success()') return !failed;
  if (term === 'failure()') return failed;
  if (term === 'always()') return true;
  if (term === 'cancelled()') return false;
  const comparison = /^([\w.-]+)\s*(==|!=)\s*'([^']*)'$/.exec(term);
  if (!comparison) throw new Error(`the harness does not understand the condition "${term}"`);
  const [, path = '', operator, literal = ''] = comparison;
  const equal = lookUp(path, context).toLowerCase() === literal.toLowerCase();
  return operator === '==' ? equal : !equal;
}
