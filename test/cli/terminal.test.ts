/**
 * What a person at a terminal meets: version, help, colors only when wanted, quiet. What the
 * real process decides (the `--version` fast path, colors from its own environment and
 * stdout, a removed current directory) runs the built binary; the rest runs in-process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRepo } from '../../scripts/lib/repo-builder.js';
import { BIN, runCli } from '../helpers/exec.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { commits, inventory } from '../helpers/scenario.js';

const pkg = JSON.parse(
  (await import('node:fs')).readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as { version: string };

let base: string;
let repo: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'mldebt-term-'));
  repo = join(base, 'repo');
  buildRepo(repo, commits);
  writeFileSync(join(repo, 'debt.yaml'), inventory);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('terminal behaviour', () => {
  it('prints the version and help', async () => {
    // --version is answered by the binary's entry before run() is loaded: a real process.
    expect(runCli(['--version'], { cwd: repo })).toEqual({
      status: 0,
      stdout: `${pkg.version}\n`,
      stderr: '',
    });
    const help = await runInProcess(['audit', '--help'], { cwd: repo });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--fail-above <score>');
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(
      '"table", "json", "markdown", "sarif", "csv", "github"',
    );
  });

  it('uses colors only when forced or on a terminal, never with NO_COLOR or --no-color', async () => {
    // The process's own environment and its stdout (a pipe here) decide: the real binary.
    const forced = runCli(['audit'], { cwd: repo, env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain('\u001b[');
    const noColor = runCli(['audit'], { cwd: repo, env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(noColor.stdout).not.toContain('\u001b[');
    // The flag is read by run(), whatever the environment says: in-process is enough.
    const flag = await runInProcess(['audit', '--no-color'], {
      cwd: repo,
      env: { NO_COLOR: '', FORCE_COLOR: '1' },
    });
    expect(flag.stdout).not.toContain('\u001b[');
    const piped = runCli(['audit'], { cwd: repo, env: { NO_COLOR: '' } });
    expect(piped.stdout).not.toContain('\u001b[');
  });

  it('colours warnings yellow and errors red on stderr only when colours are wanted', async () => {
    const dead = join(base, 'dead-glob.yaml');
    writeFileSync(dead, inventory.replace(/paths: \[/, 'paths: ["no/such/dir/**", '));
    const args = ['audit', '--config', dead, '--format', 'json', '--exit-zero'];
    const forced = await runInProcess(args, { cwd: repo, env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    const YELLOW = '\u001b[33m';
    const RED = '\u001b[31m';
    const lines = (text: string) => text.split('\n');
    expect(
      lines(forced.stderr).some(
        (line) => line.startsWith(`${YELLOW}mldebt: warning: `) && line.includes('no/such/dir'),
      ),
    ).toBe(true);
    expect(forced.stdout).not.toContain('\u001b[');
    const plain = await runInProcess(args, { cwd: repo, env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(plain.stderr).toMatch(/^mldebt: warning: .*no\/such\/dir/m);
    expect(plain.stderr).not.toContain('\u001b[');
    writeFileSync(join(base, 'broken.yaml'), 'version: 1\nitems: [\n');
    const invalid = await runInProcess(['validate', '--config', join(base, 'broken.yaml')], {
      cwd: repo,
      env: { NO_COLOR: '', FORCE_COLOR: '1' },
    });
    expect(
      lines(invalid.stderr).some(
        (line) => line.startsWith(RED) && /broken\.yaml:\d+:\d+/.test(line),
      ),
    ).toBe(true);
  });

  it('a current directory that was removed is exit 2 with one line, not a stack trace', () => {
    const gone = join(base, 'gone');
    const res = spawnSync(
      'sh',
      [
        '-c',
        'mkdir "$0" && cd "$0" && rmdir "$0" && exec "$1" "$2" audit',
        gone,
        process.execPath,
        BIN,
      ],
      { cwd: base, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } },
    );
    expect(res.stderr).toBe(
      'mldebt: the current directory no longer exists: change to one that does\n',
    );
    expect(res.status).toBe(2);
  });

  it('--quiet keeps warnings off stderr', async () => {
    const loud = await runInProcess(['audit', '--format', 'json'], { cwd: repo });
    expect(loud.stderr).toContain('mldebt: warning: TYPO-005');
    const quiet = await runInProcess(['audit', '--format', 'json', '--quiet'], { cwd: repo });
    expect(quiet.stderr).toBe('');
  });
});
