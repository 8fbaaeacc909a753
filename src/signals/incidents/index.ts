/**
 * Incident exports: the files of `settings.incidents` (or `--incidents`) read, their columns
 * found, their rows mapped to the inventory's items. Read once per run, before history is
 * walked, so a bad export fails fast; the incidents then count exactly like the inventory's
 * own (see placeIncidents in src/scoring/score.ts).
 */
import { resolve } from 'node:path';
import type { IncidentColumnsSetting } from '../../inventory/schema.js';
import type { Diagnostic } from '../../model/index.js';
import { clipText, plural } from '../../util/text.js';
import { resolveColumns } from './columns.js';
import { mapIncidentRows, type ExportedIncident, type IncidentTarget } from './map.js';

export type { ExportedIncident, IncidentTarget } from './map.js';
export { DEFAULT_INCIDENT_COLUMNS, normalizeHeader } from './columns.js';
export { parseIncidentDate } from './dates.js';

export interface IncidentExports {
  /** Item id → its exported incidents, files in the order given, rows in file order. */
  byItem: ReadonlyMap<string, readonly ExportedIncident[]>;
  /** Unmapped rows and empty files, one warning per file. */
  warnings: Diagnostic[];
}

export const NO_INCIDENT_EXPORTS: IncidentExports = { byItem: new Map(), warnings: [] };

/** How many unmapped names a warning shows before "…". */
const SHOWN_NAMES = 5;

/**
 * Reads every export and maps its rows to `targets` (every item of the inventory, whatever
 * the selection: a row is unmapped only when no item at all claims it).
 *
 * @param files the files as the user wrote them, relative to `cwd`
 */
export async function loadIncidentExports(
  files: readonly string[],
  options: { cwd: string; columns: IncidentColumnsSetting; targets: readonly IncidentTarget[] },
): Promise<IncidentExports> {
  if (files.length === 0) return NO_INCIDENT_EXPORTS;
  // The CSV parser loads only when an export is given: most runs have none.
  const { readIncidentTable } = await import('./read.js');
  const byItem = new Map<string, ExportedIncident[]>();
  const warnings: Diagnostic[] = [];
  for (const file of files) {
    const table = await readIncidentTable(resolve(options.cwd, file), file);
    if (table.rows.length === 0 && table.headers.length === 0) {
      warnings.push({ code: 'incidents-empty', message: `${file}: no incident rows` });
      continue;
    }
    const columns = resolveColumns(table.headers, options.columns, file);
    const mapped = mapIncidentRows(table, columns, options.targets, file);
    if (mapped.rows === 0) {
      warnings.push({ code: 'incidents-empty', message: `${file}: no incident rows` });
    }
    for (const [id, incidents] of mapped.byItem) {
      byItem.set(id, [...(byItem.get(id) ?? []), ...incidents]);
    }
    if (mapped.unmapped > 0) warnings.push(unmappedWarning(file, mapped, columns.service !== null));
  }
  return { byItem, warnings };
}

function unmappedWarning(
  file: string,
  mapped: { rows: number; unmapped: number; unmappedNames: string[] },
  hasServiceColumn: boolean,
): Diagnostic {
  const names = mapped.unmappedNames.slice(0, SHOWN_NAMES).map(clipText);
  const more = mapped.unmappedNames.length > SHOWN_NAMES ? ' …' : '';
  const label = hasServiceColumn ? 'services' : 'items';
  const named = names.length > 0 ? ` (${label}: ${names.join(', ')}${more})` : '';
  const hint = hasServiceColumn
    ? "list a service in an item's services to count its rows"
    : 'the file has no service column: name one with settings.incident_columns.service';
  return {
    code: 'incidents-unmapped',
    message: `${file}: ${mapped.unmapped} of ${plural(mapped.rows, 'row')} map to no item${named}; ${hint}`,
  };
}
