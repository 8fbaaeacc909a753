/**
 * Inventory problems: what `validate` lists and what stops `audit`. Rules return problems
 * rather than throwing, so a user sees every problem in one run (changesets' habit).
 */
import { InventoryErrors, UserError } from '../errors.js';
import type { SourceLocation } from '../model/index.js';
import { compareText } from '../util/text.js';

export interface Problem {
  severity: 'error' | 'warning';
  /** Stable code, e.g. `schema`, `unknown-key`, `duplicate-id`, `glob-no-match`, `no-paths`. */
  code: string;
  message: string;
  location?: SourceLocation;
  itemId?: string;
}

/** `debt.yaml:14:12: error: items[2].risk: expected an integer 1-5, got 7` */
export function formatProblem(problem: Problem): string {
  const where = problem.location
    ? `${problem.location.file}:${problem.location.line}:${problem.location.column}: `
    : '';
  return `${where}${problem.severity}: ${problem.message}`;
}

/** Orders problems by position so output reads top to bottom through the file. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      (a.location?.column ?? 0) - (b.location?.column ?? 0) ||
      compareText(a.message, b.message),
  );
}

/** Throws when any problem is an error; the thrown error lists every error, one per line. */
export function throwOnErrors(problems: Problem[]): void {
  const errors = sortProblems(problems).filter((p) => p.severity === 'error');
  if (errors.length === 0) return;
  throw new InventoryErrors(
    errors.map((p) => new UserError(`${p.severity}: ${p.message}`, p.location)),
  );
}

const SECRET_KEY = /(pass(word|wd)?|secret|token|api[_-]?key|private[_-]?key|credential|auth)/i;

/** Whether a key name suggests its value is a secret that must never be echoed. */
export function isSecretLikeKey(key: string | number): boolean {
  return typeof key === 'string' && SECRET_KEY.test(key);
}
