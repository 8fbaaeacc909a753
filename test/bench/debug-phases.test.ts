/**
 * `--debug` prints the time of every phase of a run on stderr, one line each, and nothing it
 * measures enters the report: stdout is byte-identical with and without it, in every format
 * that carries the run's figures.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRepo } from '../../scripts/lib/repo-builder.js';
import { audit } from '../../src/index.js';
import { testEnv } from '../helpers/audit-repo.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { commits, inventory } from '../helpers/scenario.js';

let base: string;
let repo: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'mldebt-debug-'));
  repo = join(base, 'repo');
  buildRepo(repo, commits);
  writeFileSync(join(repo, 'debt.yaml'), inventory);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const PHASE = /^mldebt: phase (\S+) \d+\.\d\d s$/;
/** The history pass's plan: how many commits it diffs in how many shards, how many cached. */
const PLAN =
  /^mldebt: history: \d+ commits? in \d+ shards? \(.*\)(; \d+ of \d+ commits from the cache)?$/;

/** The phases named on stderr, in the order they ended. */
function phasesOf(stderr: string): string[] {
  return stderr
    .split('\n')
    .map((line) => PHASE.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
}

describe('--debug', () => {
  it('prints one line per phase: context, history, each collector, reconcile, scoring, render', async () => {
    const res = await runInProcess(['audit', '--debug', '--format', 'json'], { cwd: repo });
    expect(res.status, res.stderr).toBe(0);
    const phases = phasesOf(res.stderr);
    expect([...phases].sort()).toEqual(
      [
        'config',
        'context',
        'coverage',
        'git',
        'history',
        'owners',
        'practices',
        'reconcile',
        'render',
        'scoring',
      ].sort(),
    );
    // Phases that follow one another end in order; the collectors end after the pass they read.
    expect(phases[0]).toBe('context');
    expect(phases.slice(-3)).toEqual(['reconcile', 'scoring', 'render']);
    expect(phases.indexOf('history')).toBeLessThan(phases.indexOf('git'));
  });

  it('leaves every report byte-identical, and stderr identical but for its own lines', async () => {
    // The table shows warnings in its footer, JSON carries every figure of the run.
    for (const format of ['json', 'table']) {
      const plain = await runInProcess(['audit', '--format', format], { cwd: repo });
      const debug = await runInProcess(['audit', '--format', format, '--debug'], { cwd: repo });
      expect(debug.status, format).toBe(plain.status);
      expect(debug.stdout, format).toBe(plain.stdout);
      expect(phasesOf(debug.stderr).length, format).toBe(10);
      const withoutPhases = debug.stderr
        .split('\n')
        .filter((line) => !PHASE.test(line) && !PLAN.test(line))
        .join('\n');
      expect(withoutPhases, format).toBe(plain.stderr);
    }
  });

  it('times export and trend too; nothing without --debug', async () => {
    const out = join(base, 'DEBT.md');
    const exported = await runInProcess(['export', '-o', out, '--debug'], { cwd: repo });
    expect(exported.status, exported.stderr).toBe(0);
    expect(phasesOf(exported.stderr)).toContain('render');
    const trend = await runInProcess(['trend', '--months', '1', '--debug'], { cwd: repo });
    expect(trend.status, trend.stderr).toBe(0);
    // The collectors run per point (two: a month end and today).
    expect(phasesOf(trend.stderr).filter((p) => p === 'git')).toHaveLength(2);
    const quiet = await runInProcess(['trend', '--months', '1'], { cwd: repo });
    expect(phasesOf(quiet.stderr)).toEqual([]);
    expect(quiet.stdout).toBe(trend.stdout);
  });

  it('times scan: context, history, config, scoring, render (coverage with reports)', async () => {
    const plain = await runInProcess(['scan', '--format', 'json'], { cwd: repo });
    const res = await runInProcess(['scan', '--format', 'json', '--debug'], { cwd: repo });
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toBe(plain.stdout);
    expect(phasesOf(res.stderr)).toEqual([
      'context',
      'history',
      'config',
      'practices',
      'scoring',
      'render',
    ]);
    expect(res.stderr.split('\n').filter((line) => PLAN.test(line))).toHaveLength(1);
  });

  it('reaches a program through RunOptions.onDebug, lines without the CLI prefix', async () => {
    const lines: string[] = [];
    const { report } = await audit({
      cwd: repo,
      env: testEnv(repo),
      onDebug: (line) => lines.push(line),
    });
    const { report: plain } = await audit({ cwd: repo, env: testEnv(repo) });
    expect(JSON.stringify(report)).toBe(JSON.stringify(plain));
    expect(lines.filter((line) => !/^phase \S+ \d+\.\d\d s$/.test(line))).toEqual([
      expect.stringMatching(
        /^history: \d+ commits? in 1 shard \(.*\); 0 of \d+ commits from the cache$/,
      ),
    ]);
    // The API has no render phase: the caller renders.
    expect(lines.map((l) => l.split(' ')[1])).not.toContain('render');
    expect(lines).toHaveLength(10);
  });
});
