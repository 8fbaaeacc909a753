/**
 * From an export's rows to incidents per item, pure. A row belongs to the item its `item`
 * column names (the id, case-insensitive) and to every item that lists one of its services
 * (case-insensitive, exact name): a row mapping to several items counts for each. A row that
 * maps to none is counted, never dropped silently. Every row must have a date mldebt reads.
 */
import { UserError } from '../../errors.js';
import { MAX_TEXT } from '../../inventory/limits.js';
import type { Incident } from '../../model/index.js';
import { compareText } from '../../util/text.js';
import type { IncidentColumn, IncidentColumns } from './columns.js';
import { dateExcerpt, parseIncidentDate } from './dates.js';
import type { IncidentRow, IncidentTable } from './read.js';

/** An incident read from an export, before the window places it. */
export type ExportedIncident = Omit<Incident, 'inWindow'>;

/** What a row can map to: an item's id and the services it lists. */
export interface IncidentTarget {
  id: string;
  services: readonly string[];
}

export interface MappedIncidents {
  /** Item id → its incidents from this file, in row order. */
  byItem: Map<string, ExportedIncident[]>;
  rows: number;
  unmapped: number;
  /** Services and item ids named by unmapped rows, the most frequent first. */
  unmappedNames: string[];
}

/**
 * Maps the rows of one export to items.
 *
 * @param source the file as reports name it (each incident's `source`)
 */
export function mapIncidentRows(
  table: IncidentTable,
  columns: IncidentColumns,
  targets: readonly IncidentTarget[],
  source: string,
): MappedIncidents {
  const byId = new Map(targets.map((t) => [t.id.toLowerCase(), t.id]));
  const byService = new Map<string, string[]>();
  for (const target of targets) {
    for (const service of new Set(target.services.map((s) => s.trim().toLowerCase()))) {
      byService.set(service, [...(byService.get(service) ?? []), target.id]);
    }
  }
  const byItem = new Map<string, ExportedIncident[]>();
  const unmappedNames = new Map<string, number>();
  let unmapped = 0;
  for (const row of table.rows) {
    const date = readDate(row, columns.date!, source);
    const items = new Set<string>();
    const names: string[] = [];
    for (const value of valuesOf(row, columns.item)) {
      const id = byId.get(value.toLowerCase());
      if (id !== undefined) items.add(id);
      else names.push(value);
    }
    for (const value of valuesOf(row, columns.service)) {
      const ids = byService.get(value.toLowerCase());
      if (ids !== undefined) ids.forEach((id) => items.add(id));
      else names.push(value);
    }
    if (items.size === 0) {
      unmapped++;
      for (const name of new Set(names))
        unmappedNames.set(name, (unmappedNames.get(name) ?? 0) + 1);
      continue;
    }
    const incident: ExportedIncident = {
      date,
      ref: clip(firstOf(row, columns.ref), MAX_TEXT.incidentRef),
      summary: clip(firstOf(row, columns.summary), MAX_TEXT.incidentSummary),
      source,
    };
    for (const id of items) byItem.set(id, [...(byItem.get(id) ?? []), incident]);
  }
  return {
    byItem,
    rows: table.rows.length,
    unmapped,
    unmappedNames: [...unmappedNames]
      .sort(([a, m], [b, n]) => n - m || compareText(a, b))
      .map(([name]) => name),
  };
}

function valuesOf(row: IncidentRow, column: IncidentColumn | null): readonly string[] {
  return column === null ? [] : (row.values.get(column.key) ?? []);
}

function firstOf(row: IncidentRow, column: IncidentColumn | null): string | null {
  return valuesOf(row, column)[0] ?? null;
}

function clip(text: string | null, max: number): string | null {
  return text === null || text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}

/** The row's day; an empty or unreadable date is exit 2 naming file, row, line and column. */
function readDate(row: IncidentRow, column: IncidentColumn, source: string): string {
  const text = row.values.get(column.key)?.[0] ?? '';
  const parsed = parseIncidentDate(text);
  if ('day' in parsed) return parsed.day;
  const where = `row ${row.row}${row.line === null ? '' : ` (line ${row.line})`}`;
  const shown = text.trim() === '' ? '' : ` "${dateExcerpt(text)}"`;
  throw new UserError(`${source}: ${where}, column "${column.header}": ${parsed.error}${shown}`);
}
