/**
 * Incident exports through the whole pipeline, in-process, on a real repository built with
 * fixed dates: an export raises an item's frequency exactly as inline incidents do, the same
 * reference counts once (within a file, across files, against the inventory's own),
 * `--incidents` replaces the setting, and a bad export is exit 2 with one line.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explain } from '../../src/index.js';
import type { Report, ScoredItem } from '../../src/model/index.js';
import { renderExplain } from '../../src/report/explain.js';
import { auditError, auditIn, makeRepo, tempDir, testEnv } from '../helpers/audit-repo.js';
import { runInProcess } from '../helpers/run-in-process.js';

const ana = { name: 'Ana', email: 'ana@example.com' };

const inventory = (settings: string, inline = '') => `version: 1
project: incidents
settings:
  window: 180d
${settings}
items:
  - id: SERV-001
    title: Scorer has no timeout
    category: infrastructure
    risk: 3
    cost_of_delay: 2
    services: [Scoring]
    paths: ["src/**"]
${inline}
  - id: DATA-002
    title: Ingest unvalidated
    category: data
    risk: 2
    cost_of_delay: 2
    paths: ["src/**"]
`;

let dir: string;
let remove: () => void;
let repo: string;

beforeAll(() => {
  ({ dir, remove } = tempDir('incidents-audit'));
  repo = makeRepo(dir, 'repo', [
    {
      date: '2026-01-10T10:00:00Z',
      author: ana,
      message: 'Add scorer',
      files: { 'src/scorer.py': 'a\n' },
    },
    {
      date: '2026-06-30T10:00:00Z',
      author: ana,
      message: 'Tune scorer',
      files: { 'src/scorer.py': 'b\n' },
    },
  ]);
  mkdirSync(join(repo, 'sub'));
  writeFileSync(
    join(repo, 'pager.csv'),
    'incident_number,description,service_name,created_on\n' +
      '1,Scorer timeout,scoring,2026-03-01T10:00:00Z\n' +
      '2,Scorer timeout again,scoring,2026-04-01T10:00:00Z\n' +
      '2,Scorer timeout again (same ref),scoring,2026-04-01T11:00:00Z\n' +
      '3,Before the window,scoring,2025-01-01T10:00:00Z\n' +
      '4,Checkout down,checkout,2026-04-02T10:00:00Z\n',
  );
  writeFileSync(
    join(repo, 'jira.csv'),
    'Summary,Issue key,Created,Component/s\n' +
      'Scorer timeout (ticket),1,01/Mar/26 10:00 AM,Scoring\n' +
      'Scores stale,OPS-9,05/May/26 9:00 AM,Scoring\n',
  );
  writeFileSync(join(repo, 'other.csv'), 'date,item,summary\n2026-05-20,DATA-002,ingest stalled\n');
  writeFileSync(join(repo, 'bad.csv'), 'date,item\n2026-05-20,DATA-002\n20.05.2026,DATA-002\n');
  writeFileSync(join(repo, 'bare.yaml'), inventory(''));
  writeFileSync(join(repo, 'debt.yaml'), inventory('  incidents: [pager.csv, jira.csv]'));
  writeFileSync(
    join(repo, 'inline.yaml'),
    inventory(
      '  incidents: [pager.csv, jira.csv]',
      '    incidents:\n      - { date: 2026-02-27, ref: "1", summary: written by hand }',
    ),
  );
});
afterAll(() => remove());

const item = (report: Report, id: string): ScoredItem => report.items.find((i) => i.id === id)!;

describe('incident exports in an audit', () => {
  it('raise an item’s frequency as inline incidents do, each reference once, with where each came from', async () => {
    const bare = item(await auditIn(repo, { config: 'bare.yaml' }), 'SERV-001');
    const report = await auditIn(repo);
    const serv = item(report, 'SERV-001');
    expect(bare.frequency).toMatchObject({ events: 0, effective: 1 });
    // pager 1 and 2 (2 repeated, 3 outside the window), jira OPS-9 (its "1" is pager's 1).
    expect(serv.frequency).toMatchObject({
      events: 3,
      ratePer30Days: 0.5,
      observed: 3,
      effective: 3,
    });
    expect(serv.score).toBe(bare.score * 3);
    expect(serv.incidents).toEqual([
      {
        date: '2026-03-01',
        ref: '1',
        summary: 'Scorer timeout',
        inWindow: true,
        source: 'pager.csv',
      },
      {
        date: '2026-04-01',
        ref: '2',
        summary: 'Scorer timeout again',
        inWindow: true,
        source: 'pager.csv',
      },
      {
        date: '2026-05-05',
        ref: 'OPS-9',
        summary: 'Scores stale',
        inWindow: true,
        source: 'jira.csv',
      },
    ]);
    expect(item(report, 'DATA-002').frequency.events).toBe(0);
    expect(report.warnings.filter((w) => w.code.startsWith('incidents'))).toEqual([
      {
        code: 'incidents-unmapped',
        message:
          "pager.csv: 1 of 5 rows map to no item (services: checkout); list a service in an item's services to count its rows",
      },
    ]);
  });

  it('count a reference the inventory already lists once, keeping the inventory’s own', async () => {
    const serv = item(await auditIn(repo, { config: 'inline.yaml' }), 'SERV-001');
    expect(serv.frequency.events).toBe(3);
    expect(serv.incidents[0]).toEqual({
      date: '2026-02-27',
      ref: '1',
      summary: 'written by hand',
      inWindow: true,
      source: 'inventory',
    });
    expect(serv.incidents.map((i) => i.ref)).toEqual(['1', '2', 'OPS-9']);
  });

  it('show in explain with the file each came from', async () => {
    const found = await explain('SERV-001', { cwd: repo, env: testEnv(repo) });
    const text = renderExplain(found.report, found.item!, found.history);
    expect(text).toContain('2026-05-05 OPS-9 Scores stale (in window: counted; from jira.csv)');
  });

  it('resolve settings.incidents against the repository root, from any directory in it', async () => {
    const serv = item(await auditIn(join(repo, 'sub')), 'SERV-001');
    expect(serv.frequency.events).toBe(3);
  });

  it('--incidents replaces settings.incidents, relative to the current directory', async () => {
    const report = await auditIn(join(repo, 'sub'), { incidents: ['../other.csv'] });
    expect(item(report, 'SERV-001').frequency.events).toBe(0);
    expect(item(report, 'DATA-002').incidents).toEqual([
      {
        date: '2026-05-20',
        ref: null,
        summary: 'ingest stalled',
        inWindow: true,
        source: '../other.csv',
      },
    ]);
  });

  it('refuses a bad date before any history is walked, naming file, row, line and column', async () => {
    expect(await auditError(repo, { incidents: ['bad.csv'] })).toBe(
      'bad.csv: row 2 (line 3), column "date": day/month or month/day? numeric dates are ambiguous: export ISO dates (YYYY-MM-DD) or convert the column "20.05.2026"',
    );
  });

  it('the CLI exits 2 with that one line and writes nothing to stdout', async () => {
    const res = await runInProcess(['audit', '--incidents', 'bad.csv', '--format', 'json'], {
      cwd: repo,
    });
    expect(res.status).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toBe(
      'mldebt: bad.csv: row 2 (line 3), column "date": day/month or month/day? numeric dates are ambiguous: export ISO dates (YYYY-MM-DD) or convert the column "20.05.2026"\n',
    );
  });
});
