/**
 * CommitRules keeps the last verdict of each fix pattern and bot rule, so the aggregators of
 * one pass, which ask about the same commit in turn, match it once. The verdicts must stay
 * each rule set's own: rule sets that share a pattern but not its exclusion, or share
 * nothing, never answer with each other's verdict.
 */
import { describe, expect, it } from 'vitest';
import { CommitRules } from '../../src/signals/git/commit-rules.js';
import { compileTextPattern } from '../../src/util/text-pattern.js';
import { logCommit } from '../helpers/log-commits.js';

const fixPattern = compileTextPattern('\\bfix');
const typo = compileTextPattern('typo');
const isBot = (name: string) => name.endsWith('[bot]');

describe('CommitRules', () => {
  it('judges a subject by its own exclusion when another rule set shares the fix pattern', () => {
    const plain = new CommitRules({ fixPattern, fixExclude: null, isBot });
    const strict = new CommitRules({ fixPattern, fixExclude: typo, isBot });
    const subject = 'fix a typo';
    // Asked in turn, as the aggregators of a pass ask, in both orders.
    expect(plain.isFailureFix(subject)).toBe(true);
    expect(strict.isFailureFix(subject)).toBe(false);
    expect(plain.isFailureFix(subject)).toBe(true);
    expect(strict.isFailureFix('fix a crash')).toBe(true);
    expect(strict.isFailureFix(subject)).toBe(false);
    expect(plain.isFailureFix('Tune')).toBe(false);
  });

  it('judges each commit by its own author, and each rule set by its own bot rule', () => {
    const rules = new CommitRules({ fixPattern, fixExclude: null, isBot });
    const noBots = new CommitRules({ fixPattern, fixExclude: null, isBot: () => false });
    const bot = logCommit(1, 'fix(deps): bump', [], { name: 'renovate[bot]' });
    const human = logCommit(2, 'fix: crash', [], { name: 'Ana' });
    // The same email under a bot's name and a person's: told apart by name.
    const sameEmail = logCommit(3, 'fix: crash', [], { name: 'Ana', email: bot.email });
    expect(rules.isBot(bot)).toBe(true);
    expect(noBots.isBot(bot)).toBe(false);
    expect(rules.isBot(bot)).toBe(true);
    expect(rules.isBot(human)).toBe(false);
    expect(rules.isBot(sameEmail)).toBe(false);
    expect(rules.isBot(bot)).toBe(true);
  });
});
