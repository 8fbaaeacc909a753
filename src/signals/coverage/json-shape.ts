/**
 * Shape guards for the JSON report formats: a zod schema per format, and one way to turn
 * a mismatch into a UserError naming the report and the place inside it.
 */
import type { z } from 'zod';
import { UserError } from '../../errors.js';
import { quotePath, type ReportSource } from './report-errors.js';

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
  const where = issue ? formatJsonPath(issue.path) : '';
  const message = issue?.message ?? 'unexpected shape';
  throw new UserError(
    `coverage report ${source.name} is not a valid ${formatName}: ${where ? `${where}: ` : ''}${message}`,
  );
}

function formatJsonPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) =>
      typeof key === 'number'
        ? `[${key}]`
        : /^[A-Za-z_$][\w$]*$/.test(String(key))
          ? `${index === 0 ? '' : '.'}${quotePath(String(key))}`
          : // quotePath, not JSON.stringify: that leaves U+2028 and C1 controls raw.
            `["${quotePath(String(key))}"]`,
    )
    .join('');
}
