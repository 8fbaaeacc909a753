import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, quoteField, renderCsv } from '../../src/report/renderers/csv.js';
import {
  makeHostileReport,
  makeSampleReport,
  makeSampleReportWithBaseline,
} from '../helpers/sample-report.js';

/**
 * A strict RFC 4180 reader, independent of the renderer: records end with CRLF; a field is
 * either unquoted (no comma, quote, CR or LF) or quoted with inner quotes doubled. Anything
 * else throws, so a sloppy renderer cannot pass by accident.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n')
          throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`);
        field += text[i++];
      }
    }
    record.push(field);
    if (text[i] === ',') {
      i++;
    } else if (text.startsWith('\r\n', i)) {
      i += 2;
      records.push(record);
      record = [];
    } else {
      throw new Error(`expected ',' or CRLF at ${i}`);
    }
  }
  if (record.length > 0) throw new Error('last record does not end with CRLF');
  return records;
}

function renderRecords(report = makeSampleReport(), top?: number): Record<string, string>[] {
  const [header, ...rows] = parseCsv(renderCsv(report, { color: false, top }));
  return rows.map((row) => {
    expect(row).toHaveLength(header!.length);
    return Object.fromEntries(header!.map((name, index) => [name, row[index]!]));
  });
}

describe('renderCsv', () => {
  it('starts with the documented header row', () => {
    const [header] = parseCsv(renderCsv(makeSampleReport(), { color: false }));
    expect(header).toEqual([
      'rank',
      'id',
      'title',
      'category',
      'owner',
      'status',
      'risk',
      'frequency',
      'cost_of_delay',
      'multiplier',
      'score',
      'wsjf',
      'fix_commits',
      'commits',
      'authors',
      'churn',
      'coverage_percent',
      'due',
      'overdue',
      'delta',
      'baseline_status',
      'shared_fix_commits',
      'globs_matching_nothing',
      'config',
      'owner_source',
      'practices',
    ]);
    expect(CSV_COLUMNS).toEqual(header);
  });

  it('ends every record with CRLF, and only quoted fields contain a bare LF', () => {
    const csv = renderCsv(makeSampleReport(), { color: false });
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(1 + 6 + 1);
    expect(csv).toContain('"Hardcoded API token in serving config\nand staging drift"');
  });

  it('parses back to the same titles, owners and values', () => {
    const report = makeSampleReport();
    const records = renderRecords(report);
    expect(records.map((record) => record.title)).toEqual(report.items.map((item) => item.title));
    expect(records[0]).toEqual({
      rank: '1',
      id: 'DATA-001',
      title: 'Feature pipeline has no schema validation | merchant_id & amount',
      category: 'data',
      owner: 'ana',
      status: 'open',
      risk: '5',
      frequency: '4',
      cost_of_delay: '3',
      multiplier: '1',
      score: '60.0',
      wsjf: '12.0',
      fix_commits: '6',
      commits: '14',
      authors: '3',
      churn: '420',
      coverage_percent: '23.0',
      due: '2026-12-01',
      overdue: 'false',
      delta: '',
      baseline_status: '',
      shared_fix_commits: '2',
      globs_matching_nothing: 'src/featurs/legacy/**',
      config: 'drift 1',
      owner_source: 'inventory',
      practices: 'data-in-git 1; no-validation 1',
    });
  });

  it('counts config findings per kind: none when examined clean, empty when not examined', () => {
    const records = renderRecords();
    expect(records.map((record) => [record.id, record.config])).toEqual([
      ['DATA-001', 'drift 1'],
      ['MODEL-002', 'none'],
      ['CONF-003', 'drift 1; secret 1'],
      // No paths, and (in the sample) not examined: empty, never "none".
      ['PIPE-004', ''],
      ['TEST-005', 'none'],
      ['MON-006', ''],
    ]);
  });

  it('counts practice findings per kind: none when examined clean, empty when not examined', () => {
    const records = renderRecords();
    expect(records.map((record) => [record.id, record.practices])).toEqual([
      ['DATA-001', 'data-in-git 1; no-validation 1'],
      ['MODEL-002', 'magic-number 1; no-tracking 1'],
      ['CONF-003', 'none'],
      ['PIPE-004', ''],
      ['TEST-005', 'none'],
      ['MON-006', ''],
    ]);
  });

  it('leaves cells empty for null values, never 0', () => {
    const records = renderRecords();
    const byId = Object.fromEntries(records.map((record) => [record.id, record]));
    expect(byId['MODEL-002']).toMatchObject({
      owner: '',
      wsjf: '',
      multiplier: '1.5',
      overdue: 'true',
    });
    expect(byId['PIPE-004']).toMatchObject({
      fix_commits: '',
      commits: '',
      authors: '',
      churn: '',
      coverage_percent: '',
      due: '',
    });
    expect(byId['MON-006']).toMatchObject({ commits: '1', churn: '' });
    expect(byId['TEST-005']).toMatchObject({ commits: '0', churn: '0', coverage_percent: '' });
    expect(byId['CONF-003']!.coverage_percent).toBe('');
  });

  it('carries the delta against a baseline, empty for new items', () => {
    const records = renderRecords(makeSampleReportWithBaseline());
    expect(records.map((record) => [record.id, record.delta])).toEqual([
      ['DATA-001', '4.5'],
      ['MODEL-002', '0.0'],
      ['CONF-003', '-2.0'],
      ['PIPE-004', ''],
      ['TEST-005', '0.0'],
      ['MON-006', '2.0'],
    ]);
  });

  it('round-trips hostile text', () => {
    const report = makeHostileReport();
    const records = renderRecords(report);
    expect(records.map((record) => record.title)).toEqual(report.items.map((item) => item.title));
    expect(records[1]!.category).toBe('ml <ops>');
  });

  it('applies --top', () => {
    expect(renderRecords(makeSampleReport(), 3).map((record) => record.id)).toEqual([
      'DATA-001',
      'MODEL-002',
      'CONF-003',
    ]);
  });

  it('is deterministic', () => {
    const report = makeSampleReport();
    expect(renderCsv(report, { color: false })).toBe(renderCsv(report, { color: false }));
  });

  describe('quoteField', () => {
    it.each([
      ['plain', 'plain'],
      ['a,b', '"a,b"'],
      ['say "hi"', '"say ""hi"""'],
      ['cr\r', '"cr\r"'],
      ['lf\n', '"lf\n"'],
      ['', ''],
    ])('%j → %j', (input, expected) => {
      expect(quoteField(input)).toBe(expected);
    });
  });
});
