/**
 * Every class of inventory error gets one clear line with file:line:column, exit 2, nothing on
 * stdout, and no stack trace. The CLI runs in-process; the real process's exit 2 for such an
 * error is checked once, in test/inventory/secret-values.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/run-in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'mldebt-bad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const good = (fields = '') =>
  `version: 1\nproject: demo\nitems:\n  - id: DATA-001\n    title: t\n    category: data\n    risk: 2\n    cost_of_delay: 2\n    paths: [a]\n${fields}`;

const cases: [name: string, text: string, expected: string][] = [
  [
    'malformed YAML',
    'version: 1\nproject: [demo\nitems: []\n',
    'debt.yaml:2:10: error: malformed YAML: this "[" is never closed (add the closing "]")',
  ],
  [
    'schema violation',
    good().replace('risk: 2', 'risk: high'),
    'debt.yaml:7:11: error: items[0].risk: expected an integer 1-5, got "high"',
  ],
  [
    'unknown key',
    good('    onwer: ana\n'),
    'debt.yaml:10:5: error: items[0]: unknown key "onwer" (did you mean "owner"?)',
  ],
  [
    'duplicate ids',
    `${good()}  - id: DATA-001\n    title: u\n    category: data\n    risk: 1\n    cost_of_delay: 1\n    paths: [b]\n`,
    'debt.yaml:10:9: error: items[1].id: duplicate id "DATA-001" (first used on line 4)',
  ],
  [
    'invalid date',
    good('    due: 2026-13-01\n'),
    'debt.yaml:10:10: error: items[0].due: expected a real calendar date YYYY-MM-DD, got "2026-13-01"',
  ],
  [
    'glob escaping the repository',
    good().replace('paths: [a]', 'paths: [../other/**]'),
    'debt.yaml:9:13: error: items[0].paths[0]: glob "../other/**" climbs out with ".."; globs are relative to the repository root',
  ],
];

describe.each(cases)('%s', (_name, text, expected) => {
  it.each([['audit'], ['validate']])('%s: one clear line, exit 2, no stack', async (command) => {
    writeFileSync(join(dir, 'debt.yaml'), text);
    const config = join(dir, 'debt.yaml');
    const res = await runInProcess([command, '--repo', dir, '--config', config], { cwd: dir });
    expect(res.status).toBe(2);
    const lines = res.stderr.trimEnd().split('\n');
    const problem = lines.find((l) => l.includes('debt.yaml:'));
    expect(problem, res.stderr).toBeDefined();
    expect(problem).toContain(expected);
    expect(res.stderr).not.toMatch(/\n\s+at /); // no stack frames
    if (command === 'audit') {
      expect(res.stdout).toBe('');
      expect(lines).toHaveLength(1);
    }
  });
});

describe('other inventory input errors', () => {
  it('names the missing inventory file', async () => {
    const res = await runInProcess(['audit', '--repo', dir, '--config', 'nope.yaml'], { cwd: dir });
    expect(res.status).toBe(2);
    expect(res.stderr).toBe('mldebt: inventory not found: nope.yaml\n');
  });

  it('names the three default names when none exists', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'mldebt-empty-'));
    const res = await runInProcess(['audit'], { cwd: empty });
    rmSync(empty, { recursive: true, force: true });
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(
      /^mldebt: no inventory found in .*: looked for debt\.yaml, debt\.yml, \.mldebt\.yaml/,
    );
  });

  it('reports a repository that does not exist', async () => {
    const res = await runInProcess(['audit', '--repo', join(dir, 'missing')], { cwd: dir });
    expect(res.status).toBe(2);
    expect(res.stderr).toBe(
      `mldebt: repository not found: ${join(dir, 'missing')} does not exist\n`,
    );
  });

  it('rejects an unknown option with exit 2', async () => {
    const res = await runInProcess(['audit', '--frobnicate'], { cwd: dir });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain("unknown option '--frobnicate'");
  });

  it('validate lists warnings but passes: an item without paths', async () => {
    writeFileSync(join(dir, 'debt.yaml'), good().replace('    paths: [a]\n', ''));
    const res = await runInProcess(
      ['validate', '--repo', dir, '--config', join(dir, 'debt.yaml')],
      { cwd: dir },
    );
    expect(res.status).toBe(0);
    expect(res.stderr).toContain('debt.yaml:4:5: warning: DATA-001: no paths');
    expect(res.stdout).toBe('debt.yaml: valid, 1 items, 1 warning\n');
  });
});
