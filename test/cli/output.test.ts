/**
 * Where `--output` and `export` write: a regular file (or a new path) is replaced atomically;
 * a device, FIFO, socket or a link to standard output is written through and never replaced;
 * the inventory, the repository's .git and a directory are refused before anything is
 * written; `export` names its default file after the format.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildRepo, git } from '../../scripts/lib/repo-builder.js';
import { run } from '../../src/cli/run.js';
import { OUTPUT_FORMATS } from '../../src/report/registry.js';
import { BIN } from '../helpers/exec.js';
import { freshCacheHome } from '../helpers/audit-repo.js';
import { commits, inventory } from '../helpers/scenario.js';
import { treeDigest } from '../helpers/tree-digest.js';
import { captureIo } from './capture-io.js';
import { deviceNode } from './device-nodes.js';

let base: string;
let repo: string;
/** A scratch directory outside the repository, emptied before each test. */
let out: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'mldebt-output-'));
  repo = join(base, 'repo');
  buildRepo(repo, commits);
  writeFileSync(join(repo, 'debt.yaml'), inventory);
  out = join(base, 'out');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));
beforeEach(() => {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out);
  // A regression that wrote over the inventory must not change what later tests read.
  writeFileSync(join(repo, 'debt.yaml'), inventory);
});

async function cli(argv: string[], cwd = repo) {
  const cap = captureIo(cwd);
  const status = await run(argv, cap.io);
  return { status, stdout: cap.stdout(), stderr: cap.stderr() };
}

/** The JSON report as `export -o -` prints it, to compare what a target received. */
async function jsonReport(): Promise<string> {
  const res = await cli(['export', '--format', 'json', '-o', '-']);
  expect(res.status).toBe(0);
  return res.stdout;
}

describe('devices, FIFOs, sockets and standard output are written through', () => {
  it('-o onto a null device writes through: it stays a character device', async () => {
    const device = deviceNode(out, 'null');
    const res = await cli(['audit', '--format', 'json', '-o', device]);
    expect(res.status).toBe(0);
    expect(res.stderr).toContain(`mldebt: wrote ${device}\n`);
    expect(statSync(device).isCharacterDevice()).toBe(true);
    expect(readdirSync(dirname(device)).filter((n) => n.includes('.mldebt-'))).toEqual([]);
  });

  it('-o onto a full device is exit 2 with one line and leaves no temp file', async () => {
    const device = deviceNode(out, 'full');
    const res = await cli(['audit', '--format', 'json', '-o', device, '-q']);
    expect(res.status).toBe(2);
    expect(res.stderr).toBe(`mldebt: cannot write ${device}: no space left on the device\n`);
    expect(statSync(device).isCharacterDevice()).toBe(true);
    expect(readdirSync(dirname(device)).filter((n) => n.includes('.mldebt-'))).toEqual([]);
  });

  it('a FIFO receives the report and stays a FIFO', async () => {
    const fifo = join(out, 'report.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
    let received = '';
    reader.stdout.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    const closed = new Promise((resolve) => reader.on('close', resolve));
    try {
      const res = await cli(['export', '--format', 'json', '-o', fifo]);
      expect(res.status).toBe(0);
      expect(lstatSync(fifo).isFIFO()).toBe(true);
      await closed;
    } finally {
      reader.kill();
    }
    expect(received).toBe(await jsonReport());
  });

  it('a Unix socket receives the report', async () => {
    const socketPath = join(out, 'report.sock');
    let received = '';
    const done = new Promise<void>((resolve) => {
      const server = createServer((socket) => {
        socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
        socket.on('end', () => server.close(() => resolve()));
      });
      server.listen(socketPath);
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const res = await cli(['export', '--format', 'json', '-o', socketPath]);
    expect(res.status).toBe(0);
    await done;
    expect(received).toBe(await jsonReport());
  });

  it('-o - and -o /dev/stdout print the report on standard output, -o /dev/stderr on standard error', async () => {
    const expected = await jsonReport();
    for (const target of ['-', '/dev/stdout']) {
      const res = await cli(['audit', '--format', 'json', '-o', target]);
      expect(res.status, target).toBe(0);
      expect(res.stdout).toBe(expected);
    }
    const toStderr = await cli(['audit', '--format', 'json', '-o', '/dev/stderr', '-q']);
    expect(toStderr.status).toBe(0);
    expect(toStderr.stdout).toBe('');
    expect(toStderr.stderr).toBe(expected);
  });

  it('export -o /dev/stdout piped into a reader delivers the report (real process)', async () => {
    const expected = await jsonReport();
    const link = join(out, 'stdout-link');
    symlinkSync('/dev/stdout', link);
    // The link in the temp dir comes first: a regression fails there, replacing only that link,
    // before the machine's own /dev/stdout is ever named.
    for (const target of [link, '/dev/fd/1', '/dev/stdout']) {
      const script = '"$0" "$@" | cat';
      const res = spawnSync(
        'sh',
        ['-c', script, process.execPath, BIN, 'export', '-f', 'json', '-o', target, '-q'],
        {
          cwd: repo,
          encoding: 'utf8',
          env: {
            PATH: process.env.PATH ?? '',
            XDG_CACHE_HOME: freshCacheHome(),
            NO_COLOR: '1',
            GIT_CONFIG_NOSYSTEM: '1',
          },
        },
      );
      expect(res.stderr, target).toBe('');
      expect(res.stdout, target).toBe(expected);
      expect(res.status).toBe(0);
    }
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });
});

describe('files are replaced atomically', () => {
  it('a write that fails midway leaves the previous report and no temp file (real process)', () => {
    const target = join(out, 'report.md');
    writeFileSync(target, 'previous report\n');
    // A file size limit makes the write fail after its first 2 KB (SIGXFSZ ignored, so the
    // write returns EFBIG instead of killing the process); the report is larger than that.
    const res = spawnSync(
      'sh',
      [
        '-c',
        'ulimit -f 4; trap "" XFSZ; exec "$0" "$@"',
        process.execPath,
        BIN,
        'export',
        '-o',
        target,
      ],
      {
        cwd: repo,
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH ?? '',
          XDG_CACHE_HOME: freshCacheHome(),
          NO_COLOR: '1',
          GIT_CONFIG_NOSYSTEM: '1',
        },
      },
    );
    expect(res.stderr).toBe(
      `mldebt: cannot write ${target}: the file is too large (a file size limit, ulimit -f, or the file system)\n`,
    );
    expect(res.status).toBe(2);
    expect(readFileSync(target, 'utf8')).toBe('previous report\n');
    expect(readdirSync(out)).toEqual(['report.md']);
  });
});

describe('targets refused before anything is written', () => {
  it('an option typed where a path belongs: the flag the user meant is not dropped', async () => {
    const before = readdirSync(repo).sort();
    for (const [args, flag, value] of [
      [['export', '-o', '--strict'], '--output', '--strict'],
      [['init', '-c', '--force'], '--config', '--force'],
      [['scan', '-o', '--top'], '--output', '--top'],
      [['audit', '--baseline', '--fail-on-increase'], '--baseline', '--fail-on-increase'],
      [['validate', '-r', '-q'], '--repo', '-q'],
      // Lists too: no report named after the flag is read, and the flag is not dropped.
      [['audit', '--coverage', '--fail-above', '10'], '--coverage', '--fail-above'],
      [['audit', '--incidents', '-x.csv'], '--incidents', '-x.csv'],
    ] as const) {
      const res = await cli([...args], repo);
      expect(res.status, args.join(' ')).toBe(2);
      expect(res.stderr).toBe(
        `mldebt: ${flag}: "${value}" looks like an option, not a path (for a file whose name starts with "-", write ./${value})\n`,
      );
    }
    expect(readdirSync(repo).sort()).toEqual(before);
  });

  it('the inventory, also through a link or another spelling', async () => {
    const before = readFileSync(join(repo, 'debt.yaml'), 'utf8');
    symlinkSync(join(repo, 'debt.yaml'), join(out, 'inventory-link.yaml'));
    for (const [args, cwd, shown] of [
      [['audit', '-o', 'debt.yaml'], repo, 'debt.yaml'],
      [['export', '-o', './src/../debt.yaml'], repo, './src/../debt.yaml'],
      [
        ['audit', '-c', join(repo, 'debt.yaml'), '-o', 'inventory-link.yaml'],
        out,
        'inventory-link.yaml',
      ],
    ] as const) {
      const res = await cli([...args, '-r', repo], cwd);
      expect(res.status, args.join(' ')).toBe(2);
      expect(res.stderr).toBe(
        `mldebt: cannot write ${shown}: it is the inventory (choose another --output)\n`,
      );
      expect(readFileSync(join(repo, 'debt.yaml'), 'utf8')).toBe(before);
    }
  });

  it("anything inside the repository's .git", async () => {
    const digest = treeDigest(join(repo, '.git'));
    symlinkSync(join(repo, '.git'), join(out, 'gitdir'));
    for (const [args, cwd, shown] of [
      [['audit', '-o', '.git/DEBT.md'], repo, '.git/DEBT.md'],
      [['audit', '-o', '.git/config'], repo, '.git/config'],
      [['export', '-o', '.git'], repo, '.git'],
      [['export', '-o', join(out, 'gitdir', 'HEAD'), '-r', repo], out, join(out, 'gitdir', 'HEAD')],
      // export's default file, in the current directory, which is the .git directory.
      [['export', '-r', repo], join(repo, '.git'), 'DEBT.md'],
    ] as const) {
      const res = await cli([...args], cwd);
      expect(res.status, args.join(' ')).toBe(2);
      expect(res.stderr).toBe(
        `mldebt: cannot write ${shown}: it is inside the repository's .git directory (choose another --output)\n`,
      );
    }
    expect(treeDigest(join(repo, '.git'))).toBe(digest);
  });

  it('.git of a linked worktree: its .git file and the shared git directory', async () => {
    const worktree = join(base, 'worktree');
    git(repo, ['worktree', 'add', '-q', '--detach', worktree]);
    writeFileSync(join(worktree, 'debt.yaml'), inventory);
    try {
      const gitFile = readFileSync(join(worktree, '.git'), 'utf8');
      for (const target of ['.git', join(repo, '.git', 'DEBT.md')]) {
        const res = await cli(['audit', '-o', target], worktree);
        expect(res.status, target).toBe(2);
        expect(res.stderr).toContain("it is inside the repository's .git directory");
      }
      expect(readFileSync(join(worktree, '.git'), 'utf8')).toBe(gitFile);
      expect(existsSync(join(repo, '.git', 'DEBT.md'))).toBe(false);
    } finally {
      git(repo, ['worktree', 'remove', '--force', worktree]);
    }
  });

  it('a directory, left as it was', async () => {
    mkdirSync(join(out, 'reports'));
    writeFileSync(join(out, 'reports', 'keep'), 'kept');
    const res = await cli(['export', '-o', join(out, 'reports')]);
    expect(res.status).toBe(2);
    expect(res.stderr).toBe(`mldebt: cannot write ${join(out, 'reports')}: it is a directory\n`);
    expect(readdirSync(out)).toEqual(['reports']);
    expect(readdirSync(join(out, 'reports'))).toEqual(['keep']);
  });

  it('an empty name', async () => {
    const res = await cli(['audit', '-o', '']);
    expect(res.status).toBe(2);
    expect(res.stderr).toBe('mldebt: --output: expected a file name, got an empty string\n');
  });

  // Only root can make a device node (CI runs as root); elsewhere there is none to protect.
  it.runIf(process.getuid?.() === 0)(
    'a block device: a report is never written over a disk',
    async () => {
      const disk = join(out, 'disk');
      // A loop device number that no test machine has attached: nothing could be harmed.
      const made = spawnSync('mknod', [disk, 'b', '7', '250']);
      expect(made.status, `mknod failed: ${made.stderr}`).toBe(0);
      const res = await cli(['audit', '-o', disk]);
      expect(res.status).toBe(2);
      expect(res.stderr).toBe(`mldebt: cannot write ${disk}: it is a block device\n`);
      expect(statSync(disk).isBlockDevice()).toBe(true);
    },
  );
});

describe('export names its default file after the format', () => {
  const expected = {
    markdown: ['DEBT.md', /^# Technical debt: e2e\n/],
    json: ['DEBT.json', /^\{\n {2}"schemaVersion"/],
    sarif: ['DEBT.sarif', /"version": "2\.1\.0"/],
    csv: ['DEBT.csv', /^rank,id,title,/],
    github: ['DEBT.github.txt', /^::warning file=/m],
    table: ['DEBT.txt', /SERV-002/],
    codeclimate: ['DEBT.codeclimate.json', /^\[\n {2}\{\n {4}"description": "/],
    html: ['DEBT.html', /^<!doctype html>[\s\S]*<title>Technical debt: e2e<\/title>/],
  } as const;

  it('covers every format', () => {
    expect(Object.keys(expected).sort()).toEqual([...OUTPUT_FORMATS].sort());
  });

  it.each(Object.entries(expected))('%s', async (format, [file, content]) => {
    const res = await cli(['export', '--format', format, '-r', repo], out);
    expect(res.status).toBe(0);
    expect(res.stderr).toMatch(
      new RegExp(`^mldebt: wrote ${file.replace('.', '\\.')} \\(${format},`),
    );
    expect(readdirSync(out)).toEqual([file]);
    expect(readFileSync(join(out, file), 'utf8')).toMatch(content);
  });
});
