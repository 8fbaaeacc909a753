/**
 * Shape guards for the JSON report formats: a zod schema per format, and one way to turn
 * a mismatch into a UserError naming the report and the place inside it.
 */
import { z } from 'zod';
import { UserError } from '../../errors.js';
import { quotePath, type ReportSource } from './report-errors.js';
import { formatDataPath } from '../../util/data-path.js';

/**
 * A JSON object keyed by file path, read as its entries in order: like
 * `z.record(z.string(), entry)`, except that a file named `__proto__` is kept. zod's record
 * leaves that key out of its output without a word (to guard its own object), which
 * dropped the file, and its lines from every figure.
 */
export function fileEntries<T>(entry: z.ZodType<T>): z.ZodType<[string, T][]> {
  return z
    .custom<Record<string, unknown>>(
      (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
      { message: 'Invalid input: expected an object keyed by file path' },
    )
    .transform((object, ctx) => {
      const entries: [string, T][] = [];
      // Object.entries lists an own `__proto__` key, which JSON.parse makes.
      for (const [path, value] of Object.entries(object)) {
        const result = entry.safeParse(value);
        if (result.success) entries.push([path, result.data]);
        else {
          for (const issue of result.error.issues) {
            // Only the message and the place are reported (see parseShape).
            const { message } = issue;
            ctx.issues.push({ code: 'custom', message, input: value, path: [path, ...issue.path] });
          }
        }
      }
      return entries;
    });
}

/** Parses `value` with `schema`, or throws a UserError naming the first offending JSON path. */
export function parseShape<T>(
  source: ReportSource,
  schema: z.ZodType<T>,
  value: unknown,
  formatName: string,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  // quotePath, not JSON.stringify: that leaves U+2028 and C1 controls raw.
  const where = issue ? formatDataPath(issue.path, quotePath, '') : '';
  const message = issue?.message ?? 'unexpected shape';
  throw new UserError(
    `coverage report ${source.name} is not a valid ${formatName}: ${where ? `${where}: ` : ''}${message}`,
  );
}
