/**
 * Three real projects for the merge tests: throwaway git repositories with fixed dates, each
 * audited in-process and written as `mldebt audit --format json` writes it. Every figure is
 * computed by hand below, so the tests can assert exact totals and ranks.
 *
 * HEAD is 2026-06-30T12:00Z in each; the default 180-day window starts 2026-01-01T12:00Z.
 * Frequency levels per 30 days: 0.25 → 2, 0.5 → 3, 1 → 4, 2 → 5.
 *
 * alpha (total 16, money 1,000/week):
 *   A-001 data, owner ana: R 3 × F 2 (2 fix commits / 180d = 0.33) × C 2 = 12
 *   A-002 model, unowned: R 2 × F 1 × C 2 (1,000 a week is level 2) = 4
 * beta (total 25, money 461.54/week):
 *   B-002 pipeline, owner bo: R 2 × F 2 × C 3 = 12 (C 3: first of the 12s)
 *   B-001 data, owner ana: R 3 × F 2 × C 2 = 12 (A-001's exact tie: alpha before beta)
 *   B-003 model, unowned: R 1 × F 1 × C 1 (2,000 a month = 461.54 a week, level 1) = 1
 * gamma (total 21, no money, its gate fails above 10 and on a glob matching nothing, warned):
 *   G-001 data, owner cy: R 5 × F 1 × C 4 = 20
 *   G-002 pipeline, unowned: R 1 × F 1 × C 1 = 1 (C 1, R 1: B-003's tie, beta before gamma)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommitSpec } from '../../scripts/lib/repo-builder.js';
import { renderReport, type Report } from '../../src/index.js';
import { auditIn, makeRepo } from '../helpers/audit-repo.js';

const ana = { name: 'Ana', email: 'ana@example.com' };
const commit = (date: string, message: string, paths: string[]): CommitSpec => ({
  date: `${date}T12:00:00Z`,
  author: ana,
  message,
  files: Object.fromEntries(paths.map((p) => [p, `${message}\n`])),
});

/** B-001's title: every character a renderer must escape or quote. */
export const NASTY_TITLE = 'Pipes | commas, "quotes" and <script>alert(1)</script> *stars*';

const item = (id: string, fields: Record<string, string>) =>
  `  - id: ${id}\n` +
  Object.entries({ title: `${id} title`, ...fields })
    .map(([key, value]) => `    ${key}: ${value}\n`)
    .join('');

const inventory = (project: string, items: string[]) =>
  `version: 1\nproject: ${project}\nitems:\n${items.join('')}`;

interface ProjectSpec {
  name: string;
  commits: CommitSpec[];
  inventory: string;
  failAbove?: number;
}

export const PROJECTS: ProjectSpec[] = [
  {
    name: 'alpha',
    commits: [
      commit('2025-12-01', 'Initial import', ['a.py', 'b.py', 'README.md']),
      commit('2026-02-10', 'fix: a breaks', ['a.py']),
      commit('2026-03-10', 'fix: a again', ['a.py']),
      commit('2026-06-30', 'Update the readme', ['README.md']),
    ],
    inventory: inventory('alpha', [
      item('A-001', {
        category: 'data',
        owner: 'ana',
        risk: '3',
        cost_of_delay: '2',
        paths: '[a.py]',
      }),
      item('A-002', {
        category: 'model',
        risk: '2',
        cost_of_delay: '{ amount: 1000, per: week }',
        paths: '[b.py]',
      }),
    ]),
  },
  {
    name: 'beta',
    commits: [
      commit('2025-12-01', 'Initial import', ['c.py', 'd.py', 'e.py']),
      commit('2026-06-30', 'Update e', ['e.py']),
    ],
    inventory: inventory('beta', [
      item('B-001', {
        title: JSON.stringify(NASTY_TITLE),
        category: 'data',
        owner: 'ana',
        risk: '3',
        frequency: '2',
        cost_of_delay: '2',
        paths: '[c.py]',
      }),
      item('B-002', {
        category: 'pipeline',
        owner: 'bo',
        risk: '2',
        frequency: '2',
        cost_of_delay: '3',
        paths: '[e.py]',
      }),
      item('B-003', {
        category: 'model',
        risk: '1',
        cost_of_delay: '{ amount: 2000, per: month }',
        paths: '[d.py]',
      }),
    ]),
  },
  {
    name: 'gamma',
    commits: [
      commit('2025-12-01', 'Initial import', ['g.py']),
      commit('2026-06-30', 'Touch g', ['g.py']),
    ],
    inventory: inventory('gamma', [
      item('G-001', {
        category: 'data',
        owner: 'cy',
        risk: '5',
        frequency: '1',
        cost_of_delay: '4',
        paths: '[g.py]',
      }),
      item('G-002', {
        category: 'pipeline',
        risk: '1',
        cost_of_delay: '1',
        paths: '["src/nothing/**"]',
      }),
    ]),
    failAbove: 10,
  },
];

/** The audited project reports, by project name. */
export type ProjectReports = Record<'alpha' | 'beta' | 'gamma', Report>;

/** Builds and audits the three projects under `dir`. */
export async function auditProjects(dir: string): Promise<ProjectReports> {
  const reports: Partial<ProjectReports> = {};
  await Promise.all(
    PROJECTS.map(async (spec) => {
      const repo = makeRepo(dir, spec.name, spec.commits, spec.inventory);
      const options = spec.failAbove === undefined ? {} : { failAbove: spec.failAbove };
      reports[spec.name as keyof ProjectReports] = await auditIn(repo, options);
    }),
  );
  return reports as ProjectReports;
}

/** The report's JSON, exactly as `mldebt audit --format json` writes it. */
export async function reportJson(report: Report, top?: number): Promise<string> {
  return renderReport(report, 'json', { color: false, top });
}

/** Writes `<dir>/<name>` with `text` and returns its path. */
export function writeReport(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
