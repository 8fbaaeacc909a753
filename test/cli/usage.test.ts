/** Argv handling in-process: what bare `mldebt`, `--help`, a typo and `validate -q` give. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRepo } from '../../scripts/lib/repo-builder.js';
import { run } from '../../src/cli/run.js';
import { commits, inventory } from '../helpers/scenario.js';
import { captureIo } from './capture-io.js';

let base: string;
let repo: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'mldebt-usage-'));
  repo = join(base, 'repo');
  buildRepo(repo, commits);
  writeFileSync(join(repo, 'debt.yaml'), inventory);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

async function cli(argv: string[]) {
  const cap = captureIo(repo);
  const status = await run(argv, cap.io);
  return { status, stdout: cap.stdout(), stderr: cap.stderr() };
}

describe('usage', () => {
  it('bare mldebt prints the help to stderr and exits 2: a missing command is a mistake', async () => {
    const res = await cli([]);
    expect(res.status).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/^Usage: mldebt \[options\] \[command\]\n/);
    expect(res.stderr).toContain('audit ');
  });

  it('--help and `help` still print the help to stdout and exit 0', async () => {
    for (const argv of [['--help'], ['help'], ['audit', '--help']]) {
      const res = await cli(argv);
      expect(res.status, argv.join(' ')).toBe(0);
      expect(res.stdout).toMatch(/^Usage: mldebt /);
      expect(res.stderr).toBe('');
    }
  });

  it('help for a command that does not exist is exit 2', async () => {
    const res = await cli(['help', 'audti']);
    expect(res.status).toBe(2);
    expect(res.stdout).toBe('');
  });

  it('a commander error is one line with the prefix and the way to help', async () => {
    const res = await cli(['audit', '--formt', 'json']);
    expect(res.status).toBe(2);
    expect(res.stderr).toBe(
      "mldebt: error: unknown option '--formt' (Did you mean --format?) (run mldebt --help for usage)\n",
    );
  });
});

describe('validate --quiet', () => {
  it('prints no warnings, keeps the summary on stdout', async () => {
    const loud = await cli(['validate']);
    expect(loud.status).toBe(0);
    expect(loud.stderr).toContain('warning: items[4].paths[0]: glob "src/featurs/**"');
    expect(loud.stdout).toBe('debt.yaml: valid, 6 items, 1 warning\n');
    for (const flag of ['-q', '--quiet']) {
      const quiet = await cli(['validate', flag]);
      expect(quiet.status).toBe(0);
      expect(quiet.stderr).toBe('');
      expect(quiet.stdout).toBe(loud.stdout);
    }
  });

  it('still prints errors', async () => {
    const bad = join(base, 'bad.yaml');
    // A duplicate id is an error that still lets the globs be checked (and warned about).
    const duplicate = inventory.replace('  - id: SERV-002', '  - id: FEAT-001');
    writeFileSync(bad, duplicate);
    const loud = await cli(['validate', '-c', bad]);
    expect(loud.stderr).toContain('warning: items[4].paths[0]');
    const res = await cli(['validate', '-q', '-c', bad]);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/^\.\.\/bad\.yaml:\d+:\d+: error: .*FEAT-001/);
    expect(res.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(res.stderr).not.toContain('warning');
    expect(res.stdout).toBe('../bad.yaml: 1 error, 1 warning\n');
  });
});
