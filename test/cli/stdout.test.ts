/**
 * Standard output at the process boundary, with the built CLI: a reader that stops early
 * (`| head -c1`) is its choice, not an error, and a full device is exit 2 with one line.
 * The report is far larger than a pipe's buffer, so the write really meets the closed end.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRepo } from '../../scripts/lib/repo-builder.js';
import { run } from '../../src/cli/run.js';
import { BIN } from '../helpers/exec.js';
import { freshCacheHome } from '../helpers/audit-repo.js';
import { captureIo } from './capture-io.js';
import { deviceNode } from './device-nodes.js';

let base: string;
let repo: string;

/** An inventory of `n` items over one file: about 1.5 KB of JSON report per item. */
function bigInventory(n: number): string {
  const items = Array.from(
    { length: n },
    (_, i) =>
      `  - id: ITEM-${String(i).padStart(3, '0')}\n    title: Item ${i} with a title long enough to fill a row\n` +
      `    category: data\n    risk: 3\n    cost_of_delay: 2\n    paths: [src/model.py]\n`,
  );
  return `version: 1\nproject: big\nitems:\n${items.join('')}`;
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'mldebt-stdout-'));
  repo = join(base, 'repo');
  buildRepo(repo, [
    {
      date: '2026-03-01T10:00:00Z',
      author: { name: 'Ana', email: 'ana@example.com' },
      message: 'Add the model',
      files: { 'src/model.py': 'weights = 1\n' },
    },
  ]);
  writeFileSync(join(repo, 'debt.yaml'), bigInventory(150));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const env = () => ({
  PATH: process.env.PATH ?? '',
  HOME: base,
  XDG_CACHE_HOME: freshCacheHome(),
  NO_COLOR: '1',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
});

interface Finished {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Collects a child's output; `status` comes from `statusOf` when given (see runPiped). */
function finish(
  child: ReturnType<typeof spawn>,
  statusOf?: (code: number | null, extra: string) => number | null,
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let extra = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdio[3]?.on('data', (chunk: Buffer) => (extra += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ status: statusOf ? statusOf(code, extra) : code, stdout, stderr }),
    );
  });
}

/**
 * `mldebt <args> | head -c1` through a real shell pipe (pipe(2), 64 KB of buffer, as in CI);
 * the status is mldebt's own, passed back on fd 3 since a pipeline's status is head's.
 */
function runPiped(args: string[]): Promise<Finished> {
  const script = '{ "$0" "$@" 3>&-; echo "$?" >&3; } | head -c1';
  const child = spawn('sh', ['-c', script, process.execPath, BIN, ...args], {
    cwd: repo,
    env: env(),
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  return finish(child, (_, extra) => (extra.trim() === '' ? null : Number(extra.trim())));
}

/** Runs the CLI with stdout opened on `path` (a device). */
async function runWithStdoutOn(args: string[], path: string): Promise<Finished> {
  const fd = openSync(path, 'w');
  try {
    return await finish(
      spawn(process.execPath, [BIN, ...args], {
        cwd: repo,
        env: env(),
        stdio: ['ignore', fd, 'pipe'],
      }),
    );
  } finally {
    closeSync(fd);
  }
}

describe('a reader that closes the pipe early', () => {
  it('the report is several times larger than a pipe buffer', async () => {
    const cap = captureIo(repo);
    expect(await run(['audit', '--format', 'json'], cap.io)).toBe(0);
    expect(cap.stdout().length).toBeGreaterThan(3 * 64 * 1024);
  });

  it('is not an error: exit 0, nothing on stderr', async () => {
    expect(await runPiped(['audit', '--format', 'json'])).toEqual({
      status: 0,
      stdout: '{',
      stderr: '',
    });
  });

  it('keeps the exit code of the gate: 1 when it failed, with its reasons only', async () => {
    const res = await runPiped(['audit', '--format', 'json', '--fail-total-above', '10']);
    expect(res.stderr).toMatch(/^mldebt: gate failed: total \d+\.\d > 10\n$/);
    expect(res.status).toBe(1);
  });

  it('is not an error for export to standard output either', async () => {
    expect(await runPiped(['export', '--format', 'json', '-o', '-', '--quiet'])).toEqual({
      status: 0,
      stdout: '{',
      stderr: '',
    });
  });
});

describe('standard output on a full device', () => {
  it('is exit 2 with one line', async () => {
    const full = deviceNode(base, 'full');
    for (const args of [['audit', '--format', 'json'], ['validate']]) {
      const res = await runWithStdoutOn(args, full);
      expect(res.stderr, args.join(' ')).toBe(
        'mldebt: cannot write the report to standard output: no space left on the device\n',
      );
      expect(res.status).toBe(2);
    }
  });

  it('is exit 2 for --version and --help too', async () => {
    const full = deviceNode(base, 'full');
    for (const args of [['--version'], ['--help']]) {
      const res = await runWithStdoutOn(args, full);
      expect(res.stderr, args.join(' ')).toBe(
        'mldebt: cannot write the report to standard output: no space left on the device\n',
      );
      expect(res.status).toBe(2);
    }
  });
});
