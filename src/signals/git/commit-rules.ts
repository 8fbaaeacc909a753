/**
 * The rules both history aggregators apply to every commit (aggregate.ts for the inventory's
 * groups, file-history.ts for `scan`'s files), in one place so audit and scan can never count
 * differently.
 */
import type { TextPattern } from '../../util/text-pattern.js';
import type { LogCommit } from './log-stream.js';

export interface CommitRuleOptions {
  fixPattern: TextPattern;
  /** A fix whose subject also matches this is not a failure; null: no exclusion. */
  fixExclude: TextPattern | null;
  /** Whether an author (mailmapped name, lower-cased email) is a bot. */
  isBot: (name: string, email: string) => boolean;
}

/**
 * The last subject each fix pattern judged, and its verdict: the aggregators of one pass
 * (groups, resolved items, files) ask about the same commit in turn, and a subject is
 * matched once, not once per aggregator.
 */
const lastFixVerdict = new WeakMap<
  TextPattern,
  { subject: string; exclude: TextPattern | null; fix: boolean }
>();

/** Which commits are failure fixes and which authors are bots. */
export class CommitRules {
  private readonly bots = new Map<string, boolean>();
  /** The last author judged: consecutive commits are often by the same one. */
  private lastAuthor: { name: string; email: string; bot: boolean } | null = null;

  constructor(private readonly options: CommitRuleOptions) {}

  /** A fix subject that is not excluded (typo and lint "fixes" are not failures). */
  isFailureFix(subject: string): boolean {
    const { fixPattern, fixExclude } = this.options;
    const last = lastFixVerdict.get(fixPattern);
    if (last !== undefined && last.subject === subject && last.exclude === fixExclude)
      return last.fix;
    const fix = fixPattern.test(subject) && !(fixExclude?.test(subject) ?? false);
    if (last === undefined) lastFixVerdict.set(fixPattern, { subject, exclude: fixExclude, fix });
    else {
      last.subject = subject;
      last.exclude = fixExclude;
      last.fix = fix;
    }
    return fix;
  }

  /** Bots are recognised once per identity: a history has few authors and many commits. */
  isBot(commit: LogCommit): boolean {
    const { name, email } = commit;
    const last = this.lastAuthor;
    if (last !== null && last.name === name && last.email === email) return last.bot;
    const key = `${name}\0${email}`;
    let bot = this.bots.get(key);
    if (bot === undefined) {
      bot = this.options.isBot(name, email);
      this.bots.set(key, bot);
    }
    this.lastAuthor = { name, email, bot };
    return bot;
  }
}

/**
 * Renames followed as the log streams newest-first: when commit C renames `old → new`, every
 * older commit touching `old` was made to the file now called by `new`'s current name.
 */
export class RenameTracker {
  /** old path -> the name it has now (after later renames). */
  private readonly currentName = new Map<string, string>();

  /** The name `path` has now. */
  resolve(path: string): string {
    return this.currentName.get(path) ?? path;
  }

  /** Records a commit's rename (no-op when `oldPath` is undefined or unchanged). */
  record(oldPath: string | undefined, newPath: string): void {
    if (oldPath !== undefined && oldPath !== newPath)
      this.currentName.set(oldPath, this.resolve(newPath));
  }
}
