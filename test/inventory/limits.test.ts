/**
 * Every text field and every list of the inventory is bounded (a 10 MB `owner` made a 130 MB
 * table), with one clear "expected at most …" message that gives the size, not the text;
 * multipliers, money and effort are bounded so no score or sum overflows to Infinity (which
 * JSON writes as null).
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { checkInventoryText } from '../../src/inventory/check.js';
import {
  MAX_EFFORT_DAYS,
  MAX_ENTRIES,
  MAX_MONEY_AMOUNT,
  MAX_TAG_MULTIPLIER,
  MAX_TEXT,
} from '../../src/inventory/limits.js';
import { formatProblem } from '../../src/inventory/problems.js';
import { inventorySchema } from '../../src/inventory/schema.js';
import { inventoryText, makeRepo, problemLines, runInProcess, writeInventory } from './cli.js';

const repo = makeRepo('mldebt-limits-');
afterAll(() => rmSync(repo, { recursive: true, force: true }));

function errors(text: string): string[] {
  return checkInventoryText(text, 'debt.yaml')
    .problems.filter((p) => p.severity === 'error')
    .map(formatProblem);
}

/** The inventory with `value` written at one text field; `path` is how messages name it. */
const TEXT_FIELDS: [path: string, max: number, build: (value: string) => string][] = [
  ['project', MAX_TEXT.project, (v) => inventoryText().replace('project: demo', `project: ${v}`)],
  ['items[0].id', MAX_TEXT.id, (v) => inventoryText().replace('DATA-001', `DATA-${v}`)],
  ['items[0].title', MAX_TEXT.title, (v) => inventoryText().replace('title: t', `title: ${v}`)],
  ['items[0].owner', MAX_TEXT.owner, (v) => inventoryText({ item: `    owner: ${v}\n` })],
  [
    'items[0].category',
    MAX_TEXT.category,
    (v) =>
      inventoryText({ settings: `  categories: [${v}]\n` }).replace(
        'category: data',
        `category: ${v}`,
      ),
  ],
  ['items[0].tags[0]', MAX_TEXT.tag, (v) => inventoryText({ item: `    tags: [${v}]\n` })],
  ['items[0].evidence', MAX_TEXT.evidence, (v) => inventoryText({ item: `    evidence: ${v}\n` })],
  ['items[0].fix', MAX_TEXT.fix, (v) => inventoryText({ item: `    fix: ${v}\n` })],
  [
    'items[0].incidents[0].ref',
    MAX_TEXT.incidentRef,
    (v) => inventoryText({ item: `    incidents: [{date: 2026-01-01, ref: ${v}}]\n` }),
  ],
  [
    'items[0].incidents[0].summary',
    MAX_TEXT.incidentSummary,
    (v) => inventoryText({ item: `    incidents: [{date: 2026-01-01, summary: ${v}}]\n` }),
  ],
  [
    'settings.coverage[0]',
    MAX_TEXT.coveragePath,
    (v) => inventoryText({ settings: `  coverage: [${v}]\n` }),
  ],
  ['settings.bots[0]', MAX_TEXT.botPattern, (v) => inventoryText({ settings: `  bots: [${v}]\n` })],
  ['$schema', MAX_TEXT.schemaRef, (v) => `$schema: ${v}\n${inventoryText()}`],
];

describe('text fields: at most N characters, one message giving the length', () => {
  it.each(TEXT_FIELDS)('%s: %i characters pass, one more is refused', (path, max, build) => {
    // Letters (digits would read as a number); digits for the id, after its `DATA-`.
    const at = (n: number) => (path === 'items[0].id' ? '1' : 'a').repeat(n);
    const prefix = path === 'items[0].id' ? 'DATA-'.length : 0;
    expect(errors(build(at(max - prefix)))).toEqual([]);
    const over = errors(build(at(max - prefix + 1)));
    const expected = new RegExp(
      `^debt\\.yaml:\\d+:\\d+: error: ${path.replace(/[[\].$]/g, '\\$&')}: expected at most ${max} characters, got ${max + 1} characters$`,
    );
    // A category too long is refused where it is declared too, so it is unknown at the item.
    if (path === 'items[0].category') expect(over.filter((l) => expected.test(l))).toHaveLength(1);
    else expect(over).toEqual([expect.stringMatching(expected)]);
  });

  it('a 1 MB owner: validate and audit print one short line, exit 2', async () => {
    const config = writeInventory(
      repo,
      inventoryText({ item: `    owner: ${'o'.repeat(1 << 20)}\n` }),
    );
    for (const command of ['validate', 'audit']) {
      const res = await runInProcess([command, '--repo', repo, '--config', config], repo);
      expect(res.code).toBe(2);
      expect(problemLines(res.stderr)).toEqual([
        `debt.yaml:10:12: error: items[0].owner: expected at most ${MAX_TEXT.owner} characters, got 1048576 characters`,
      ]);
      expect(res.stderr.length).toBeLessThan(400);
    }
  });

  it('a 1 MB unknown category, key or id is clipped in its message, and answered quickly', () => {
    const long = 'x'.repeat(1 << 20);
    const started = performance.now();
    const out = [
      ...errors(inventoryText().replace('category: data', `category: ${long}`)),
      ...errors(inventoryText({ item: `    ? ${long}\n    : 1\n` })),
      ...errors(
        `${inventoryText()}  - id: DATA-001\n    title: u\n    category: data\n    risk: 1\n    cost_of_delay: 1\n`.replace(
          /DATA-001/g,
          `DATA-${'1'.repeat(1 << 20)}`,
        ),
      ),
    ];
    expect(performance.now() - started).toBeLessThan(5000);
    expect(out.length).toBeGreaterThanOrEqual(4);
    for (const line of out) expect(line.length).toBeLessThan(400);
    expect(out.join('\n')).toContain(`unknown category "${'x'.repeat(37)}..."`);
    expect(out.join('\n')).toContain(`unknown key "${'x'.repeat(37)}..."`);
    expect(out.join('\n')).toContain(`duplicate id "DATA-${'1'.repeat(32)}..."`);
  });
});

describe('lists: at most N entries', () => {
  const LISTS: [path: string, max: number, build: (n: number) => string][] = [
    [
      'items[0].tags',
      MAX_ENTRIES.tags,
      (n) => inventoryText({ item: `    tags: [${list(n, 't')}]\n` }),
    ],
    [
      'items[0].paths',
      MAX_ENTRIES.paths,
      (n) => inventoryText().replace('paths: [src/a.py]', `paths: [${list(n, 'p')}]`),
    ],
    [
      'items[0].incidents',
      MAX_ENTRIES.incidents,
      (n) =>
        inventoryText({
          item: `    incidents: [${Array.from({ length: n }, () => '{date: 2026-01-01}').join(', ')}]\n`,
        }),
    ],
    [
      'settings.coverage',
      MAX_ENTRIES.coverage,
      (n) => inventoryText({ settings: `  coverage: [${list(n, 'c')}]\n` }),
    ],
    [
      'settings.bots',
      MAX_ENTRIES.bots,
      (n) => inventoryText({ settings: `  bots: [${list(n, 'b')}]\n` }),
    ],
    [
      'settings.categories',
      MAX_ENTRIES.categories,
      (n) => inventoryText({ settings: `  categories: [${list(n, 'c')}]\n` }),
    ],
    [
      'settings.tag_multipliers',
      MAX_ENTRIES.tagMultipliers,
      (n) =>
        inventoryText({
          settings: `  tag_multipliers: {${Array.from({ length: n }, (_, i) => `t${i}: 2`).join(', ')}}\n`,
        }),
    ],
  ];

  it.each(LISTS)('%s: %i entries pass, one more is refused', (path, max, build) => {
    expect(errors(build(max))).toEqual([]);
    const over = errors(build(max + 1));
    expect(over).toHaveLength(1);
    expect(over[0]).toMatch(
      new RegExp(
        `^debt\\.yaml:\\d+:\\d+: error: ${path.replace(/[[\].]/g, '\\$&')}: expected at most ${max} entries, got ${max + 1} entries$`,
      ),
    );
  });

  it(`items: ${MAX_ENTRIES.items} pass the schema, one more does not`, () => {
    const item = { id: 'DATA-1', title: 't', category: 'data', risk: 2, cost_of_delay: 2 };
    const inventory = (n: number) => ({
      version: 1,
      project: 'p',
      items: Array.from({ length: n }, () => item),
    });
    expect(inventorySchema.safeParse(inventory(MAX_ENTRIES.items)).success).toBe(true);
    const over = inventorySchema.safeParse(inventory(MAX_ENTRIES.items + 1));
    expect(over.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [['items'], `expected at most ${MAX_ENTRIES.items} entries`],
    ]);
  });
});

describe('numbers that could overflow a score or a sum', () => {
  it.each(['1e308', '0', '-1', '10.5', '.inf'])('tag multiplier %s is refused', (value) => {
    const text = inventoryText({ settings: `  tag_multipliers: {x: ${value}}\n` });
    expect(errors(text)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^debt\\.yaml:4:24: error: settings\\.tag_multipliers\\.x: expected a positive number, at most ${MAX_TAG_MULTIPLIER}, got `,
        ),
      ),
    ]);
  });

  it(`a tag multiplier of ${MAX_TAG_MULTIPLIER} passes`, () => {
    expect(
      errors(inventoryText({ settings: `  tag_multipliers: {x: ${MAX_TAG_MULTIPLIER}}\n` })),
    ).toEqual([]);
  });

  it('money: at most a trillion per period', () => {
    const money = (amount: string) =>
      inventoryText().replace('cost_of_delay: 2', `cost_of_delay: {amount: ${amount}, per: day}`);
    expect(errors(money(String(MAX_MONEY_AMOUNT)))).toEqual([]);
    expect(errors(money('1e308'))).toEqual([
      'debt.yaml:8:29: error: items[0].cost_of_delay.amount: expected an amount of money of at most 1,000,000,000,000, got 1e+308',
    ]);
  });

  const FORM = 'expected an effort like 6h, 3d or 2w (8h = 1d, 1w = 5d)';
  const BOUND = 'expected an effort of at most 10000 days (80000h, 10000d or 2000w)';
  it.each([
    ['0d', '0d', FORM],
    ['0.0h', '0.0h', FORM],
    ['a 400-digit count (too long to be a number)', `${'9'.repeat(400)}d`, FORM],
    ['a 20-digit count', '99999999999999999999d', BOUND],
    ['80001h', '80001h', BOUND],
    ['2001w', '2001w', BOUND],
    ['10001 (days)', '10001', BOUND],
  ])('effort %s is refused', (_name, effort, message) => {
    const out = errors(inventoryText({ item: `    effort: ${effort}\n` }));
    expect(out).toHaveLength(1);
    expect(out[0]).toContain(`error: items[0].effort: ${message}, got `);
  });

  it.each(['80000h', `${MAX_EFFORT_DAYS}d`, '2000w', '0.5h', String(MAX_EFFORT_DAYS)])(
    'effort %s passes',
    (effort) => {
      expect(errors(inventoryText({ item: `    effort: ${effort}\n` }))).toEqual([]);
    },
  );
});

function list(n: number, prefix: string): string {
  return Array.from({ length: n }, (_, i) => `${prefix}${i}`).join(', ');
}
