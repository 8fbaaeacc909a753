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

/**
 * glibc's allocator settings for the history gits. Diffing a commit allocates and frees both
 * versions of every changed file; with the default 128 KiB of slack, the heap's top is handed
 * back to the kernel after nearly every diff and taken again for the next, and each page
 * taken again is faulted in and zeroed. On optuna's 16,000 commits a `git log --numstat`
 * walk spent 1.0–1.3 s of its 4.1–5.4 s in the kernel, and 0.3 s of 2.9–3.1 s with 64 MiB of
 * slack (4 MB more peak memory). The walks of a given list that the pass runs lose less to
 * it: its two shards took 3.2 instead of 3.45–3.55 s of CPU (the 50k generated history, of
 * small files, nothing). Other C libraries ignore the variable; git's output is the same.
 */
const ALLOCATOR_SLACK = { MALLOC_TOP_PAD_: String(64 * 1024 * 1024) };

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
    // GIT_FLUSH=0: git's output is a pipe, so by default it flushes after every commit, a
    // write of a few hundred bytes each, and this process wakes up as often. Fully buffered,
    // it writes in stdio blocks: a tenth of the system calls on both sides. Safe as every
    // input is written at once (no request waits on its answer).
    env: { ...gitEnv({ pager: false, env: options.env }), GIT_FLUSH: '0', ...ALLOCATOR_SLACK },
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

/** What the parser reads next: a commit's header fields, its diff entries, an entry's paths. */
/**
 * `text` in memory of its own. V8 keeps a substring of 13 characters or more as a view of
 * its parent; a concatenation is flattened into a new string before it is cut, so the cut
 * is a view of that new string only.
 */
function detached(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

const HEADER = 0;
const DIFF = 1;
const PATHS = 2;

const TAB = 9;
const NEWLINE = 10;
const DASH = 45;
const DIGIT_0 = 48;
const DIGIT_9 = 57;

/**
 * Parses `git log -z --format=FORMAT (--numstat | --name-status)` token by token, as chunks
 * arrive. Throws on output it does not understand, without quoting it (a subject or a path
 * is the repository's content, not ours to print).
 *
 * Written for the per-commit cost of a pass over tens of thousands of commits: the state is
 * a few fields rather than an object per token, and the grammar's small tokens (hashes,
 * counts, status letters) are checked character by character rather than by regex.
 *
 * What it hands on shares no memory with git's output. A substring is a view of the text it
 * was cut from, so a path, author name or subject that an aggregator keeps (a path first
 * seen, a fix listed) would keep its whole chunk of output alive: by the end of a pass over
 * 50,000 commits that was 11 MB of old output, the largest part of a run's growth with the
 * history. Paths and names repeat, so each is copied once and the copy handed on every time.
 */
export class LogParser {
  private pending = '';
  private mode = HEADER;
  /** The header fields read so far of the commit being read. */
  private fields: string[] = [];
  /** The commit whose diff entries are being read. */
  private commit: LogCommit | null = null;
  /** Inside an entry: paths still to read, the first one read, whether it is a rename. */
  private wanted = 0;
  private firstPath: string | null = null;
  private renamed = false;
  private churn: number | null = null;
  private commits = 0;
  /** The copy handed on for each path and author name seen (see the class comment). */
  private readonly copies = new Map<string, string>();

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
    if (this.mode === HEADER && this.fields.length > 0) this.fail('ends inside a header');
    if (this.mode === PATHS) this.fail('ends inside a rename entry');
    if (this.mode === DIFF) this.onCommit(this.commit!);
    this.mode = HEADER;
    this.fields = [];
    this.commit = null;
  }

  private token(raw: string): void {
    if (this.mode === HEADER) {
      this.fields.push(raw);
      if (this.fields.length === HEADER_FIELDS) {
        this.commit = this.header(this.fields);
        this.fields = [];
        this.mode = DIFF;
      }
      return;
    }
    const commit = this.commit!;
    if (this.mode === PATHS) {
      if (this.wanted === 2) {
        this.firstPath = raw;
        this.wanted = 1;
        return;
      }
      const first = this.firstPath;
      const path = this.copyOf(raw);
      commit.changes.push(
        first !== null && this.renamed
          ? { path, oldPath: this.copyOf(first), churn: this.churn }
          : { path, churn: this.churn },
      );
      this.firstPath = null;
      this.mode = DIFF;
      return;
    }
    // Git puts a newline before the first diff entry and an empty field after the header.
    const token = raw.charCodeAt(0) === NEWLINE ? raw.slice(1) : raw;
    if (token === '') return;
    if (this.numstat) {
      const end = this.numstatEntry(token);
      if (end !== -1) {
        const path = token.slice(end);
        if (path !== '') commit.changes.push({ path: this.copyOf(path), churn: this.churn });
        else this.entry(2, true);
        return;
      }
    } else if (isStatus(token)) {
      const kind = token.charCodeAt(0);
      // Renames (R) and copies (C) name two paths; only a rename gives the old name on.
      const twoPaths = kind === 82 || kind === 67;
      this.churn = null;
      this.entry(twoPaths ? 2 : 1, kind === 82);
      return;
    }
    // Anything else starts the next commit.
    this.onCommit(commit);
    this.commit = null;
    this.mode = HEADER;
    this.fields = [token];
    if (!isHash(token)) this.fail('has a commit that does not start with a hash');
  }

  private entry(paths: number, renamed: boolean): void {
    this.mode = PATHS;
    this.wanted = paths;
    this.renamed = renamed;
    this.firstPath = null;
  }

  /**
   * Reads `added<TAB>deleted<TAB>` (each a count, or `-` for a binary file) at the start of
   * a numstat entry into {@link churn}: returns where its path starts, or -1 when the token
   * is no numstat entry.
   */
  private numstatEntry(token: string): number {
    const addedEnd = countEnd(token, 0);
    if (addedEnd === -1 || token.charCodeAt(addedEnd) !== TAB) return -1;
    const deletedEnd = countEnd(token, addedEnd + 1);
    if (deletedEnd === -1 || token.charCodeAt(deletedEnd) !== TAB) return -1;
    // Binary files show `-` for both counts: they add no lines.
    this.churn =
      token.charCodeAt(0) === DASH
        ? 0
        : countValue(token, 0, addedEnd) + countValue(token, addedEnd + 1, deletedEnd);
    return deletedEnd + 1;
  }

  private header(fields: string[]): LogCommit {
    const [hash = '', parents = '', email = '', name = '', time = '', subject = ''] = fields;
    // Every later commit's hash was checked as it began (see token).
    if (this.commits === 0 && !isHash(hash))
      this.fail('has a commit that does not start with a hash');
    if (!isDigits(time, 0, time.length))
      this.fail(`has a commit (${hash.slice(0, 10)}) without a committer date`);
    this.commits++;
    return {
      hash,
      root: parents === '',
      // Lower-casing returns the very string when it has no capitals: copied all the same.
      email: this.copyOf(email.toLowerCase()),
      name: this.copyOf(name),
      time: Number(time),
      subject: detached(subject),
      changes: [],
    };
  }

  /** The one copy of `text` handed on for every occurrence of it. */
  private copyOf(text: string): string {
    let copy = this.copies.get(text);
    if (copy === undefined) {
      copy = detached(text);
      this.copies.set(copy, copy);
    }
    return copy;
  }

  private fail(what: string): never {
    throw new Error(
      `unexpected git log output: the stream ${what} (after ${this.commits} commits)`,
    );
  }
}

/** Where a numstat count (digits, or a lone `-`) starting at `from` ends; -1 when none does. */
function countEnd(token: string, from: number): number {
  if (token.charCodeAt(from) === DASH) return from + 1;
  let at = from;
  while (isDigit(token.charCodeAt(at))) at++;
  return at === from ? -1 : at;
}

/** The value of a count: NaN for `-` (a binary file's, which the caller reads as 0 lines). */
function countValue(token: string, from: number, to: number): number {
  if (token.charCodeAt(from) === DASH) return Number.NaN;
  // Beyond 15 digits, summing digit by digit could round differently from Number().
  if (to - from > 15) return Number(token.slice(from, to));
  let value = 0;
  for (let at = from; at < to; at++) value = value * 10 + (token.charCodeAt(at) - DIGIT_0);
  return value;
}

function isDigit(code: number): boolean {
  return code >= DIGIT_0 && code <= DIGIT_9;
}

function isDigits(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let at = from; at < to; at++) if (!isDigit(text.charCodeAt(at))) return false;
  return true;
}

/** A full commit hash: 40 (SHA-1) or 64 (SHA-256) lower-case hex digits. */
function isHash(text: string): boolean {
  if (text.length !== 40 && text.length !== 64) return false;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (!(isDigit(code) || (code >= 97 && code <= 102))) return false;
  }
  return true;
}

/** A `--name-status` status: an upper-case letter and up to three digits (`M`, `R087`). */
function isStatus(token: string): boolean {
  const first = token.charCodeAt(0);
  return (
    token.length <= 4 &&
    first >= 65 &&
    first <= 90 &&
    (token.length === 1 || isDigits(token, 1, token.length))
  );
}
