/**
 * The CLI entry in-process, for what a subprocess cannot easily show: an internal error
 * (exit 3, one line, stack only with --debug), a failing stdout, and progress on a terminal.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRepo } from '../../scripts/lib/repo-builder.js';
import { run, type Io } from '../../src/cli/run.js';
import { testEnv } from '../helpers/audit-repo.js';
import { commits, inventory } from '../helpers/scenario.js';

let base: string;
let repo: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'mldebt-run-'));
  repo = join(base, 'repo');
  // Enough commits for the progress counter (it reports every 1,000).
  const many = Array.from({ length: 1200 }, (_, i) => ({
    date: new Date(Date.parse('2026-06-29T00:00:00Z') + i * 1000).toISOString(),
    author: { name: 'Bo', email: 'bo@example.com' },
    message: `tweak ${i}`,
    files: { 'notes.txt': `${i}\n` },
  }));
  buildRepo(repo, [...commits.slice(0, -1), ...many, commits.at(-1)!]);
  writeFileSync(join(repo, 'debt.yaml'), inventory);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

function streams(stdoutWrite?: () => never, tty = false) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    stdout: {
      write: stdoutWrite ?? ((s: string) => out.push(s) > 0),
      isTTY: tty,
    } as unknown as Io['stdout'],
    stderr: { write: (s: string) => err.push(s) > 0, isTTY: tty } as unknown as Io['stderr'],
    env: testEnv(repo, { NO_COLOR: '1' }),
    cwd: repo,
  };
  return { io, out, err };
}

describe('run()', () => {
  it('turns an unexpected failure into exit 3 with one line, the stack only with --debug', async () => {
    // An environment that cannot be read: nothing a user can cause, so it is ours.
    const unreadable = () =>
      Object.defineProperty({}, 'NO_COLOR', {
        enumerable: true,
        get: () => {
          throw new Error('environment unreadable');
        },
      }) as NodeJS.ProcessEnv;
    const plain = streams();
    expect(await run(['audit'], { ...plain.io, env: unreadable() })).toBe(3);
    // Without a HOME the history cache has no place: a note, then the error.
    expect(plain.err.join('')).toMatch(
      /^(mldebt: note: history cache not used: .*\n)?mldebt: internal error: environment unreadable\nmldebt: run again with --debug for the stack trace, and report it\n$/,
    );
    const debug = streams();
    expect(await run(['audit', '--debug'], { ...debug.io, env: unreadable() })).toBe(3);
    expect(debug.err.join('')).toMatch(
      // --debug also times the phases that ran before the failure.
      /^(mldebt: (phase|history:|note:) .*\n)*mldebt: internal error: environment unreadable\nError: environment unreadable\n\s+at /,
    );
  });

  it('a stdout that fails is exit 2 with one line, whatever the gate said', async () => {
    const boom = () => {
      throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
    };
    const failing = streams(boom);
    expect(await run(['audit', '--format', 'json', '-q'], failing.io)).toBe(2);
    expect(failing.err.join('')).toBe(
      'mldebt: cannot write the report to standard output: input/output error\n',
    );
    const gateFailed = streams(boom);
    expect(await run(['audit', '--format', 'json', '--fail-above', '1', '-q'], gateFailed.io)).toBe(
      2,
    );
    expect(gateFailed.err.join('')).toContain(
      'mldebt: cannot write the report to standard output: input/output error\n',
    );
  });

  it('shows progress on a terminal only, and erases it before the report', async () => {
    const tty = streams(undefined, true);
    expect(await run(['audit', '--format', 'json'], tty.io)).toBe(0);
    const err = tty.err.join('');
    expect(err).toContain('\r\u001b[2Kmldebt: reading history… 1,000 commits');
    // The last counter is erased before anything else is written.
    expect(err).toContain('commits\r\u001b[2Kmldebt: warning: TYPO-005');
    const piped = streams(undefined, false);
    expect(await run(['audit', '--format', 'json'], piped.io)).toBe(0);
    expect(piped.err.join('')).not.toContain('reading history');
    expect(piped.out.join('')).toBe(tty.out.join(''));
  });
});
