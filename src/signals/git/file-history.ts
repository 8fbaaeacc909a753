/**
 * Pure aggregation of streamed commits into per-file and per-directory facts, for `scan`
 * (which looks at every file, where aggregate.ts looks at the inventory's groups of globs).
 * No I/O: the history pass feeds commits in, tests can feed them by hand.
 *
 * The rules are the audit's:
 * - renames are followed as the log streams newest-first: when commit C renames `old → new`,
 *   older commits touching `old` count for the file's current name;
 * - a failure fix is a commit in the window whose subject matches the fix pattern and not the
 *   exclusion pattern, by an author who is not a bot; bots' commits count as commits and
 *   churn, never as authors or fixes;
 * - commits older than the window only feed `lastChange`; commits newer than its end only
 *   name files (their renames).
 *
 * Only files tracked at the audited commit are kept: a deleted file is no hotspot to act on.
 * A directory's figures count each commit once, however many of its files it touched, so a
 * directory row never adds up the same fix several times.
 */
import { CommitRules, RenameTracker, type CommitRuleOptions } from './commit-rules.js';
import type { LogCommit } from './log-stream.js';
import { maxOfKnown } from '../../util/numbers.js';

export interface FileHistoryOptions extends CommitRuleOptions {
  /** Window bounds, epoch seconds, inclusive. */
  sinceSeconds: number;
  untilSeconds: number;
  /** Paths tracked at the audited commit (current names): only their history is kept. */
  tracked: ReadonlySet<string>;
}

/** What the window's history says about one file, or one directory's direct files. */
export interface PathHistory {
  commits: number;
  fixCommits: number;
  /**
   * How many distinct author emails (bots aside). A count, not the set: every reader wants
   * only that, and a kept result would otherwise carry every file's authors.
   */
  authors: number;
  /** Lines added + deleted (0 when churn is not measured: the caller knows and says so). */
  churn: number;
  /** Newest committer time touching it, any age the pass reached (epoch seconds), or null. */
  lastChange: number | null;
}

export interface FileHistoryResult {
  /** Per tracked file (current name) the pass saw a commit for. */
  files: Map<string, PathHistory>;
  /** Per directory (no trailing slash), over its direct files only; the root is left out. */
  directories: Map<string, PathHistory>;
}

/** A file's or directory's figures as a later pass extends them: its authors as a set. */
export interface PathState extends Omit<PathHistory, 'authors'> {
  authors: Set<string>;
}

/** What a later pass needs to extend this one's (see history-state.ts). */
export interface FileHistoryState {
  files: Map<string, PathState>;
  directories: Map<string, PathState>;
}

/** The directory of a repository path (`src/common/a.py` → `src/common`), '' at the root. */
export function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

function emptyHistory(): PathHistory {
  return { commits: 0, fixCommits: 0, authors: 0, churn: 0, lastChange: null };
}

/**
 * A tracked file or a directory, looked up once per distinct name (a file's directory is
 * worked out once, not once per change), with the lines the current commit changed there.
 */
interface Tally {
  key: string;
  /** Its figures, once a commit up to the window end touched it. */
  history: PathHistory | null;
  /** Its authors in the window so far (the history holds their count once the pass ends). */
  authors: Set<string> | null;
  /** The commit (its sequence number) whose lines `churn` holds. */
  seq: number;
  churn: number;
}

interface FileTally extends Tally {
  /** Its directory's tally; null at the repository root. */
  directory: Tally | null;
}

export class FileHistoryAggregator {
  private readonly files = new Map<string, PathHistory>();
  private readonly directories = new Map<string, PathHistory>();
  private readonly rules: CommitRules;
  private readonly names = new RenameTracker();
  /** Per identity path seen: its tally, or null when it is not tracked. */
  private readonly fileTallies = new Map<string, FileTally | null>();
  private readonly directoryTallies = new Map<string, Tally>();
  private seq = 0;
  /** Scratch of the current commit: the files and directories it touched, first touch first. */
  private readonly touchedFiles: Tally[] = [];
  private readonly touchedDirectories: Tally[] = [];
  /** What an earlier pass kept of the commits below these (see {@link seed}). */
  private prior: FileHistoryState | null = null;

  constructor(private readonly options: FileHistoryOptions) {
    this.rules = new CommitRules(options);
  }

  /**
   * Takes what an earlier pass kept of the commits that come after every commit added here
   * (see history-state.ts for when that is exact): the result is then that of them all.
   */
  seed(prior: FileHistoryState): void {
    this.prior = prior;
  }

  /** What a later pass needs to extend this one (see {@link seed}), the seed's included. */
  state(): FileHistoryState {
    const own = (histories: Map<string, PathHistory>, tallies: Map<string, Tally | null>) => {
      const states = new Map<string, PathState>();
      for (const [key, history] of histories)
        states.set(key, { ...history, authors: new Set(tallies.get(key)?.authors) });
      return states;
    };
    const files = own(this.files, this.fileTallies);
    const directories = own(this.directories, this.directoryTallies);
    if (this.prior === null) return { files, directories };
    return {
      files: mergePathStates(files, this.prior.files),
      directories: mergePathStates(directories, this.prior.directories),
    };
  }

  add(commit: LogCommit): void {
    const { sinceSeconds, untilSeconds } = this.options;
    if (commit.time > untilSeconds) {
      for (const change of commit.changes) this.names.record(change.oldPath, change.path);
      return;
    }
    const inWindow = commit.time >= sinceSeconds;
    const bot = this.rules.isBot(commit);
    const isFix = inWindow && !bot && this.rules.isFailureFix(commit.subject);

    // Per file and per directory this commit touched: the lines it changed there.
    const seq = ++this.seq;
    const files = this.touchedFiles;
    const directories = this.touchedDirectories;
    files.length = 0;
    directories.length = 0;
    for (const change of commit.changes) {
      const identity = this.names.resolve(change.path);
      this.names.record(change.oldPath, change.path);
      const file = this.fileTally(identity);
      if (file === null) continue;
      const churn = change.churn ?? 0;
      touch(file, seq, churn, files);
      if (file.directory !== null) touch(file.directory, seq, churn, directories);
    }
    for (const file of files) this.record(this.files, file, commit, inWindow, bot, isFix);
    for (const directory of directories)
      this.record(this.directories, directory, commit, inWindow, bot, isFix);
  }

  result(): FileHistoryResult {
    if (this.prior !== null) {
      const { files, directories } = this.state();
      return { files: withAuthorCounts(files), directories: withAuthorCounts(directories) };
    }
    for (const tally of this.fileTallies.values()) countAuthors(tally);
    for (const tally of this.directoryTallies.values()) countAuthors(tally);
    return { files: this.files, directories: this.directories };
  }

  private fileTally(identity: string): FileTally | null {
    let file = this.fileTallies.get(identity);
    if (file === undefined) {
      file = null;
      if (this.options.tracked.has(identity)) {
        const directory = directoryOf(identity);
        file = { key: identity, history: null, authors: null, seq: 0, churn: 0, directory: null };
        if (directory !== '') {
          let tally = this.directoryTallies.get(directory);
          if (tally === undefined) {
            tally = { key: directory, history: null, authors: null, seq: 0, churn: 0 };
            this.directoryTallies.set(directory, tally);
          }
          file.directory = tally;
        }
      }
      this.fileTallies.set(identity, file);
    }
    return file;
  }

  private record(
    map: Map<string, PathHistory>,
    tally: Tally,
    commit: LogCommit,
    inWindow: boolean,
    bot: boolean,
    isFix: boolean,
  ): void {
    let history = tally.history;
    if (history === null) {
      history = tally.history = emptyHistory();
      map.set(tally.key, history);
    }
    history.lastChange = Math.max(history.lastChange ?? 0, commit.time);
    if (!inWindow) return;
    history.commits++;
    history.churn += tally.churn;
    if (!bot) (tally.authors ??= new Set()).add(commit.email);
    if (isFix) history.fixCommits++;
  }
}

/**
 * Newer commits' figures followed by older ones': sums add, authors join, the newest time
 * wins; in the order one pass would have met the keys (the newer commits', then the rest).
 */
function mergePathStates(
  newer: Map<string, PathState>,
  older: ReadonlyMap<string, PathState>,
): Map<string, PathState> {
  const merged = new Map(newer);
  for (const [key, old] of older) {
    const state = merged.get(key);
    if (state === undefined) {
      merged.set(key, old);
      continue;
    }
    merged.set(key, {
      commits: state.commits + old.commits,
      fixCommits: state.fixCommits + old.fixCommits,
      authors: new Set([...state.authors, ...old.authors]),
      churn: state.churn + old.churn,
      lastChange: maxOfKnown(state.lastChange, old.lastChange),
    });
  }
  return merged;
}

function withAuthorCounts(states: Map<string, PathState>): Map<string, PathHistory> {
  const histories = new Map<string, PathHistory>();
  for (const [key, { authors, ...figures }] of states)
    histories.set(key, { ...figures, authors: authors.size });
  return histories;
}

function countAuthors(tally: Tally | null): void {
  if (tally?.history) tally.history.authors = tally.authors?.size ?? 0;
}

/** Adds a change's lines to a tally, listing the tally once per commit. */
function touch(tally: Tally, seq: number, churn: number, touched: Tally[]): void {
  if (tally.seq !== seq) {
    tally.seq = seq;
    tally.churn = 0;
    touched.push(tally);
  }
  tally.churn += churn;
}
