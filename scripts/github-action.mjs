#!/usr/bin/env node
/**
 * The logic of mldebt's GitHub Action (action.yml): the composite steps only call this script,
 * with the action's inputs in `INPUT_*` environment variables, so a test can run the steps
 * exactly as a runner does.
 *
 *   node scripts/github-action.mjs audit   one `mldebt audit --format json` run; from that one
 *                                          report: annotations (stdout), the markdown summary,
 *                                          SARIF when asked, and the step's outputs
 *   node scripts/github-action.mjs gate    exit 1 when the audit step's gate failed
 *
 * The gate is applied in its own, last step so that the SARIF upload between the two runs
 * even when the gate fails. Anything else mldebt exits with (2: bad inventory, coverage file,
 * baseline...; 3: a bug) fails the audit step at once with mldebt's own message: it must
 * never read as a passed gate.
 *
 * Runner files and formats: workflow commands (`::warning::`, `::error::`) and
 * `$GITHUB_OUTPUT` with its `name<<delimiter` form for multi-line values, as documented in
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ACTION_ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ACTION_ROOT, 'bin', 'mldebt.js');

/** A problem with the action's inputs or the runner's environment: exit 2, one line. */
class ActionInputError extends Error {}

/**
 * Escapes a workflow command's message: the runner reads `%`, CR and LF as encoded, so a
 * multi-line message stays one command.
 */
export function escapeCommandData(text) {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * Splits the `args` input into arguments the way a shell would split words, without any of
 * a shell's expansions: blanks separate words, '…' is literal, "…" takes \" and \\ escapes,
 * and a backslash outside quotes escapes the next character.
 */
export function splitArguments(text) {
  const words = [];
  let word = null;
  let quote = null;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quote === "'") {
      if (char === "'") quote = null;
      else word += char;
    } else if (quote === '"') {
      if (char === '"') quote = null;
      else if (char === '\\' && (text[index + 1] === '"' || text[index + 1] === '\\')) {
        index += 1;
        word += text[index];
      } else word += char;
    } else if (/\s/.test(char)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (char === "'" || char === '"') {
      quote = char;
      word ??= '';
    } else if (char === '\\' && index + 1 < text.length) {
      index += 1;
      word = (word ?? '') + text[index];
    } else {
      word = (word ?? '') + char;
    }
  }
  if (quote !== null) throw new ActionInputError(`input "args" has an unterminated ${quote} quote`);
  if (word !== null) words.push(word);
  return words;
}

/** A true/false input; empty means its default. GitHub compares strings case-insensitively. */
function readBoolean(env, name, fallback) {
  const raw = (env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] ?? '').trim();
  if (raw === '') return fallback;
  if (/^true$/i.test(raw)) return true;
  if (/^false$/i.test(raw)) return false;
  throw new ActionInputError(`input "${name}" must be true or false`);
}

function readInput(env, name) {
  return (env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] ?? '').trim();
}

function requireEnv(env, name) {
  const value = env[name];
  if (!value) throw new ActionInputError(`${name} is not set: run this script from action.yml`);
  return value;
}

/** The `mldebt audit` arguments the inputs stand for; the report goes to `reportPath`. */
export function auditArguments(env, reportPath) {
  const argv = ['audit', '--format', 'json', '--output', reportPath];
  const config = readInput(env, 'config');
  if (config) argv.push('--config', config);
  const failAbove = readInput(env, 'fail-above');
  if (failAbove) argv.push('--fail-above', failAbove);
  const failTotalAbove = readInput(env, 'fail-total-above');
  if (failTotalAbove) argv.push('--fail-total-above', failTotalAbove);
  const baseline = readInput(env, 'baseline');
  if (baseline) argv.push('--baseline', baseline);
  const coverage = readInput(env, 'coverage').split(/\s+/).filter(Boolean);
  if (coverage.length > 0) argv.push('--coverage', ...coverage);
  const extra = splitArguments(readInput(env, 'args'));
  // The action reads the JSON report it asked for: another format or file would break it.
  const owned = extra.find((word) => /^(-f|-o|--format|--output)(=|$)|^-[fo]./.test(word));
  if (owned !== undefined) {
    throw new ActionInputError(
      `input "args" may not set ${owned.replace(/=.*|^(-[fo]).+/, '$1')}: the action writes the ` +
        'JSON report itself (use the report output, or run mldebt export in a step of your own)',
    );
  }
  argv.push(...extra);
  return argv;
}

/** Appends `name=value` to `$GITHUB_OUTPUT`, in the delimiter form when it spans lines. */
function setOutput(outputFile, name, value) {
  const text = String(value);
  if (!/[\r\n]/.test(text)) {
    appendFileSync(outputFile, `${name}=${text}\n`);
    return;
  }
  const delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(outputFile, `${name}<<${delimiter}\n${text}\n${delimiter}\n`);
}

/** True when `dir` is a shallow git checkout (false when it is no repository at all). */
function isShallow(dir, env) {
  const result = spawnSync('git', ['rev-parse', '--is-shallow-repository'], {
    cwd: dir,
    env,
    encoding: 'utf8',
  });
  return result.status === 0 && result.stdout.trim() === 'true';
}

async function runAudit(env) {
  const workspace = requireEnv(env, 'GITHUB_WORKSPACE');
  const runnerTemp = requireEnv(env, 'RUNNER_TEMP');
  const outputFile = requireEnv(env, 'GITHUB_OUTPUT');
  const wantSummary = readBoolean(env, 'summary', true);
  const wantSarif = readBoolean(env, 'sarif', false);
  const outDir = join(runnerTemp, 'mldebt');
  const reportPath = join(outDir, 'report.json');
  const argv = auditArguments(env, reportPath);

  if (isShallow(workspace, env)) {
    // A shallow clone hides the history mldebt scores by: fix commits go uncounted.
    console.log(
      '::warning title=mldebt: shallow checkout::The checkout is shallow, so the git history ' +
        'mldebt scores by is cut short. Check out with `fetch-depth: 0` on actions/checkout.',
    );
  }

  mkdirSync(outDir, { recursive: true });
  const audit = spawnSync(process.execPath, [BIN, ...argv], {
    cwd: workspace,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stderr.write(audit.stderr ?? '');
  if (audit.status !== 0 && audit.status !== 1) {
    // mldebt's message is one line on stderr; repeat it as an annotation so it is seen.
    const message = (audit.stderr ?? '').trim().split('\n').at(-1) || 'no message';
    console.log(`::error title=mldebt audit failed::${escapeCommandData(message)}`);
    return audit.status ?? 3;
  }

  const reportText = readFileSync(reportPath, 'utf8');
  const report = JSON.parse(reportText);
  // The package API renders every format from this one Report: no second audit.
  const { renderReport } = await import(new URL('../dist/index.js', import.meta.url).href);
  const options = { color: false };

  const annotations = await renderReport(report, 'github', options);
  process.stdout.write(annotations);
  if (wantSummary) {
    const summaryFile = requireEnv(env, 'GITHUB_STEP_SUMMARY');
    appendFileSync(summaryFile, await renderReport(report, 'markdown', options));
  }
  let sarifPath = '';
  if (wantSarif) {
    sarifPath = join(outDir, 'report.sarif');
    writeFileSync(sarifPath, await renderReport(report, 'sarif', options));
  }

  const passed = report.gate.passed === true;
  // Exit 1 is the gate failing; a failed gate with exit 0 was made advisory (--exit-zero).
  const gate = audit.status === 1 ? 'failed' : passed ? 'passed' : 'advisory';
  setOutput(outputFile, 'total', report.totals.score);
  setOutput(outputFile, 'passed', passed);
  setOutput(outputFile, 'report', reportPath);
  setOutput(outputFile, 'sarif', sarifPath);
  setOutput(outputFile, 'gate', gate);
  return 0;
}

function runGate(env) {
  const gate = env.MLDEBT_GATE ?? '';
  if (gate === 'passed') {
    console.log('mldebt: the gate passed');
    return 0;
  }
  const reasons = readGateReasons(env.MLDEBT_REPORT ?? '');
  if (gate === 'advisory') {
    console.log(`mldebt: the gate failed, advisory run (--exit-zero): ${reasons}`);
    return 0;
  }
  if (gate === 'failed') {
    // Plain text: the audit step's annotations already hold an error with these reasons.
    console.log(`mldebt: the gate failed: ${reasons}`);
    return 1;
  }
  console.log('::error title=mldebt::the audit step left no gate verdict');
  return 1;
}

function readGateReasons(reportPath) {
  try {
    const report = JSON.parse(readFileSync(reportPath, 'utf8'));
    return report.gate.reasons.join('; ') || 'no reasons recorded';
  } catch {
    return 'see the audit step';
  }
}

async function main(command, env) {
  try {
    if (command === 'audit') return await runAudit(env);
    if (command === 'gate') return runGate(env);
    throw new ActionInputError(`unknown command "${command ?? ''}": expected audit or gate`);
  } catch (error) {
    if (!(error instanceof ActionInputError)) throw error;
    console.log(`::error title=mldebt action::${escapeCommandData(error.message)}`);
    return 2;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv[2], process.env);
}
