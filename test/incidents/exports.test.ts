/**
 * Incident exports read from real files in a temp directory: the shapes PagerDuty, Opsgenie
 * and Jira write, generic columns, RFC 4180 details, the column override, and every refusal
 * (exit 2 naming the file, the row and the column).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { IncidentColumnsSetting } from '../../src/inventory/schema.js';
import {
  loadIncidentExports,
  parseIncidentDate,
  type IncidentTarget,
} from '../../src/signals/incidents/index.js';
import { tempDir } from '../helpers/audit-repo.js';

const TARGETS: IncidentTarget[] = [
  { id: 'DATA-001', services: ['payments-api'] },
  { id: 'SERV-002', services: ['Scoring', 'batch-scorer'] },
  { id: 'MON-003', services: [] },
];

let dir: string;
let remove: () => void;
beforeAll(() => ({ dir, remove } = tempDir('incidents')));
afterAll(() => remove());

function write(name: string, content: string): string {
  writeFileSync(join(dir, name), content);
  return name;
}

async function load(
  files: string[],
  columns: IncidentColumnsSetting = {},
  targets: IncidentTarget[] = TARGETS,
) {
  return loadIncidentExports(files, { cwd: dir, columns, targets });
}

async function refusal(files: string[], columns: IncidentColumnsSetting = {}): Promise<string> {
  try {
    await load(files, columns);
  } catch (error) {
    if (error instanceof UserError) return error.format();
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('incident export columns', () => {
  it('reads generic columns with quoted commas, quoted newlines, doubled quotes, a BOM and CRLF', async () => {
    const file = write(
      'generic.csv',
      '\ufeffdate,ref,item,summary\r\n' +
        '2026-03-01,INC-1,DATA-001,"null spike, merchant_id"\r\n' +
        '2026-03-02,INC-2,data-001,"two\r\nlines"\r\n' +
        '2026-03-03,INC-3,DATA-001,"the ""late"" partition"\r\n',
    );
    const { byItem, warnings } = await load([file]);
    expect(warnings).toEqual([]);
    expect(byItem.get('DATA-001')).toEqual([
      { date: '2026-03-01', ref: 'INC-1', summary: 'null spike, merchant_id', source: file },
      { date: '2026-03-02', ref: 'INC-2', summary: 'two\r\nlines', source: file },
      { date: '2026-03-03', ref: 'INC-3', summary: 'the "late" partition', source: file },
    ]);
  });

  it("reads PagerDuty's incident CSV: incident_number, description, service_name, created_on with an offset (UTC day)", async () => {
    const file = write(
      'pagerduty.csv',
      'id,incident_number,description,service_id,service_name,escalation_policy_name,created_on,resolved_on,urgency\n' +
        'P1AAAAA,1042,Scorer timeouts,PSVC1,scoring,Default,2026-04-14T23:30:00-07:00,2026-04-15T01:00:00-07:00,high\n' +
        'P1BBBBB,1043,Checkout 500s,PSVC2,checkout,Default,2026-04-16T10:00:00Z,,low\n',
    );
    const { byItem, warnings } = await load([file]);
    expect(byItem.get('SERV-002')).toEqual([
      { date: '2026-04-15', ref: '1042', summary: 'Scorer timeouts', source: file },
    ]);
    expect(warnings.map((w) => w.message)).toEqual([
      `${file}: 1 of 2 rows map to no item (services: checkout); list a service in an item's services to count its rows`,
    ]);
  });

  it("reads Opsgenie's alert CSV: TinyId, Message, Entity, CreatedAtDate", async () => {
    const file = write(
      'opsgenie.csv',
      'TinyId,Alias,Message,Status,Entity,Teams,CreatedAt,CreatedAtDate,UpdatedAt\n' +
        '311,scorer-lag,Batch scorer lagging,closed,batch-scorer,ml,1776160800000,2026/04/14 10:00:00.000,1776164400000\n',
    );
    const { byItem } = await load([file]);
    expect(byItem.get('SERV-002')).toEqual([
      { date: '2026-04-14', ref: '311', summary: 'Batch scorer lagging', source: file },
    ]);
  });

  it("reads Jira's issue CSV: Issue key, Summary, Created as dd/MMM/yy h:mm a, Component/s repeated", async () => {
    const file = write(
      'jira.csv',
      'Summary,Issue key,Issue id,Issue Type,Status,Created,Component/s,Component/s\n' +
        'Scores drifted overnight,OPS-17,10017,Incident,Done,14/Aug/26 3:05 PM,frontend,Scoring\n' +
        'Payments ingest stalled,OPS-18,10018,Incident,Done,02/Sep/2026,payments-api,\n',
    );
    const { byItem, warnings } = await load([file]);
    expect(warnings).toEqual([]);
    expect(byItem.get('SERV-002')).toEqual([
      { date: '2026-08-14', ref: 'OPS-17', summary: 'Scores drifted overnight', source: file },
    ]);
    expect(byItem.get('DATA-001')?.map((i) => i.date)).toEqual(['2026-09-02']);
  });

  it("reads a JSON export shaped as PagerDuty's API answers: { incidents: [...] } with service.summary", async () => {
    const file = write(
      'pagerduty.json',
      JSON.stringify({
        incidents: [
          {
            incident_number: 7,
            title: 'Scorer OOM',
            created_at: '2026-05-01T08:00:00Z',
            service: { id: 'PSVC1', summary: 'Scoring' },
          },
        ],
        limit: 25,
        offset: 0,
        more: false,
      }),
    );
    const { byItem } = await load([file]);
    expect(byItem.get('SERV-002')).toEqual([
      { date: '2026-05-01', ref: '7', summary: 'Scorer OOM', source: file },
    ]);
  });

  it('counts a row for every item it maps to: by id and by service', async () => {
    const file = write(
      'both.csv',
      'date,item,service,summary\n2026-03-01,MON-003,payments-api,shared outage\n',
    );
    const { byItem } = await load([file]);
    expect([...byItem.keys()].sort()).toEqual(['DATA-001', 'MON-003']);
  });

  it('takes the columns settings.incident_columns names, over the default detection', async () => {
    const file = write(
      'servicenow.csv',
      'Number,Opened At,Business Service,Short description,date\n' +
        'INC0001,2026-06-01 09:00:00,payments-api,Ingest stalled,not a date\n',
    );
    const { byItem } = await load([file], {
      date: 'opened at',
      ref: 'NUMBER',
      service: 'Business Service',
      summary: 'Short description',
    });
    expect(byItem.get('DATA-001')).toEqual([
      { date: '2026-06-01', ref: 'INC0001', summary: 'Ingest stalled', source: file },
    ]);
  });
});

describe('incident export warnings and refusals', () => {
  it('warns once per file with the count of rows that map to no item, never dropping them silently', async () => {
    const file = write(
      'unmapped.csv',
      'date,service\n' +
        '2026-03-01,checkout\n2026-03-02,search\n2026-03-03,checkout\n2026-03-04,payments-api\n',
    );
    const { warnings } = await load([file]);
    expect(warnings).toEqual([
      {
        code: 'incidents-unmapped',
        message: `${file}: 3 of 4 rows map to no item (services: checkout, search); list a service in an item's services to count its rows`,
      },
    ]);
  });

  it('warns about a file with no rows, an empty one or one with a header only', async () => {
    const empty = write('empty.csv', '');
    const header = write('header.csv', 'date,ref,service\n');
    const { warnings } = await load([empty, header]);
    expect(warnings.map((w) => w.message)).toEqual([
      `${empty}: no incident rows`,
      `${header}: no incident rows`,
    ]);
  });

  it('refuses a file with no date column, naming the file', async () => {
    const file = write('nodate.csv', 'ref,service\nINC-1,checkout\n');
    expect(await refusal([file])).toMatch(
      /^nodate\.csv: no date column \(looked for date, created_on, .*\); name it with settings\.incident_columns\.date; its columns: "ref", "service"$/,
    );
  });

  it('refuses a column named in settings.incident_columns that the file lacks', async () => {
    const file = write('named.csv', 'date,ref\n2026-01-01,INC-1\n');
    expect(await refusal([file], { service: 'Business Service' })).toBe(
      'named.csv: no column "Business Service" (settings.incident_columns.service); its columns: "date", "ref"',
    );
  });

  it('refuses a bad date naming the file, the data row, its line and the column', async () => {
    const file = write(
      'baddate.csv',
      'created_on,summary\n2026-01-01,"spans\ntwo lines"\nyesterday,db password is hunter2\n',
    );
    const message = await refusal([file]);
    expect(message).toBe(
      'baddate.csv: row 2 (line 4), column "created_on": not a date mldebt reads (YYYY-MM-DD, an ISO date-time, or Jira dd/MMM/yy) "yesterday"',
    );
    expect(message).not.toContain('hunter2');
  });

  it('refuses an empty date and an ambiguous day/month date, saying how to fix it', async () => {
    const empty = write('emptydate.json', JSON.stringify([{ date: '', ref: 'A-1' }]));
    expect(await refusal([empty])).toBe('emptydate.json: row 1, column "date": empty date');
    const ambiguous = write('ambiguous.csv', 'date\n01/02/2026\n');
    expect(await refusal([ambiguous])).toBe(
      'ambiguous.csv: row 1 (line 2), column "date": day/month or month/day? numeric dates are ambiguous: export ISO dates (YYYY-MM-DD) or convert the column "01/02/2026"',
    );
  });

  it('bounds the excerpt of a bad date', async () => {
    const file = write('longdate.csv', `date\n${'x'.repeat(500)}\n`);
    const message = await refusal([file]);
    expect(message.endsWith(`"${'x'.repeat(21)}..."`)).toBe(true);
  });

  it('refuses malformed CSV without echoing the value, and JSON that holds no array of rows', async () => {
    const csv = write('broken.csv', 'date,summary\n2026-01-01,"secret-token never closed\n');
    expect(await refusal([csv])).toBe(
      'broken.csv:2: not a valid CSV incident export: a quoted value is never closed',
    );
    const json = write('object.json', JSON.stringify({ a: [{ x: 1 }], b: [{ y: 2 }] }));
    expect(await refusal([json])).toBe(
      'object.json: expected an array of incident objects, or an object holding exactly one; it holds 2: "a", "b"',
    );
    expect(await refusal(['missing.csv'])).toBe('incident export not found: missing.csv');
  });
});

describe('parseIncidentDate', () => {
  it.each([
    ['2026-08-14', '2026-08-14'],
    ['2026-08-14T23:59:59+02:00', '2026-08-14'],
    ['2026-08-14T23:30:00-01:00', '2026-08-15'],
    ['2026-08-14 08:00', '2026-08-14'],
    ['2026/8/4', '2026-08-04'],
    ['4/Aug/26 11:59 PM', '2026-08-04'],
    ['1776160800', '2026-04-14'],
  ])('reads %s as %s', (text, day) => {
    expect(parseIncidentDate(text)).toEqual({ day });
  });

  it.each(['2026-02-30', '31/Feb/26 1:00 AM', '14/Foo/26', '08/14/2026', 'soon'])(
    'refuses %s',
    (text) => {
      expect(parseIncidentDate(text)).toHaveProperty('error');
    },
  );
});
