/**
 * What an item's coverage rests on. A report measures the languages its tool instruments:
 * an item file of a language the reports cover but that no report lists is untested (a
 * Python module the coverage.py run never imported), and raises risk; a file of a language
 * no report covers (a Go file next to a Python-only report) is merely not measured, shown
 * as such, and not raised. A percentage says how many of the item's files it rests on.
 *
 * A real git repository holds the coverage.py fixture package, a module its run never
 * imported and a Go package; the report is the one coverage.py wrote for the package.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRepo } from '../../scripts/lib/repo-builder.js';
import { run, type Io } from '../../src/cli/run.js';
import type { Report, ScoredItem } from '../../src/model/index.js';
import { FIXTURES, listFixtureFiles, parseCoveragePyReport, readFixture } from './fixtures.js';

const report = join(FIXTURES, 'py-package', 'reports', 'coverage.xml');
const printed = parseCoveragePyReport(readFixture('py-package/reports/report.txt')).total;

const inventory = `version: 1
project: languages
items:
  - id: GO-1
    title: Go service next to a Python-only report
    category: testing
    risk: 2
    cost_of_delay: 2
    paths: ["svc/**"]
  - id: PY-2
    title: A module the test run never imported
    category: testing
    risk: 2
    cost_of_delay: 2
    paths: ["pkg/never_imported.py"]
  - id: MIX-3
    title: Everything
    category: testing
    risk: 2
    cost_of_delay: 2
    paths: ["pkg/**", "svc/**"]
  - id: PY-4
    title: The measured package
    category: testing
    risk: 2
    cost_of_delay: 2
    paths: ["pkg/stats.py", "pkg/text.py", "pkg/unused.py", "pkg/__init__.py"]
`;

let base: string;
let repo: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'mldebt-files-measured-'));
  repo = join(base, 'repo');
  const files: Record<string, string> = {};
  for (const file of listFixtureFiles(join(FIXTURES, 'py-package'))) {
    files[file] = readFileSync(join(FIXTURES, 'py-package', file), 'utf8');
  }
  files['pkg/never_imported.py'] = 'def later():\n    return 1\n';
  files['svc/stats.go'] = readFixture('go-module/stats/stats.go');
  buildRepo(repo, [
    {
      date: '2026-05-01T10:00:00Z',
      author: { name: 'A', email: 'a@example.com' },
      message: 'import',
      files,
    },
  ]);
  writeFileSync(join(repo, 'debt.yaml'), inventory);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

async function mldebt(argv: string[]): Promise<string> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    stdout: { write: (s: string) => out.push(s) > 0 } as unknown as Io['stdout'],
    stderr: { write: (s: string) => err.push(s) > 0 } as unknown as Io['stderr'],
    env: { NO_COLOR: '1' },
    cwd: repo,
  };
  expect(await run(argv, io), err.join('')).toBe(0);
  return out.join('');
}

describe('audit with a Python-only coverage report', () => {
  let items: Map<string, ScoredItem>;
  let markdown: string;
  beforeAll(async () => {
    const json = JSON.parse(
      await mldebt(['audit', '--format', 'json', '--coverage', report]),
    ) as Report;
    items = new Map(json.items.map((item) => [item.id, item]));
    markdown = await mldebt(['audit', '--format', 'markdown', '--coverage', report]);
  });
  const row = (id: string) => markdown.split('\n').find((line) => line.includes(`| ${id} |`));

  it('does not raise the risk of a Go item: not measured, and says so', () => {
    const go = items.get('GO-1')!;
    expect(go.signals.coverage).toEqual({
      covered: 0,
      coverable: 0,
      percent: null,
      unmeasuredFiles: ['svc/stats.go'],
      measuredFiles: 0,
      untestedFiles: [],
      sources: [],
    });
    expect(go.risk).toEqual({ declared: 2, effective: 2, reasons: [] });
    expect(row('GO-1')).toContain(' · cov not measured (.go) |');
  });

  it('raises a Python module no report lists by 2: the run measured Python and never ran it', () => {
    const py = items.get('PY-2')!;
    expect(py.signals.coverage).toMatchObject({
      measuredFiles: 0,
      untestedFiles: ['pkg/never_imported.py'],
      unmeasuredFiles: ['pkg/never_imported.py'],
    });
    expect(py.risk).toEqual({
      declared: 2,
      effective: 4,
      reasons: ['+2 no coverage data for any of its files'],
    });
    expect(row('PY-2')).toContain(' · cov none · 0 of 1 file |');
  });

  it('says how many files a percentage rests on when not all are measured', () => {
    const mixed = items.get('MIX-3')!;
    expect(mixed.signals.coverage).toMatchObject({
      covered: printed.covered,
      coverable: printed.coverable,
      measuredFiles: 4,
      untestedFiles: ['pkg/never_imported.py'],
      unmeasuredFiles: ['pkg/never_imported.py', 'svc/stats.go'],
    });
    expect(row('MIX-3')).toContain(
      ` · cov ${Math.round((100 * printed.covered) / printed.coverable)}% · 4 of 6 files |`,
    );
    const full = items.get('PY-4')!;
    expect(full.signals.coverage).toMatchObject({ measuredFiles: 4, unmeasuredFiles: [] });
    expect(row('PY-4')).toMatch(/ · cov \d+% \|/);
  });

  it('explain separates untested files from files of a language no report covers', async () => {
    const go = await mldebt(['explain', 'GO-1', '--coverage', report]);
    expect(go).toContain('  coverage: not measured (no report covers .go files)\n');
    expect(go).toContain('    not measured (no report covers their language): svc/stats.go\n');
    const mixed = await mldebt(['explain', 'MIX-3', '--coverage', report]);
    expect(mixed).toContain(
      `  coverage: ${Math.round((1000 * printed.covered) / printed.coverable) / 10}% ` +
        `(${printed.covered}/${printed.coverable} lines) from 4 of 6 files\n`,
    );
    expect(mixed).toContain('    unmeasured (in no report): pkg/never_imported.py\n');
    expect(mixed).toContain('    not measured (no report covers their language): svc/stats.go\n');
  });
});
