// Every plan format on one hand-built plan: markdown passes markdownlint and escapes what
// would break it, CSV is RFC 4180, JSON keeps the contract's names, all are deterministic.
import { lint } from 'markdownlint/promise';
import { describe, expect, it } from 'vitest';
import { PLAN_FORMATS, renderPlan } from '../../src/report/plan/index.js';
import { PLAN_CSV_COLUMNS } from '../../src/report/plan/csv.js';
import { planSprint } from '../../src/scoring/plan.js';
import type { Plan } from '../../src/model/index.js';
import { reportOf } from './fixtures.js';

const HOSTILE = 'Pipes | commas, "quotes"\nand <b>tags</b> *stars* in a title';

function samplePlan(): Plan {
  const report = reportOf(
    [
      { id: 'DATA-001', score: 60, r: 5, f: 4, effort: 4, title: HOSTILE },
      { id: 'MODEL-002', score: 50, r: 4, f: 3, effort: 2, perWeek: 2500 },
      { id: 'CONF-003', score: 40, r: 4, f: 5, effort: 8 },
      { id: 'PIPE-004', score: 30, r: 2, f: 2, effort: 12 },
      { id: 'TEST-005', score: 10, r: 2, f: 2, effort: null },
    ],
    190,
  );
  report.warnings = [
    { code: 'no-paths', message: 'TEST-005: no paths | none', itemId: 'TEST-005' },
  ];
  report.notes = [
    { code: 'young-repository', message: 'the repository is younger than the window' },
  ];
  return planSprint(report, 10, {
    kind: 'setting',
    engineers: 5,
    sprint: '2w',
    sprintDays: 10,
    share: 0.2,
  });
}

/** A strict RFC 4180 reader: CRLF records, fields bare or quoted with doubled quotes. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  const field = /("(?:[^"]|"")*"|[^",\r\n"]*)(,|\r\n)/y;
  let record: string[] = [];
  while (field.lastIndex < text.length) {
    const at = field.lastIndex;
    const m = field.exec(text);
    if (!m) throw new Error(`malformed CSV at ${at}`);
    const raw = m[1]!;
    record.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
    if (m[2] === '\r\n') {
      records.push(record);
      record = [];
    }
  }
  if (record.length > 0) throw new Error('last record does not end with CRLF');
  return records;
}

describe('plan renderers', () => {
  it('markdown passes markdownlint, escapes cells and shows every part of the plan', async () => {
    const markdown = await renderPlan(samplePlan(), 'markdown', { color: false });
    const results = await lint({ strings: { doc: markdown } });
    expect(results.doc ?? []).toEqual([]);
    expect(markdown).toContain(
      '| 1 | 1 | DATA-001 | Pipes \\| commas, "quotes" and \\<b>tags\\</b> \\*stars\\* in a title | 4d | 4d | 60.0 | 15.0 |\n',
    );
    expect(markdown).toContain('| 2 | 2 | MODEL-002 | MODEL-002 title | 2d | 6d | 50.0 | 25.0 |\n');
    expect(markdown).toContain(
      '- capacity 10d (settings.capacity: 5 engineers × 2w (10 working days) × share 0.2) · used 6d · left 4d\n' +
        '- addresses 58% of the total score (110.0 of 190.0) · stops 2,500 per week of cost of delay\n',
    );
    expect(markdown).toContain(
      '## Not this sprint\n\n' +
        '- CONF-003 (stage 1, 8d, score 40.0): does not fit (6d left)\n' +
        '- PIPE-004 (stage 2, 12d, score 30.0): larger than the whole capacity (10d): split it\n',
    );
    expect(markdown).toContain(
      '## Needs an estimate\n\n- TEST-005 (stage 2, score 10.0): TEST-005 title\n',
    );
    expect(markdown).toContain('## Warnings\n\n- TEST-005: no paths \\| none\n');
    expect(markdown).toContain('## Notes\n\n- the repository is younger than the window\n');
  });

  it('CSV is RFC 4180 with one row per item, planned first, a figure that does not apply empty', async () => {
    const csv = await renderPlan(samplePlan(), 'csv', { color: false });
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(parseCsv(csv)).toEqual([
      [...PLAN_CSV_COLUMNS],
      ['planned', '1', '1', 'DATA-001', HOSTILE, '4', '4', '60.0', '15.0', ''],
      ['planned', '2', '2', 'MODEL-002', 'MODEL-002 title', '2', '6', '50.0', '25.0', '2500'],
      ['does-not-fit', '', '1', 'CONF-003', 'CONF-003 title', '8', '', '40.0', '5.0', ''],
      ['larger-than-capacity', '', '2', 'PIPE-004', 'PIPE-004 title', '12', '', '30.0', '2.5', ''],
      ['needs-estimate', '', '2', 'TEST-005', 'TEST-005 title', '', '', '10.0', '', ''],
    ]);
  });

  it('JSON keeps the names scripts depend on', async () => {
    const json = JSON.parse(await renderPlan(samplePlan(), 'json', { color: false })) as Record<
      string,
      unknown
    >;
    expect(json).toMatchObject({
      capacity: 10,
      used: 6,
      left: 4,
      needsEstimate: ['TEST-005'],
      scoreShare: 0.58,
      costOfDelayPerWeek: 2500,
    });
    expect(json.planned).toEqual([
      expect.objectContaining({
        id: 'DATA-001',
        stage: 1,
        effort: 4,
        cumulative: 4,
        score: 60,
        wsjf: 15,
      }),
      expect.objectContaining({
        id: 'MODEL-002',
        stage: 2,
        effort: 2,
        cumulative: 6,
        score: 50,
        wsjf: 25,
      }),
    ]);
    expect(json.doesNotFit).toEqual([
      expect.objectContaining({ id: 'CONF-003', effort: 8, reason: 'does-not-fit' }),
      expect.objectContaining({ id: 'PIPE-004', effort: 12, reason: 'larger-than-capacity' }),
    ]);
    expect(Object.keys(json)).toEqual([
      'schemaVersion',
      'tool',
      'project',
      'inventory',
      'head',
      'window',
      'capacity',
      'capacitySource',
      'used',
      'left',
      'planned',
      'doesNotFit',
      'needsEstimate',
      'unestimated',
      'plannedScore',
      'totalScore',
      'scoreShare',
      'costOfDelayPerWeek',
      'warnings',
      'notes',
    ]);
  });

  it('the table has no colors unless asked, and colors when asked', async () => {
    const plain = await renderPlan(samplePlan(), 'table', { color: false });
    expect(plain).not.toContain('\u001b[');
    expect(plain).toContain(
      'needs an estimate (no effort):\n  TEST-005 · stage 2 · score 10.0 · TEST-005 title\n',
    );
    // The title is one line in a table cell, cut to 48 characters.
    expect(plain).toContain('│ Pipes | commas, "quotes" and <b>tags</b> *stars… │');
    expect(await renderPlan(samplePlan(), 'table', { color: true })).toContain('\u001b[');
  });

  it.each(PLAN_FORMATS)('%s is byte-identical for the same plan', async (format) => {
    const a = await renderPlan(samplePlan(), format, { color: false });
    expect(await renderPlan(samplePlan(), format, { color: false })).toBe(a);
  });
});
