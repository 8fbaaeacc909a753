/**
 * The text init writes: a fresh commented inventory, and suggestions spliced into an existing
 * one by insertion only (the old text survives byte for byte, as a prefix when `items:` ends
 * the file), in block and flow style, with or without a final newline.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  appendItems,
  composeInventory,
  SCHEMA_URL,
  SUGGESTED_COMMENT,
} from '../../src/commands/init/inventory-text.js';
import type { SuggestedItem } from '../../src/commands/init/suggest.js';
import { checkInventoryText } from '../../src/inventory/check.js';
import type { ScanRow } from '../../src/model/scan.js';

const suggestion = (id: string, path: string, owner: string | null = null): SuggestedItem => ({
  id,
  title: `Undeclared hotspot: ${path}, 3 fix commits in 180 days`,
  category: 'pipeline',
  owner,
  ownerSource: owner === null ? null : '.github/CODEOWNERS:2',
  risk: 3,
  frequency: 4,
  costOfDelay: 3,
  paths: [`${path}**`],
  evidence: 'Found by mldebt init: 3 fix commits; "quoted" text: and # not a comment.',
  row: {} as ScanRow,
});
const added = [suggestion('PIPE-101', 'src/common/', '@org/team'), suggestion('PIPE-102', 'lib/')];

function errorsOf(text: string): string[] {
  return checkInventoryText(text, 'debt.yaml')
    .problems.filter((p) => p.severity === 'error')
    .map((p) => p.message);
}

function idsOf(text: string): string[] {
  return (parse(text) as { items: { id: string }[] }).items.map((i) => i.id);
}

/** The old text is the new one minus one inserted run of characters. */
function insertedInto(before: string, after: string): string {
  let start = 0;
  while (start < before.length && before[start] === after[start]) start++;
  const tail = before.length - start;
  expect(after.slice(after.length - tail)).toBe(before.slice(start));
  return after.slice(start, after.length - tail);
}

const ITEM = `  - id: DATA-001 # the first
    title: One
    category: data
    risk: 2
    cost_of_delay: 2
`;

describe('appendItems', () => {
  it('appends after the last item when items ends the file, trailing comments kept before it', () => {
    const old = `# my inventory\nversion: 1\nproject: p\nitems:\n${ITEM}  # more to come\n\n# footer\n`;
    const result = appendItems(old, added);
    expect(result.startsWith(old)).toBe(true);
    expect(errorsOf(result)).toEqual([]);
    expect(idsOf(result)).toEqual(['DATA-001', 'PIPE-101', 'PIPE-102']);
    expect(result).toContain(
      `  ${SUGGESTED_COMMENT}\n  # owner from .github/CODEOWNERS:2\n  - id: PIPE-101\n`,
    );
    expect(result).toContain('owner: "@org/team"');
  });

  it('inserts inside the file when items is not the last key', () => {
    const old = `version: 1\nitems:\n${ITEM}# settings follow\nsettings:\n  window: 90d\nproject: p\n`;
    const result = appendItems(old, added);
    const inserted = insertedInto(old, result);
    expect(inserted.startsWith(`  ${SUGGESTED_COMMENT}`)).toBe(true);
    expect(errorsOf(result)).toEqual([]);
    expect(idsOf(result)).toEqual(['DATA-001', 'PIPE-101', 'PIPE-102']);
    expect((parse(result) as { settings: { window: string } }).settings.window).toBe('90d');
  });

  it('keeps a trailing comment on the last line of the last item on that line', () => {
    const old = `version: 1\nproject: p\nitems:\n${ITEM}    effort: 2d # rough\nsettings: {}\n`;
    const result = appendItems(old, added);
    insertedInto(old, result);
    expect(result).toContain('effort: 2d # rough\n  # suggested');
    expect(errorsOf(result)).toEqual([]);
  });

  it('appends to a file without a final newline, and to items at column 0', () => {
    const old =
      'version: 1\nproject: p\nitems:\n- id: A-1\n  title: t\n  category: data\n  risk: 1\n  cost_of_delay: 1';
    const result = appendItems(old, added);
    expect(result.startsWith(`${old}\n`)).toBe(true);
    expect(errorsOf(result)).toEqual([]);
    expect(idsOf(result)).toEqual(['A-1', 'PIPE-101', 'PIPE-102']);
  });

  it('fills a flow sequence before its closing bracket: empty, and with items', () => {
    for (const old of [
      'version: 1\nitems: []\nproject: p\n',
      'version: 1\nproject: p\nitems: [{ id: A-1, title: t, category: data, risk: 1, cost_of_delay: 1 }]',
      'version: 1\nproject: p\nitems: [{ id: A-1, title: t, category: data, risk: 1, cost_of_delay: 1 }, ]\n',
    ]) {
      const result = appendItems(old, added);
      insertedInto(old, result);
      expect(errorsOf(result)).toEqual([]);
      expect(idsOf(result).slice(-2)).toEqual(['PIPE-101', 'PIPE-102']);
    }
  });

  it('keeps debt.example.yaml, comments and all, as a byte-identical prefix', () => {
    const old = readFileSync(new URL('../../debt.example.yaml', import.meta.url), 'utf8');
    const result = appendItems(old, added);
    expect(result.startsWith(old)).toBe(true);
    expect(errorsOf(result)).toEqual([]);
    expect(idsOf(result).slice(-2)).toEqual(['PIPE-101', 'PIPE-102']);
  });
});

describe('composeInventory', () => {
  it('writes the schema modeline first, explains every field, and validates', () => {
    const text = composeInventory('fraud: scoring', added, {
      window: '180d',
      since: '2026-01-01',
      until: '2026-06-29',
    });
    expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${SCHEMA_URL}`);
    for (const field of [
      'version',
      'project',
      'settings',
      'items',
      'id',
      'title',
      'category',
      'owner',
      'status',
      'risk',
      'frequency',
      'cost_of_delay',
      'effort',
      'tags',
      'paths',
      'incidents',
      'created, due',
      'evidence, fix',
    ]) {
      expect(text).toMatch(new RegExp(`^#\\s+${field}[: ]`, 'm'));
    }
    expect(errorsOf(text)).toEqual([]);
    expect((parse(text) as { project: string }).project).toBe('fraud: scoring');
    expect(text.match(new RegExp(SUGGESTED_COMMENT, 'g'))).toHaveLength(2);
  });

  it('writes an empty items list when there is nothing to suggest', () => {
    const text = composeInventory('p', [], { window: '90d', since: null, until: null });
    expect(errorsOf(text)).toEqual([]);
    expect(idsOf(text)).toEqual([]);
  });
});
