/**
 * The one history pass: a single spawned `git log` whose output is parsed as it streams.
 *
 * Why not simple-git here: simple-git buffers a command's whole output before handing it
 * over, and on a repository with 50,000 commits `--numstat` output runs to hundreds of MB.
 * Streaming keeps memory flat (SPEC §8) and lets aggregation overlap with git's own work.
 * simple-git still runs the small queries (top level, HEAD, shallowness, tracked files).
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
  /** Committer date, epoch seconds. */
  time: number;
  subject: string;
  changes: FileChange[];
}

export interface LogOptions {
  cwd: string;
  /** Revision to walk from (HEAD, or the `--until` revision). */
  rev: string;
  /** Inclusive bounds on the committer date, epoch seconds (`untilSeconds` optional). */
  sinceSeconds: number;
  untilSeconds?: number;
  /** `--numstat` (lines) or the cheaper `--name-status` (paths only). */
  lineChurn: boolean;
}

const RECORD = '\x1e';
/**
 * hash, parents, mailmapped author email, committer time, subject; NUL-separated, then the
 * diff list. Parents tell where history begins (a root commit) without a second rev walk.
 */
const FORMAT = `${RECORD}%H%x00%P%x00%aE%x00%ct%x00%s%x00`;

/** The exact argv of the history pass (the bench runs the same pass without mldebt). */
export function historyArgs(options: LogOptions): string[] {
  return [
    ...GIT_CONFIG_OVERRIDES,
    'log',
    options.rev,
    '--no-merges',
    '-z',
    '-M',
    options.lineChurn ? '--numstat' : '--name-status',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    `--format=${FORMAT}`,
    `--since=@${options.sinceSeconds}`,
    ...(options.untilSeconds === undefined ? [] : [`--until=@${options.untilSeconds}`]),
    '--',
  ];
}

/**
 * Streams commits newest first (git's default order) to `onCommit`. Resolves when git has
 * finished; rejects with git's own stderr when it fails.
 */
export function streamHistory(
  options: LogOptions,
  onCommit: (c: LogCommit) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', historyArgs(options), {
      cwd: options.cwd,
      env: gitEnv({ pager: false }),
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
    });
    const decoder = new StringDecoder('utf8');
    let pending = '';
    let stderr = '';
    let failed: Error | undefined;
    const parse = options.lineChurn ? parseNumstat : parseNameStatus;

    const consume = (text: string, final: boolean) => {
      pending += text;
      const records = pending.split(RECORD);
      pending = final ? '' : records.pop()!;
      for (const record of records) {
        if (record === '') continue;
        try {
          onCommit(parseRecord(record, parse));
        } catch (error) {
          failed ??= error as Error;
          child.kill();
        }
      }
    };

    child.stdout.on('data', (chunk: Buffer) => consume(decoder.write(chunk), false));
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 10_000) stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (failed) return reject(failed);
      consume(decoder.end(), true);
      if (failed) return reject(failed);
      if (code !== 0) return reject(new Error(`git log failed (exit ${code}): ${stderr.trim()}`));
      resolve();
    });
  });
}

type DiffParser = (tokens: string[], start: number) => FileChange[];

function parseRecord(record: string, parseDiff: DiffParser): LogCommit {
  const tokens = record.split('\0');
  const [hash, parents, email, time, subject] = tokens;
  if (
    hash === undefined ||
    parents === undefined ||
    email === undefined ||
    time === undefined ||
    subject === undefined
  ) {
    throw new Error(`unexpected git log output near ${JSON.stringify(record.slice(0, 80))}`);
  }
  return {
    hash,
    root: parents === '',
    email: email.toLowerCase(),
    time: Number(time),
    subject,
    changes: parseDiff(tokens, 5),
  };
}

/** Strips the newline git puts between the header and the first diff entry. */
function clean(token: string): string {
  return token.startsWith('\n') ? token.slice(1) : token;
}

/** `added\tdeleted\tpath`, or for a rename `added\tdeleted\t` then old, new as tokens. */
function parseNumstat(tokens: string[], start: number): FileChange[] {
  const changes: FileChange[] = [];
  for (let i = start; i < tokens.length; i++) {
    const token = clean(tokens[i]!);
    if (token === '') continue;
    const tab1 = token.indexOf('\t');
    const tab2 = token.indexOf('\t', tab1 + 1);
    if (tab1 < 0 || tab2 < 0) throw new Error(`unexpected numstat entry ${JSON.stringify(token)}`);
    const added = token.slice(0, tab1);
    const deleted = token.slice(tab1 + 1, tab2);
    // Binary files show `-` for both counts: they add no lines.
    const churn = added === '-' ? 0 : Number(added) + Number(deleted);
    const path = token.slice(tab2 + 1);
    if (path !== '') {
      changes.push({ path, churn });
    } else {
      const oldPath = tokens[++i]!;
      const newPath = tokens[++i]!;
      changes.push({ path: newPath, oldPath, churn });
    }
  }
  return changes;
}

/** `M\0path`, `R096\0old\0new`, `C075\0src\0dst`. */
function parseNameStatus(tokens: string[], start: number): FileChange[] {
  const changes: FileChange[] = [];
  for (let i = start; i < tokens.length; i++) {
    const status = clean(tokens[i]!);
    if (status === '') continue;
    if (status[0] === 'R' || status[0] === 'C') {
      const oldPath = tokens[++i]!;
      const newPath = tokens[++i]!;
      changes.push({
        path: newPath,
        oldPath: status[0] === 'R' ? oldPath : undefined,
        churn: null,
      });
    } else {
      changes.push({ path: tokens[++i]!, churn: null });
    }
  }
  return changes;
}
