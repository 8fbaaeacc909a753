/**
 * Reading a JSON report mldebt wrote (`audit --format json`), for the commands that take one
 * back: `--baseline` and `merge`. Each reads only the fields it needs (its own zod schema), so
 * a report of a newer mldebt with extra fields still reads; the schema version guards against
 * changed meanings. Every refusal is one line naming the file.
 */
import type { z } from 'zod';
import { UserError } from '../errors.js';
import { REPORT_SCHEMA_VERSION } from '../model/index.js';
import { formatDataPath } from './data-path.js';
import { parseJsonText } from './json-syntax.js';
import { clipText } from './text.js';

/** At most this many schema problems are named in the one-line error. */
const MAX_LISTED_ISSUES = 3;

/**
 * Parses `text` as a report of this schema version with `schema`'s fields, and no id twice.
 *
 * @param file the path to name in errors, as the user gave it
 * @param role what the file is to the command, for its messages (`baseline`, `report`)
 * @throws UserError naming `file` (with line:column for a JSON syntax error) when the text is
 *   not JSON, of another schema version, not an mldebt report, or lists an id twice
 */
export function parseReportJson<T extends { items: { id: string }[] }>(
  text: string,
  file: string,
  schema: z.ZodType<T>,
  role: string,
): T {
  const data = parseJsonText(text, file, `${role} is not valid JSON`);
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version !== REPORT_SCHEMA_VERSION) {
    throw new UserError(
      `${file}: ${role} has schemaVersion ${version}, this mldebt reads schemaVersion ` +
        `${REPORT_SCHEMA_VERSION}; re-create it with this mldebt's \`audit --format json\``,
    );
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, MAX_LISTED_ISSUES).map(describeIssue);
    const more = parsed.error.issues.length - issues.length;
    throw new UserError(
      `${file}: not an mldebt JSON report: ${issues.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}`,
    );
  }
  const seen = new Set<string>();
  for (const item of parsed.data.items) {
    if (seen.has(item.id)) {
      throw new UserError(`${file}: ${role} lists item ${clipText(item.id)} twice`);
    }
    seen.add(item.id);
  }
  return parsed.data;
}

/** `items[2].score: expected number, received string`: the path in the document, then zod's message. */
function describeIssue(issue: z.core.$ZodIssue): string {
  return `${formatDataPath(issue.path, clipText, '(root)')}: ${issue.message}`;
}
