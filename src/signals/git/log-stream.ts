/**
 * The history pass's git: a spawned `git log` (a walk from a commit, or a walk of a given list
 * of commits, which the sharded pass and the cache use) whose output is parsed as it streams.
 *
 * Why not simple-git here: simple-git buffers a command's whole output before handing it
 * over, and on a repository with 50,000 commits `--numstat` output runs to hundreds of MB.
 * Streaming keeps memory flat and lets aggregation overlap with git's own work.
 *
 * The output is framed by NUL bytes only (`-z`): NUL is the one byte that can occur neither
 * in a path nor in a commit subject, so no file name or message can break the framing (a
 * record-separator byte such as 0x1E can, and once did). Commits are told apart by grammar,
 * not by a separator: each starts with a fixed number of header fields, the first of which
 * is a full hash; diff entries that follow look like `added\tdeleted\tpath` or a status
 * letter, which a hash never does.
 */
import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { GIT_CONFIG_OVERRIDES, gitEnv } from './git-env.js';

/** One file change in a commit. `oldPath` is set for renames (and copies). */
export interface FileChange {
  path: string;
  oldPath?: string;
  /** Lines added + deleted; `null` when churn was not asked for; 0 for binary files. */
  churn: number | null;
}

export interface LogCommit {
  hash: string;
  /** True for a commit without parents: a root commit (or a shallow clone's boundary). */
  root: boolean;
  /** Author email with `.mailmap` applied (`%aE`), lower-cased. */
  email: string;
  /** Author name with `.mailmap` applied (`%aN`): bots are recognised by name or email. */
  name: string;
  /** Committer date, epoch seconds. */
  time: number;
  subject: string;
  changes: FileChange[];
}

/** How each commit is diffed: the options every history command shares. */
export interface DiffOptions {
  cwd: string;
  /** `--numstat` (lines) or the cheaper `--name-status` (paths only). */
  lineChurn: boolean;
  /** Follow only renames of identical content (`-M100%`): needs no file contents. */
  exactRenamesOnly?: boolean;
  /** Environment for git (the caller's PATH and HOME); defaults to this process's. */
  env?: NodeJS.ProcessEnv;
  /**
   * Only changes these pathspecs select are listed, and commits with none are left out (a
   * walk of a given list only: see churn-scope.ts). Renames are found among them alone.
   */
  pathspecs?: readonly string[];
}

/** A walk of history: where from, how far back, and how each commit is diffed. */
export interface LogOptions extends DiffOptions {
  /** Revision to walk from: a full commit hash, already resolved. */
  rev: string;
  /**
   * Commits with an older committer date are not shown (epoch seconds, inclusive); `null`
   * shows the whole history.
   */
  sinceSeconds: number | null;
}

/** Header fields of a commit, in order: see {@link FORMAT}. */
const HEADER_FIELDS = 6;
/** hash, parents, mailmapped author email and name, committer time, subject. */
const FORMAT = '%H%x00%P%x00%aE%x00%aN%x00%ct%x00%s%x00';

const HASH = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const NUMSTAT = /^(\d+|-)\t(\d+|-)\t/;
const STATUS = /^[A-Z][0-9]{0,3}$/;

/**
 * `--since-as-filter` takes a date: written in full ISO form, because git reads `@N` as a
 * timestamp only for N >= 100000000 (a window reaching before 1973-03-03 would otherwise be
 * misread and empty every signal).
 */
export function gitDate(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace('T', ' ').replace('.000Z', ' +0000');
}

/**
 * The commits of a walk are filtered by committer date, not cut off at the first old one.
 *
 * Not `--since`: a date-limited walk stops at the first commit older than the date, so one
 * commit with a wrong date (1970) in the middle of history would hide everything behind it.
 * `--since-as-filter` walks all of history and filters; only the filtered commits are
 * diffed, and the walk itself is cheap.
 */
export function sinceFilter(sinceSeconds: number | null): string[] {
  return sinceSeconds === null || sinceSeconds <= 0
    ? []
    : [`--since-as-filter=${gitDate(sinceSeconds)}`];
}

/** How every commit is printed and diffed, by a walk and by a walk of a given list alike. */
function diffArgs(options: DiffOptions): string[] {
  return [
    '-z',
    options.exactRenamesOnly ? '-M100%' : '-M',
    options.lineChurn ? '--numstat' : '--name-status',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    '--encoding=UTF-8',
    `--format=${FORMAT}`,
  ];
}

/** The exact argv of the history pass (the bench runs the same pass without mldebt). */
export function historyArgs(options: LogOptions): string[] {
  return [
    ...GIT_CONFIG_OVERRIDES,
    'log',
    '--no-merges',
    ...diffArgs(options),
    ...sinceFilter(options.sinceSeconds),
    '--end-of-options',
    options.rev,
    '--',
  ];
}

/**
 * The argv of a walk of the commits written to its stdin: `--no-walk=unsorted` shows exactly
 * those commits, in the order given, each diffed against its parent as a walk would (the
 * root commit against the empty tree: `log.showRoot`). `--no-merges` is redundant for a
 * list without merges, and keeps the command a history pass by its argv.
 */
export function walkArgs(options: DiffOptions): string[] {
  return [
    ...GIT_CONFIG_OVERRIDES,
    'log',
    '--no-merges',
    '--no-walk=unsorted',
    '--stdin',
    ...diffArgs(options),
    '--',
    ...(options.pathspecs ?? []),
  ];
}

/** Why a history command failed: git's own first line, for a one-line message. */
export class GitLogError extends Error {
  constructor(
    readonly exitCode: number | null,
    readonly stderr: string,
    command = 'log',
  ) {
    super(`git ${command} failed (exit ${exitCode}): ${firstLine(stderr)}`);
    this.name = 'GitLogError';
  }
}

function firstLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  // git's fatal line is the one that says what is wrong; warnings and hints come before it.
  return lines.find((l) => l.startsWith('fatal:')) ?? lines[0] ?? 'no message';
}

/** A running history command: its stdout as raw chunks, flow control, and its end. */
export interface GitProcess {
  /** Resolves when git exits 0 after its last chunk; rejects with a {@link GitLogError}. */
  done: Promise<void>;
  /** Stops reading stdout (git blocks once the pipe is full) until {@link resume}. */
  pause(): void;
  resume(): void;
  kill(): void;
}

/**
 * Spawns one git command that prints history (no shell, no pager, the read-only
 * environment), hands every stdout chunk to `onChunk` and writes `input` to its stdin. A
 * throw from `onChunk` kills git and rejects `done` with that error.
 */
export function spawnGit(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string; command?: string },
  onChunk: (chunk: Buffer) => void,
): GitProcess {
  const child = spawn('git', args, {
    cwd: options.cwd,
    env: gitEnv({ pager: false, env: options.env }),
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    shell: false,
  });
  let stderr = '';
  let failed: Error | undefined;
  const done = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (failed) return;
      try {
        onChunk(chunk);
      } catch (error) {
        failed = error as Error;
        child.kill();
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      if (stderr.length < 10_000) stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (failed) return reject(failed);
      if (code !== 0) return reject(new GitLogError(code, stderr, options.command));
      resolve();
    });
  });
  if (options.input !== undefined) {
    // git that fails early closes its stdin: EPIPE then is not the failure, its exit is.
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(options.input);
  }
  return {
    done,
    pause: () => child.stdout!.pause(),
    resume: () => child.stdout!.resume(),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
}

/**
 * Decodes and parses one git history stream, chunk by chunk, handing each commit on.
 * UTF-8 is decoded per stream: a character split across two chunks is joined again.
 */
export class CommitStream {
  private readonly decoder = new StringDecoder('utf8');
  private readonly parser: LogParser;

  constructor(lineChurn: boolean, onCommit: (c: LogCommit) => void) {
    this.parser = new LogParser(lineChurn, onCommit);
  }

  write(chunk: Buffer): void {
    this.parser.push(this.decoder.write(chunk));
  }

  /** The stream is complete: its last commit is handed on. */
  end(): void {
    this.parser.push(this.decoder.end());
    this.parser.end();
  }
}

/**
 * Streams commits newest first (git's default order) to `onCommit`. Resolves when git has
 * finished; rejects with a {@link GitLogError} carrying git's stderr when it fails.
 */
export async function streamHistory(
  options: LogOptions,
  onCommit: (c: LogCommit) => void,
): Promise<void> {
  const stream = new CommitStream(options.lineChurn, onCommit);
  await spawnGit(historyArgs(options), options, (chunk) => stream.write(chunk)).done;
  stream.end();
}

/**
 * Streams the commits `hashes` names (full hashes, no merges), in that order, each diffed
 * against its parent exactly as {@link streamHistory} diffs it: a walk of a given list
 * yields the same commits as the walk that listed them. Resolves when git has finished;
 * rejects with a {@link GitLogError} when it fails.
 */
export async function walkCommits(
  hashes: readonly string[],
  options: DiffOptions,
  onCommit: (c: LogCommit) => void,
): Promise<void> {
  if (hashes.length === 0) return;
  const stream = new CommitStream(options.lineChurn, onCommit);
  const input = hashList(hashes);
  await spawnGit(walkArgs(options), { ...options, input }, (chunk) => stream.write(chunk)).done;
  stream.end();
}

/**
 * The stdin of a walk of a given list: one full hash a line. Anything else is refused
 * before git sees it: a line starting with `-` would be read as an option.
 */
export function hashList(hashes: readonly string[]): string {
  for (const hash of hashes) {
    if (!HASH.test(hash)) throw new Error('walkCommits: not a full commit hash');
  }
  return hashes.length === 0 ? '' : `${hashes.join('\n')}\n`;
}

type State =
  | { kind: 'header'; fields: string[] }
  | { kind: 'diff'; commit: LogCommit }
  /** Inside a diff entry that continues with `paths` more path tokens. */
  | { kind: 'paths'; commit: LogCommit; status: string; churn: number | null; paths: string[] };

/**
 * Parses `git log -z --format=FORMAT (--numstat | --name-status)` token by token, as chunks
 * arrive. Throws on output it does not understand, without quoting it (a subject or a path
 * is the repository's content, not ours to print).
 */
export class LogParser {
  private pending = '';
  private state: State = { kind: 'header', fields: [] };
  private commits = 0;

  constructor(
    private readonly numstat: boolean,
    private readonly onCommit: (c: LogCommit) => void,
  ) {}

  push(text: string): void {
    let nul = text.indexOf('\0');
    if (nul === -1) {
      this.pending += text;
      return;
    }
    this.token(this.pending + text.slice(0, nul));
    let start = nul + 1;
    for (nul = text.indexOf('\0', start); nul !== -1; nul = text.indexOf('\0', start)) {
      this.token(text.slice(start, nul));
      start = nul + 1;
    }
    this.pending = text.slice(start);
  }

  end(): void {
    if (this.pending !== '') {
      this.token(this.pending);
      this.pending = '';
    }
    const state = this.state;
    if (state.kind === 'header' && state.fields.length > 0) this.fail('ends inside a header');
    if (state.kind === 'paths') this.fail('ends inside a rename entry');
    if (state.kind === 'diff') this.onCommit(state.commit);
    this.state = { kind: 'header', fields: [] };
  }

  private token(raw: string): void {
    const state = this.state;
    if (state.kind === 'header') {
      state.fields.push(raw);
      if (state.fields.length === HEADER_FIELDS)
        this.state = { kind: 'diff', commit: this.header(state.fields) };
      return;
    }
    if (state.kind === 'paths') {
      state.paths.push(raw);
      const wanted =
        this.numstat || state.status.startsWith('R') || state.status.startsWith('C') ? 2 : 1;
      if (state.paths.length < wanted) return;
      const [first = '', second] = state.paths;
      const renamed = second !== undefined && !state.status.startsWith('C');
      state.commit.changes.push({
        path: second ?? first,
        ...(renamed ? { oldPath: first } : {}),
        churn: state.churn,
      });
      this.state = { kind: 'diff', commit: state.commit };
      return;
    }
    // Git puts a newline before the first diff entry and an empty field after the header.
    const token = raw.startsWith('\n') ? raw.slice(1) : raw;
    if (token === '') return;
    if (this.numstat) {
      const match = NUMSTAT.exec(token);
      if (match) {
        // Binary files show `-` for both counts: they add no lines.
        const churn = match[1] === '-' ? 0 : Number(match[1]) + Number(match[2]);
        const path = token.slice(match[0].length);
        if (path !== '') state.commit.changes.push({ path, churn });
        else this.state = { kind: 'paths', commit: state.commit, status: 'R', churn, paths: [] };
        return;
      }
    } else if (STATUS.test(token)) {
      this.state = { kind: 'paths', commit: state.commit, status: token, churn: null, paths: [] };
      return;
    }
    // Anything else starts the next commit.
    this.onCommit(state.commit);
    this.state = { kind: 'header', fields: [token] };
    if (!HASH.test(token)) this.fail('has a commit that does not start with a hash');
  }

  private header(fields: string[]): LogCommit {
    const [hash = '', parents = '', email = '', name = '', time = '', subject = ''] = fields;
    if (!HASH.test(hash)) this.fail('has a commit that does not start with a hash');
    if (!/^\d+$/.test(time))
      this.fail(`has a commit (${hash.slice(0, 10)}) without a committer date`);
    this.commits++;
    return {
      hash,
      root: parents === '',
      email: email.toLowerCase(),
      name,
      time: Number(time),
      subject,
      changes: [],
    };
  }

  private fail(what: string): never {
    throw new Error(
      `unexpected git log output: the stream ${what} (after ${this.commits} commits)`,
    );
  }
}
