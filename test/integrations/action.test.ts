/**
 * The GitHub Action (action.yml + scripts/github-action.mjs), run step by step as a runner
 * would by ./action-runner.ts on real git repositories with fixed dates.
 *
 * These tests use this checkout as the action (`GITHUB_ACTION_PATH`), already built by the
 * suite's global setup, and omit the install step: `npm ci` there would replace the
 * node_modules the suite runs from. The install step itself runs once, on a copy of the
 * checkout, in ./action-install.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRepo } from '../../scripts/lib/repo-builder.js';
import { renderReport, type Report } from '../../src/index.js';
import { tempDir, testEnv } from '../helpers/audit-repo.js';
import { runAction, stepNamed, type ActionRun } from './action-runner.js';
import { CHECKOUT } from './checkout.js';
import { COMMITS, INVENTORY } from './fixture.js';

const INSTALL_STEP = 'Install mldebt';

let root: { dir: string; remove: () => void };
let repo: string;
let runs = 0;

beforeAll(() => {
  root = tempDir('action');
  repo = join(root.dir, 'repo');
  mkdirSync(repo);
  buildRepo(repo, COMMITS);
});
afterAll(() => root.remove());

/** Runs the action on `workspace` with its own RUNNER_TEMP. */
function run(inputs: Record<string, string>, workspace = repo): ActionRun {
  runs += 1;
  const runnerTemp = join(root.dir, `runner-${runs}`);
  mkdirSync(runnerTemp);
  return runAction({
    actionPath: CHECKOUT,
    workspace,
    runnerTemp,
    inputs,
    omit: [INSTALL_STEP],
    env: testEnv(root.dir, { NO_COLOR: '1' }),
  });
}

function readReport(path: string): Report {
  return JSON.parse(readFileSync(path, 'utf8')) as Report;
}

const SHALLOW_WARNING = '::warning title=mldebt: shallow checkout::';

describe('the GitHub Action', () => {
  it('passes the gate: outputs, the JSON report, the markdown summary and annotations', async () => {
    const result = run({});
    expect(result.failed).toBe(false);
    expect(result.steps.map((step) => [step.name, step.status])).toEqual([
      [INSTALL_STEP, 'omitted'],
      ['Audit', 'success'],
      ['Upload SARIF to code scanning', 'skipped'],
      ['Gate', 'success'],
    ]);
    expect(result.outputs.passed).toBe('true');
    const reportPath = result.outputs.report ?? '';
    expect(reportPath.startsWith(join(root.dir, `runner-${runs}`, ''))).toBe(true);
    const report = readReport(reportPath);
    expect(report.schemaVersion).toBe(1);
    expect(report.project).toBe('action-demo');
    expect(report.items.map((item) => item.id)).toEqual(['DATA-001', 'SERV-001']);
    expect(result.outputs.total).toBe(String(report.totals.score));
    expect(report.totals.score).toBeGreaterThan(0);
    // The summary is the markdown backlog rendered from that same report.
    expect(result.summary).toBe(await renderReport(report, 'markdown', { color: false }));
    expect(result.summary).toContain('| 1 | DATA-001 |');
    // Annotations on stdout, where the runner reads workflow commands.
    const audit = stepNamed(result, 'Audit');
    expect(audit.stdout).toContain('::warning file=src/features/build.py');
    expect(audit.stdout).toContain(await renderReport(report, 'github', { color: false }));
    expect(result.log).not.toContain(SHALLOW_WARNING);
    expect(result.outputs.sarif).toBe('');
  });

  it('fails the gate in its last step, after the SARIF upload got its file', () => {
    const result = run({ 'fail-above': '5', sarif: 'true', summary: 'false' });
    const gate = stepNamed(result, 'Gate');
    expect(stepNamed(result, 'Audit').status).toBe('success');
    expect(gate.status).toBe('failure');
    expect(gate.exitCode).toBe(1);
    expect(gate.stdout).toMatch(/^mldebt: the gate failed: DATA-001 score [\d.]+ > 5/m);
    expect(stepNamed(result, 'Audit').stdout).toMatch(/^::error .*DATA-001 score [\d.]+ > 5/m);
    expect(result.outputs.passed).toBe('false');
    expect(result.summary).toBe('');

    const upload = stepNamed(result, 'Upload SARIF to code scanning');
    expect(upload.status).toBe('recorded');
    expect(upload.uses).toBe('github/codeql-action/upload-sarif@v3');
    expect(upload.with?.sarif_file).toBe(result.outputs.sarif);
    const sarif = JSON.parse(readFileSync(result.outputs.sarif ?? '', 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.map((r: { level: string }) => r.level)).toContain('error');
    // The same one report behind every output: the SARIF results are the gate's items.
    expect(readReport(result.outputs.report ?? '').gate.passed).toBe(false);
  });

  it('passes thresholds, coverage lists and args through to mldebt audit', () => {
    const coverage = join(root.dir, 'coverage');
    mkdirSync(coverage, { recursive: true });
    writeFileSync(
      join(coverage, 'features.lcov'),
      'SF:src/features/build.py\nDA:1,1\nDA:2,0\nend_of_record\n',
    );
    writeFileSync(join(coverage, 'serving.lcov'), 'SF:src/serving/app.py\nDA:1,1\nend_of_record\n');
    const result = run({
      'fail-total-above': '1',
      coverage: `${join(coverage, 'features.lcov')}\n  ${join(coverage, 'serving.lcov')}`,
      // --exit-zero makes the gate advisory; the quoted value must reach mldebt unquoted.
      args: `--exit-zero --since '400d'`,
    });
    expect(stepNamed(result, 'Gate').status).toBe('success');
    expect(stepNamed(result, 'Gate').stdout).toContain('advisory run');
    expect(result.outputs.passed).toBe('false');
    const report = readReport(result.outputs.report ?? '');
    expect(report.gate.thresholds.failTotalAbove).toBe(1);
    expect(report.window?.since).toBe('2025-03-27');
    const percents = report.items.map((item) => item.signals.coverage?.percent);
    expect(percents).toEqual([50, 100]);
  });

  it('warns in the log when the checkout is shallow, with the fix', () => {
    const shallow = join(root.dir, 'shallow');
    execFileSync('git', ['clone', '--quiet', '--depth', '1', `file://${repo}`, shallow], {
      env: testEnv(root.dir),
    });
    const result = run({}, shallow);
    const audit = stepNamed(result, 'Audit');
    expect(audit.stdout).toContain(SHALLOW_WARNING);
    expect(audit.stdout).toContain('fetch-depth: 0');
    expect(result.outputs.passed).toBe('true');
  });

  it("fails the audit step with mldebt's message on a bad inventory, never as a passed gate", () => {
    const broken = join(root.dir, 'broken');
    mkdirSync(broken);
    buildRepo(broken, [
      {
        ...COMMITS[0]!,
        files: { ...COMMITS[0]!.files, 'debt.yaml': INVENTORY.replace('risk: 3', 'risk: 9') },
      },
    ]);
    const result = run({ sarif: 'true' }, broken);
    const audit = stepNamed(result, 'Audit');
    expect(audit.status).toBe('failure');
    expect(audit.exitCode).toBe(2);
    const message = /^(mldebt: debt\.yaml:8:11: error: .*)$/m.exec(audit.stderr)?.[1];
    expect(message).toMatch(/items\[0\]\.risk/);
    expect(audit.stdout).toContain(`::error title=mldebt audit failed::${message}`);
    expect(stepNamed(result, 'Upload SARIF to code scanning').status).toBe('skipped');
    expect(stepNamed(result, 'Gate').status).toBe('skipped');
    expect(result.outputs.passed).toBe('');
    expect(result.summary).toBe('');
  });

  it('refuses args that would change the report it reads', () => {
    const result = run({ args: '--top 1 --format=table' });
    expect(stepNamed(result, 'Audit').exitCode).toBe(2);
    expect(stepNamed(result, 'Audit').stdout).toContain(
      '::error title=mldebt action::input "args" may not set --format: ',
    );
    expect(stepNamed(result, 'Gate').status).toBe('skipped');
  });

  it('refuses an input that is not true or false, naming it', () => {
    const result = run({ sarif: 'yes' });
    const audit = stepNamed(result, 'Audit');
    expect(audit.exitCode).toBe(2);
    expect(audit.stdout).toContain(
      '::error title=mldebt action::input "sarif" must be true or false',
    );
    expect(existsSync(join(root.dir, `runner-${runs}`, 'mldebt', 'report.json'))).toBe(false);
  });
});
