/**
 * Names that are also members of Object.prototype (`constructor`, `toString`, `__proto__`)
 * are plain data wherever a user can write a name: tags, tag_multipliers keys,
 * settings.categories and an item's category. A tag `constructor` used to find
 * Object.prototype.constructor and make the score NaN (the gate passed); zod silently drops
 * a `__proto__` key from a record, so `tag_multipliers: {__proto__: 2}` did nothing.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/index.js';
import { checkInventoryText } from '../../src/inventory/check.js';
import { formatProblem } from '../../src/inventory/problems.js';
import { resolveSettings } from '../../src/inventory/settings.js';
import { testEnv } from '../helpers/audit-repo.js';
import { makeRepo, writeInventory } from './cli.js';

const repo = makeRepo('mldebt-proto-');
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const PROTO_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

const inventory = `version: 1
project: demo
settings:
  tag_multipliers: {__proto__: 2, constructor: 3, toString: 1.5}
  categories: [constructor]
items:
  - id: DATA-001
    title: tagged with prototype names
    category: data
    risk: 2
    cost_of_delay: 2
    tags: [${PROTO_NAMES.join(', ')}]
    paths: [src/a.py]
  - id: DATA-002
    title: in the category constructor
    category: constructor
    risk: 3
    cost_of_delay: 2
    tags: [__proto__]
    paths: [src/a.py]
`;

describe('prototype names load as plain data', () => {
  it('tag_multipliers keeps __proto__, constructor and toString as tags', () => {
    const { inventory: loaded, problems } = checkInventoryText(inventory, 'debt.yaml');
    expect(problems).toEqual([]);
    const multipliers = resolveSettings(loaded!.settings).tagMultipliers;
    expect(multipliers.get('__proto__')).toBe(2);
    expect(multipliers.get('constructor')).toBe(3);
    expect(multipliers.get('toString')).toBe(1.5);
    expect(multipliers.get('hasOwnProperty')).toBeUndefined();
    expect(loaded!.items[0]!.tags).toEqual(PROTO_NAMES);
    expect(loaded!.items[1]!.category).toBe('constructor');
  });

  it('a __proto__ multiplier is checked like any other', () => {
    const text = inventory.replace('__proto__: 2', '__proto__: 1e308');
    expect(checkInventoryText(text, 'debt.yaml').problems.map(formatProblem)).toEqual([
      'debt.yaml:4:32: error: settings.tag_multipliers.__proto__: expected a positive number, at most 10, got 1e+308',
    ]);
  });

  it('audit scores them with finite numbers: R × F × C × the multipliers', async () => {
    const config = writeInventory(repo, inventory);
    // The test environment: no user config, and a cache directory of its own (never ~/.cache).
    const { report } = await audit({ cwd: repo, repo, config, env: testEnv(repo) });
    const byId = new Map(report.items.map((item) => [item.id, item]));
    const tagged = byId.get('DATA-001')!;
    expect(tagged.multiplier).toBe(9); // 2 × 3 × 1.5
    expect(tagged.score).toBe(2 * 1 * 2 * 9);
    const inConstructor = byId.get('DATA-002')!;
    expect(inConstructor.category).toBe('constructor');
    expect(inConstructor.multiplier).toBe(2);
    expect(inConstructor.score).toBe(3 * 1 * 2 * 2);
    for (const item of report.items) expect(Number.isFinite(item.score)).toBe(true);
    expect(report.totals.score).toBe(36 + 12);
  });
});
