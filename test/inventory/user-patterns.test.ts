/**
 * Regular expressions and globs a user writes cannot hang or crash a run: `fix_pattern:
 * (a+)+$` hung the audit forever on one unlucky commit subject and `validate` called it
 * valid; a 100,000-character pattern or a 65,536-character glob ended in exit 3. They are
 * compiled for RE2 (linear time) and bounded in length, and refused with exit 2 and one line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRepo } from '../../scripts/lib/repo-builder.js';
import { audit } from '../../src/index.js';
import { testEnv } from '../helpers/audit-repo.js';
import { inventoryText, makeRepo, problemLines, runInProcess, writeInventory } from './cli.js';

const repo = makeRepo('mldebt-patterns-');
const hostile = mkdtempSync(join(tmpdir(), 'mldebt-hostile-'));
afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
  rmSync(hostile, { recursive: true, force: true });
});

/** validate and audit on `text`: both exit 2 with exactly one problem line, returned. */
async function refusedByBoth(text: string): Promise<string> {
  const config = writeInventory(repo, text);
  const lines: string[] = [];
  for (const command of ['validate', 'audit']) {
    const res = await runInProcess([command, '--repo', repo, '--config', config], repo);
    expect(res.code, res.stderr).toBe(2);
    expect(res.stderr).not.toMatch(/internal error|\n\s+at /);
    const problems = problemLines(res.stderr);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.length).toBeLessThan(300);
    lines.push(problems[0]!);
  }
  expect(lines[0]).toBe(lines[1]);
  return lines[0]!;
}

describe('validate and audit refuse unusable patterns and globs with exit 2 and one line', () => {
  it('a 100,000-character fix_pattern', async () => {
    const line = await refusedByBoth(
      inventoryText({ settings: `  fix_pattern: "${'a'.repeat(100_000)}"\n` }),
    );
    expect(line).toBe(
      'debt.yaml:4:16: error: settings.fix_pattern: expected a regular expression, got an invalid one (100000 characters long, at most 1000)',
    );
  });

  it('a 65,536-character glob', async () => {
    const line = await refusedByBoth(
      inventoryText().replace('paths: [src/a.py]', `paths: ["${'a'.repeat(65_536)}"]`),
    );
    expect(line).toMatch(
      /^debt\.yaml:9:13: error: items\[0\]\.paths\[0\]: glob "a{77}\.\.\." is 65536 characters long, at most 1024$/,
    );
  });

  it.each([
    ['a lookahead', '"fix(?=ed)"'],
    ['a lookbehind', '"(?<=hot)fix"'],
    ['a backreference', '"(fix)\\\\1"'],
  ])('%s in fix_pattern is reported invalid (RE2 cannot run it)', async (_name, pattern) => {
    const line = await refusedByBoth(inventoryText({ settings: `  fix_pattern: ${pattern}\n` }));
    expect(line).toMatch(
      /^debt\.yaml:4:16: error: settings\.fix_pattern: expected a regular expression, got an invalid one \(.+\)$/,
    );
  });

  it('the same rule for fix_exclude', async () => {
    const line = await refusedByBoth(inventoryText({ settings: '  fix_exclude: "(?!docs)"\n' }));
    expect(line).toMatch(/^debt\.yaml:4:16: error: settings\.fix_exclude: expected a regular/);
  });
});

describe('a catastrophic-backtracking fix_pattern on a real repository', () => {
  // Node's own engine needs about 2^n steps here: 30 "a" already take seconds, 5,000 would
  // never finish. Finishing at all (within the test's timeout, whatever the machine's load) is
  // the proof: a wall-clock bound would only measure the machine.
  it('(a+)+$ against a subject of 5,000 "a" and a "!" finishes', { timeout: 60_000 }, async () => {
    buildRepo(hostile, [
      {
        date: '2026-06-01T10:00:00Z',
        author: { name: 'Ana', email: 'ana@example.com' },
        message: 'Initial import',
        files: { 'src/a.py': 'a = 1\n' },
      },
      {
        date: '2026-06-30T12:00:00Z',
        author: { name: 'Ana', email: 'ana@example.com' },
        message: `${'a'.repeat(5000)}!`,
        files: { 'src/a.py': 'a = 2\n' },
      },
    ]);
    const config = writeInventory(
      hostile,
      inventoryText({ settings: '  fix_pattern: "(a+)+$"\n' }),
    );
    // The test environment: no user config, and a cache directory of its own (never ~/.cache).
    const { report } = await audit({ cwd: hostile, repo: hostile, config, env: testEnv(hostile) });
    expect(report.items[0]!.signals.git?.commits).toBe(2);
    // The subject ends in "!", so "(a+)+$" does not match it: not a fix.
    expect(report.items[0]!.signals.git?.fixCommits).toBe(0);
  });
});
