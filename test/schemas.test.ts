/**
 * The shipped JSON Schemas are generated (scripts/lib/schemas.js); this fails when a schema
 * change was not followed by `npm run schema`, and checks that the schemas accept what the
 * tool itself reads and writes.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generateSchemas } from '../scripts/lib/schemas.js';
import { makeSampleReportWithReconciliation } from './helpers/sample-report.js';

const read = (name: string) => readFileSync(new URL(`../schema/${name}`, import.meta.url), 'utf8');

describe('shipped JSON Schemas', () => {
  const generated = generateSchemas() as Record<string, string>;

  it.each(Object.keys(generated))('schema/%s is up to date (run npm run schema)', (name) => {
    expect(read(name)).toBe(generated[name]);
  });

  it('the inventory schema accepts debt.example.yaml and rejects a bad risk', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(read('debt.schema.json')));
    const example = parse(readFileSync(new URL('../debt.example.yaml', import.meta.url), 'utf8'));
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    example.items[0].risk = 9;
    expect(validate(example)).toBe(false);
  });

  it('the report schema accepts a report and rejects one missing a field', () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(
      JSON.parse(read('report.schema.json')),
    );
    const report = JSON.parse(JSON.stringify(makeSampleReportWithReconciliation()));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    delete report.items[0].ownerSource;
    expect(validate(report)).toBe(false);
  });
});
