import { describe, expect, it } from 'vitest';
import { compareWithBaseline, type BaselineReport } from '../../src/gate/baseline.js';
import { parseBaseline } from '../../src/gate/baseline-file.js';
import { roundToTenth } from '../../src/util/numbers.js';
import { UserError } from '../../src/errors.js';
import { makeItem, makeSampleReport } from '../helpers/sample-report.js';

/** The error `fn` throws, asserting it is a UserError (exit 2, one line). */
function userErrorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    const userError = error as UserError;
    expect(userError.exitCode).toBe(2);
    expect(userError.format()).not.toContain('\n');
    return userError;
  }
  throw new Error('expected a UserError, nothing was thrown');
}

const valid = {
  schemaVersion: 1,
  project: 'fraud-scoring',
  totals: { score: 42.5, items: 2, byCategory: { data: 42.5 } },
  items: [
    { rank: 1, id: 'DATA-001', title: 'Schema', score: 30, extra: { ignored: true } },
    { rank: 2, id: 'MODEL-002', title: 'Pins', score: 12.5 },
  ],
};

describe('parseBaseline', () => {
  it('reads the fields the comparison needs and ignores the rest', () => {
    expect(parseBaseline(JSON.stringify(valid, null, 2), 'prev.json')).toEqual({
      schemaVersion: 1,
      project: 'fraud-scoring',
      totals: { score: 42.5 },
      items: [
        { id: 'DATA-001', title: 'Schema', score: 30 },
        { id: 'MODEL-002', title: 'Pins', score: 12.5 },
      ],
    });
  });

  it('accepts a byte-order mark', () => {
    expect(parseBaseline(`\uFEFF${JSON.stringify(valid)}`, 'prev.json').totals.score).toBe(42.5);
  });

  it('reads a report written by the JSON renderer’s shape (the sample report)', () => {
    const report = makeSampleReport();
    const parsed = parseBaseline(JSON.stringify(report), 'report.json');
    expect(parsed.items.map((item) => item.id)).toEqual(report.items.map((item) => item.id));
  });

  it('names file, line and column of a JSON syntax error', () => {
    const text = '{\n  "schemaVersion": 1,\n  "totals": { "score": 4 x }\n}';
    const error = userErrorOf(() => parseBaseline(text, 'prev.json'));
    expect(error.location).toEqual({ file: 'prev.json', line: 3, column: 26 });
    expect(error.format()).toBe(
      "prev.json:3:26: baseline is not valid JSON: expected ',' or '}', found 'x'",
    );
  });

  it('points at the end of a truncated file', () => {
    const error = userErrorOf(() => parseBaseline('{\n  "items": [\n', 'prev.json'));
    expect(error.format()).toBe(
      'prev.json:3:1: baseline is not valid JSON: unexpected end of input',
    );
  });

  it('rejects an empty file', () => {
    expect(userErrorOf(() => parseBaseline('', 'prev.json')).format()).toBe(
      'prev.json:1:1: baseline is not valid JSON: unexpected end of input',
    );
  });

  it('rejects JSON that is not an mldebt report, naming the fields', () => {
    const error = userErrorOf(() =>
      parseBaseline(
        JSON.stringify({ schemaVersion: 1, items: [{ id: 'A-1', score: '3' }] }),
        'x.json',
      ),
    );
    expect(error.format()).toMatch(/^x\.json: not an mldebt JSON report: /);
    expect(error.message).toContain('totals:');
    expect(error.message).toContain('items[0].title:');
    expect(error.message).toContain('items[0].score:');
  });

  it('rejects another schema version with a way out', () => {
    const error = userErrorOf(() =>
      parseBaseline(JSON.stringify({ ...valid, schemaVersion: 2 }), 'x.json'),
    );
    expect(error.format()).toBe(
      'x.json: baseline has schemaVersion 2, this mldebt reads schemaVersion 1; ' +
        "re-create it with this mldebt's `audit --format json`",
    );
  });

  it('rejects a report that lists an id twice', () => {
    const twice = { ...valid, items: [valid.items[0], valid.items[0]] };
    expect(userErrorOf(() => parseBaseline(JSON.stringify(twice), 'x.json')).format()).toBe(
      'x.json: baseline lists item DATA-001 twice',
    );
  });

  it('rejects `null` and arrays', () => {
    expect(userErrorOf(() => parseBaseline('null', 'x.json')).message).toMatch(
      /^x\.json: not an mldebt/,
    );
    expect(userErrorOf(() => parseBaseline('[]', 'x.json')).message).toMatch(
      /^x\.json: not an mldebt/,
    );
  });
});

describe('compareWithBaseline', () => {
  const current = [
    makeItem({ rank: 1, id: 'DATA-001', title: 'Schema', category: 'data', score: 18 }),
    makeItem({
      rank: 2,
      id: 'PIPE-009',
      title: '  pipeline   RETRIES ',
      category: 'pipeline',
      score: 12,
    }),
    makeItem({ rank: 3, id: 'NEW-001', title: 'Brand new', category: 'model', score: 9 }),
    makeItem({ rank: 4, id: 'MON-001', title: 'Same', category: 'monitoring', score: 5 }),
  ];
  const baseline: BaselineReport = {
    schemaVersion: 1,
    totals: { score: 40.1 },
    items: [
      { id: 'ZED-001', title: 'Gone', score: 3 },
      { id: 'DATA-001', title: 'Schema', score: 12.1 },
      { id: 'PIPE-004', title: 'Pipeline retries', score: 15 },
      { id: 'MON-001', title: 'Same', score: 5 },
      { id: 'ALPHA-001', title: 'Also gone', score: 5 },
    ],
  };

  it('classifies by id, detects a rename by title, and orders by rank then resolved by id', () => {
    expect(compareWithBaseline(current, 44, baseline, 'prev.json')).toEqual({
      file: 'prev.json',
      previousTotal: 40.1,
      totalDelta: 3.9,
      items: [
        { id: 'DATA-001', status: 'changed', previous: 12.1, current: 18, delta: 5.9 },
        {
          id: 'PIPE-009',
          status: 'renamed',
          previousId: 'PIPE-004',
          previous: 15,
          current: 12,
          delta: -3,
        },
        { id: 'NEW-001', status: 'new', previous: null, current: 9, delta: null },
        { id: 'MON-001', status: 'unchanged', previous: 5, current: 5, delta: 0 },
        { id: 'ALPHA-001', status: 'resolved', previous: 5, current: null, delta: null },
        { id: 'ZED-001', status: 'resolved', previous: 3, current: null, delta: null },
      ],
    });
  });

  it('does not guess a rename when two vanished items share the title', () => {
    const ambiguous: BaselineReport = {
      ...baseline,
      items: [
        { id: 'PIPE-004', title: 'Pipeline retries', score: 15 },
        { id: 'PIPE-005', title: 'pipeline retries', score: 7 },
      ],
    };
    const result = compareWithBaseline(current.slice(1, 2), 12, ambiguous, 'prev.json');
    expect(result.items.map((delta) => [delta.id, delta.status])).toEqual([
      ['PIPE-009', 'new'],
      ['PIPE-004', 'resolved'],
      ['PIPE-005', 'resolved'],
    ]);
  });

  it('does not guess a rename when two new items share the title', () => {
    const twins = [
      makeItem({ rank: 1, id: 'PIPE-009', title: 'Pipeline retries', category: 'pipeline' }),
      makeItem({ rank: 2, id: 'PIPE-010', title: 'pipeline retries', category: 'pipeline' }),
    ];
    const result = compareWithBaseline(twins, 2, baseline, 'prev.json');
    expect(result.items.filter((delta) => delta.status === 'renamed')).toEqual([]);
    expect(result.items.find((delta) => delta.id === 'PIPE-004')?.status).toBe('resolved');
  });

  it('does not treat a title match as a rename when the old id still exists', () => {
    const same = [
      makeItem({ rank: 1, id: 'MON-001', title: 'Same', category: 'monitoring', score: 5 }),
      makeItem({ rank: 2, id: 'MON-002', title: 'Same', category: 'monitoring', score: 5 }),
    ];
    const result = compareWithBaseline(same, 10, baseline, 'prev.json');
    expect(result.items.find((delta) => delta.id === 'MON-002')?.status).toBe('new');
  });

  it('orders current items by rank even when given out of order', () => {
    const shuffled = [...current].reverse();
    const result = compareWithBaseline(shuffled, 44, baseline, 'prev.json');
    expect(result.items.slice(0, 4).map((delta) => delta.id)).toEqual([
      'DATA-001',
      'PIPE-009',
      'NEW-001',
      'MON-001',
    ]);
  });
});

describe('roundToTenth', () => {
  it.each([
    [18 - 12.1, 5.9],
    [0.1 + 0.2, 0.3],
    [-2.05, -2.1],
    [2.05, 2.1],
    [-0.04, 0],
    [0, 0],
  ])('%d → %d', (value, expected) => {
    expect(Object.is(roundToTenth(value), expected)).toBe(true);
  });
});
