/**
 * The rules both history aggregators apply to every commit (aggregate.ts for the inventory's
 * groups, file-history.ts for `scan`'s files), in one place so audit and scan can never count
 * differently.
 */
import type { ResolvedSettings } from '../../inventory/settings.js';
import { DEFAULT_FIX_WORDS, DEFAULT_SETTINGS } from '../../inventory/vocabulary.js';
import { compileTextPattern, type TextPattern } from '../../util/text-pattern.js';
import { compileWildcards } from '../../util/wildcard.js';
import type { LogCommit } from './log-stream.js';

export interface CommitRuleOptions {
  fixPattern: TextPattern;
  /** A fix whose subject also matches this is not a failure; null: no exclusion. */
  fixExclude: TextPattern | null;
  /** Whether an author (mailmapped name, lower-cased email) is a bot. */
  isBot: (name: string, email: string) => boolean;
}

/**
 * The settings every history pass and aggregator apply (fixes, their exclusions, bots, reach),
 * compiled: only a pass tests subjects, so only a pass loads the pattern engine.
 */
export function historyRules(settings: ResolvedSettings) {
  return {
    staleAfter: settings.staleAfter,
    fixPattern: compileTextPattern(
      settings.fixPattern,
      settings.fixPattern === DEFAULT_SETTINGS.fix_pattern ? DEFAULT_FIX_WORDS : null,
    ),
    fixExclude: settings.fixExclude === null ? null : compileTextPattern(settings.fixExclude),
    isBot: compileBotMatcher(settings.bots),
  };
}

/** Bots by mailmapped author name or email (`*` wildcards, case-insensitive). */
function compileBotMatcher(patterns: readonly string[]): (name: string, email: string) => boolean {
  const matches = compileWildcards(patterns);
  return (name, email) => matches(name) || matches(email);
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

/** The last commit each bot rule judged, and its verdict: as {@link lastFixVerdict}. */
const lastBotVerdict = new WeakMap<
  CommitRuleOptions['isBot'],
  { commit: LogCommit; bot: boolean }
>();

/** Which commits are failure fixes and which authors are bots. */
export class CommitRules {
  /** Per author email, per name: whether it is a bot. */
  private readonly bots = new Map<string, Map<string, boolean>>();

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
    const rule = this.options.isBot;
    const last = lastBotVerdict.get(rule);
    if (last !== undefined && last.commit === commit) return last.bot;
    const { name, email } = commit;
    let names = this.bots.get(email);
    if (names === undefined) {
      names = new Map();
      this.bots.set(email, names);
    }
    let bot = names.get(name);
    if (bot === undefined) {
      bot = rule(name, email);
      names.set(name, bot);
    }
    if (last === undefined) lastBotVerdict.set(rule, { commit, bot });
    else {
      last.commit = commit;
      last.bot = bot;
    }
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
