/**
 * Errors a user can cause, each carrying its exit code and (where there is one) the place
 * in a file it concerns. `src/cli` is the one place that turns them into a line on stderr;
 * anything else that escapes is an internal error (exit 3).
 */
import type { SourceLocation } from './model/index.js';

export const EXIT = {
  ok: 0,
  gateFailed: 1,
  badInput: 2,
  internal: 3,
} as const;

/** Bad usage or bad input: exit 2, one line, no stack trace. */
export class UserError extends Error {
  readonly exitCode: number = EXIT.badInput;
  constructor(
    message: string,
    readonly location?: SourceLocation,
  ) {
    super(message);
    this.name = 'UserError';
  }

  /** `file:line:column: message`, or the bare message when there is no location. */
  format(): string {
    if (!this.location) return this.message;
    const { file, line, column } = this.location;
    return `${file}:${line}:${column}: ${this.message}`;
  }
}

/** Several inventory problems reported at once (`validate` lists them all). */
export class InventoryErrors extends UserError {
  constructor(readonly problems: UserError[]) {
    super(problems.map((p) => p.format()).join('\n'));
    this.name = 'InventoryErrors';
  }

  override format(): string {
    return this.message;
  }
}
