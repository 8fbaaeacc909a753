/**
 * Renderer output compared byte for byte with reviewed golden files in test/golden/.
 * After an intended change: `UPDATE_GOLDEN=1 npx vitest run test/report/golden.test.ts`, then
 * read the diff of test/golden/ before committing it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import type { Renderer } from '../../src/report/format.js';
import { renderCsv } from '../../src/report/renderers/csv.js';
import { renderCodeClimate } from '../../src/report/renderers/codeclimate.js';
import { renderGithub } from '../../src/report/renderers/github.js';
import { renderHtml } from '../../src/report/renderers/html.js';
import { renderMarkdown } from '../../src/report/renderers/markdown.js';
import { renderSarif } from '../../src/report/renderers/sarif.js';
import {
  makeSampleReport,
  makeSampleReportWithBaseline,
  makeSampleReportWithReconciliation,
} from '../helpers/sample-report.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

function expectGolden(name: string, actual: string): void {
  const path = fileURLToPath(new URL(`../golden/${name}`, import.meta.url));
  if (UPDATE) writeFileSync(path, actual);
  expect(existsSync(path), `${name} missing: run with UPDATE_GOLDEN=1`).toBe(true);
  // Compare as buffers: a string diff would hide CR/LF and encoding differences.
  expect(Buffer.from(actual, 'utf8').equals(readFileSync(path))).toBe(true);
}

const cases: [string, Renderer, () => Report][] = [
  ['sample.md', renderMarkdown, makeSampleReport],
  ['sample-baseline.md', renderMarkdown, makeSampleReportWithBaseline],
  ['sample.sarif', renderSarif, makeSampleReport],
  ['sample.csv', renderCsv, makeSampleReport],
  ['sample-baseline.csv', renderCsv, makeSampleReportWithBaseline],
  ['sample.github.txt', renderGithub, makeSampleReport],
  ['sample.html', renderHtml, makeSampleReport],
  ['sample.codeclimate.json', renderCodeClimate, makeSampleReport],
  ['sample-baseline.html', renderHtml, makeSampleReportWithBaseline],
  ['sample-reconciliation.md', renderMarkdown, makeSampleReportWithReconciliation],
  ['sample-reconciliation.html', renderHtml, makeSampleReportWithReconciliation],
  ['sample-reconciliation.github.txt', renderGithub, makeSampleReportWithReconciliation],
  ['sample-reconciliation.sarif', renderSarif, makeSampleReportWithReconciliation],
];

describe('golden files', () => {
  it.each(cases)('%s matches', (name, render, makeReport) => {
    expectGolden(name, render(makeReport(), { color: false }));
  });
});
