/**
 * The CLI in-process for the inventory tests: `run(argv, io)` with fake streams, so a test
 * sees exactly what a user would read on stdout and stderr, and the exit code, without
 * spawning a process.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRepo } from '../../scripts/lib/repo-builder.js';
import { runInProcess as runCliInProcess } from '../helpers/run-in-process.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `mldebt <argv>` in `cwd` and collects what it wrote, with git kept away from this
 * machine's config (see test/helpers/run-in-process.ts).
 */
export async function runInProcess(argv: string[], cwd: string): Promise<RunResult> {
  const { status, stdout, stderr } = await runCliInProcess(argv, { cwd });
  return { code: status, stdout, stderr };
}

/**
 * The problem lines of a run's stderr, without the `mldebt: ` prefix that `audit` adds and
 * `validate` does not (its lines are a list, like a compiler's).
 */
export function problemLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .map((line) => line.replace(/^mldebt: /, ''))
    .filter((line) => /^[^ ]+:\d+:\d+: (error|warning): /.test(line));
}

/**
 * A temp git repository with one file (`src/a.py`) committed on 2026-06-30, for commands that
 * need a history to get as far as the window.
 */
export function makeRepo(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  buildRepo(dir, [
    {
      date: '2026-06-30T12:00:00Z',
      author: { name: 'Ana', email: 'ana@example.com' },
      message: 'Initial import',
      files: { 'src/a.py': 'a = 1\n' },
    },
  ]);
  return dir;
}

/** Writes `text` (or bytes) as `debt.yaml` in `dir` and returns its path. */
export function writeInventory(dir: string, text: string | Uint8Array): string {
  const path = join(dir, 'debt.yaml');
  writeFileSync(path, text);
  return path;
}

/** A valid inventory with one item; `settings` and `item` are YAML lines spliced in. */
export function inventoryText(parts: { settings?: string; item?: string } = {}): string {
  return (
    'version: 1\nproject: demo\n' +
    (parts.settings ? `settings:\n${parts.settings}` : '') +
    'items:\n  - id: DATA-001\n    title: t\n    category: data\n    risk: 2\n    cost_of_delay: 2\n' +
    `    paths: [src/a.py]\n${parts.item ?? ''}`
  );
}
