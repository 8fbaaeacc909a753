/**
 * Which column of an incident export holds each field. Headers match case-insensitively and
 * ignoring spaces, underscores and hyphens (`Created At`, `created_at` and `CreatedAt` are one
 * header); a JSON export's nested fields are headers joined by dots (`service.summary`).
 *
 * The default names, each field's first header present in the file winning:
 * - generic: `date`, `ref`, `item`, `service`, `summary`;
 * - PagerDuty: the incidents CSV report (`incident_number`, `description`, `service_name`,
 *   `created_on`, `resolved_on`, ... as kept by pagerduty scrapers, e.g. the `incidents` table
 *   of a PagerDuty report scraper's migration on GitHub), the Analytics raw incidents export
 *   (`created_at`, `incident_number`, `description`, `service_name`: PagerDuty's
 *   AnalyticsRawIncident model) and the REST API's JSON (`incidents[].created_at`,
 *   `incident_number`, `title`, `service.summary`: developer.pagerduty.com, List incidents);
 * - Opsgenie: the alert export (`TinyId`, `Alias`, `Message`, `Teams`, `CreatedAt`,
 *   `CreatedAtDate`, `UpdatedAt`, as read by the "OpsGenie Alert Classifier" on GitHub; `Entity`
 *   and `tinyId` as in Opsgenie's alert fields, docs.opsgenie.com "Alerts and Alert Fields"),
 *   and an incident's `Impacted Services`;
 * - Jira: the issue CSV export (`Summary`, `Issue key`, `Issue id`, `Issue Type`, `Status`,
 *   ..., `Created`, `Updated`, `Resolved`, `Component/s`, the last repeated once per
 *   component: as in the many scripts on GitHub that read Jira's export), and the REST API's
 *   JSON (`issues[].key`, `fields.created`, `fields.summary`, `fields.components[].name`).
 */
import { UserError } from '../../errors.js';
import type { IncidentColumnsSetting } from '../../inventory/schema.js';
import { clipText } from '../../util/text.js';

export const INCIDENT_FIELDS = ['date', 'ref', 'item', 'service', 'summary'] as const;
export type IncidentField = (typeof INCIDENT_FIELDS)[number];

/** Header names for each field, most specific first (normalized by {@link normalizeHeader}). */
export const DEFAULT_INCIDENT_COLUMNS: Readonly<Record<IncidentField, readonly string[]>> = {
  // Opsgenie's CreatedAt may be epoch milliseconds; its CreatedAtDate is the readable one.
  date: ['date', 'created_on', 'CreatedAtDate', 'created_at', 'Created', 'fields.created'],
  ref: ['ref', 'incident_number', 'TinyId', 'Issue key', 'key'],
  item: ['item'],
  service: [
    'service',
    'service_name',
    'service.summary',
    'Impacted Services',
    'Entity',
    'Component/s',
    'Components',
    'fields.components.name',
  ],
  summary: ['summary', 'title', 'description', 'Message', 'fields.summary'],
};

/** `Created At`, `created_at`, `createdAt` → `createdat`. */
export function normalizeHeader(header: string): string {
  return header.toLowerCase().replace(/[\s_-]+/g, '');
}

/** A field's column in one file: its normalized key and its header as the file writes it. */
export interface IncidentColumn {
  key: string;
  header: string;
}

export type IncidentColumns = Record<IncidentField, IncidentColumn | null>;

/**
 * The column of each field in a file whose headers are `headers` (as written): a header named
 * in `settings.incident_columns` must be there (exit 2 naming the file and the header); the
 * other fields take the first default name present. A file without a date column is exit 2.
 */
export function resolveColumns(
  headers: readonly string[],
  overrides: IncidentColumnsSetting,
  file: string,
): IncidentColumns {
  const byKey = new Map<string, string>();
  for (const header of headers) {
    const key = normalizeHeader(header);
    if (key !== '' && !byKey.has(key)) byKey.set(key, header);
  }
  const find = (name: string): IncidentColumn | null => {
    const key = normalizeHeader(name);
    const header = byKey.get(key);
    return header === undefined ? null : { key, header };
  };
  const columns = {} as IncidentColumns;
  for (const field of INCIDENT_FIELDS) {
    const named = overrides[field];
    if (named !== undefined) {
      const column = find(named);
      if (column === null) {
        throw new UserError(
          `${file}: no column "${clipText(named)}" (settings.incident_columns.${field}); ` +
            `its columns: ${describeHeaders(headers)}`,
        );
      }
      columns[field] = column;
      continue;
    }
    columns[field] = DEFAULT_INCIDENT_COLUMNS[field].map(find).find((c) => c !== null) ?? null;
  }
  if (columns.date === null) {
    throw new UserError(
      `${file}: no date column (looked for ${DEFAULT_INCIDENT_COLUMNS.date.join(', ')}); ` +
        `name it with settings.incident_columns.date; its columns: ${describeHeaders(headers)}`,
    );
  }
  return columns;
}

/** The first headers of a file, clipped: a message stays one readable line. */
function describeHeaders(headers: readonly string[]): string {
  if (headers.length === 0) return 'none';
  const shown = headers.slice(0, 8).map((h) => `"${clipText(h)}"`);
  return headers.length > 8
    ? `${shown.join(', ')} and ${headers.length - 8} more`
    : shown.join(', ');
}
