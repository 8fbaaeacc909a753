/**
 * `mldebt merge` on three real projects' reports (see fixtures.ts for every figure), built
 * once for the whole file (each build is a few git repositories and audits):
 * - the API: one ranking with deterministic ties across projects, totals by project, category
 *   and owner, money summed (and null when no report declares it), gates and warnings carried
 *   with their project, the same bytes whatever the order, each refusal one line naming the file;
 * - every format: markdown passes markdownlint and escapes cells, CSV is RFC 4180 with empty
 *   cells for what is not declared, JSON is the Portfolio, the HTML has the per-project view and
 *   a project filter, `--top` shortens the list while the totals stay whole;
 * - the command line: in-process for what it prints and writes, one spawn of the built binary
 *   for the exit code a CI job sees when a report is refused.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { lint } from 'markdownlint/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { merge } from '../../src/commands/merge.js';
import { UserError } from '../../src/errors.js';
import type { Report } from '../../src/model/index.js';
import type { Portfolio } from '../../src/model/portfolio.js';
import { PORTFOLIO_CSV_COLUMNS } from '../../src/report/portfolio/csv.js';
import { PORTFOLIO_FORMATS, renderPortfolio } from '../../src/report/portfolio/index.js';
import { mergeReports } from '../../src/scoring/portfolio.js';
import { tempDir } from '../helpers/audit-repo.js';
import { runCli } from '../helpers/exec.js';
import { runInProcess } from '../helpers/run-in-process.js';
import { auditProjects, reportJson, writeReport, type ProjectReports } from './fixtures.js';

const temp = tempDir('merge');
afterAll(temp.remove);

let reports: ProjectReports;
/** The three reports merged in memory, as the renderer tests read them. */
let portfolio: Portfolio;
const files = { alpha: 'alpha.json', beta: 'beta.json', gamma: 'gamma.json' };
const inputs = Object.values(files);
beforeAll(async () => {
  reports = await auditProjects(temp.dir);
  for (const [name, report] of Object.entries(reports)) {
    writeReport(temp.dir, `${name}.json`, await reportJson(report));
  }
  portfolio = mergeReports(
    Object.entries(reports).map(([name, report]) => ({ file: `reports/${name}.json`, report })),
    '9.9.9',
  );
});

const mergeFiles = (list: string[]) => merge({ files: list, cwd: temp.dir });

/** The one-line message of the UserError a merge throws (as the CLI prints it). */
async function refusal(list: string[]): Promise<string> {
  try {
    await mergeFiles(list);
  } catch (error) {
    if (error instanceof UserError) return error.format();
    throw error;
  }
  throw new Error('expected merge to refuse');
}

/** A copy of a project's report with `edit` applied, written as `name`. */
function editedCopy(project: keyof ProjectReports, name: string, edit: (json: Report) => void) {
  const json = JSON.parse(readFileSync(`${temp.dir}/${files[project]}`, 'utf8')) as Report;
  edit(json);
  writeReport(temp.dir, name, JSON.stringify(json, null, 2));
  return name;
}

describe('merge: the audits the portfolio rests on', () => {
  it('scored each project as the fixtures compute by hand', () => {
    const scores = (report: ProjectReports[keyof ProjectReports]) =>
      Object.fromEntries(report.items.map((item) => [item.id, item.score]));
    expect(scores(reports.alpha)).toEqual({ 'A-001': 12, 'A-002': 4 });
    expect(scores(reports.beta)).toEqual({ 'B-002': 12, 'B-001': 12, 'B-003': 1 });
    expect(scores(reports.gamma)).toEqual({ 'G-001': 20, 'G-002': 1 });
    expect(reports.gamma.gate.passed).toBe(false);
  });
});

describe('merge: one ranking across projects', () => {
  it('ranks by score, then cost of delay, then risk, then project, then id', async () => {
    const { portfolio } = await mergeFiles(Object.values(files));
    expect(
      portfolio.items.map((item) => [item.rank, item.project, item.id, item.projectRank]),
    ).toEqual([
      [1, 'gamma', 'G-001', 1],
      // Three items score 12: B-002 has the higher cost of delay; A-001 and B-001 tie on
      // score, cost of delay and risk, and alpha comes before beta.
      [2, 'beta', 'B-002', 1],
      [3, 'alpha', 'A-001', 1],
      [4, 'beta', 'B-001', 2],
      [5, 'alpha', 'A-002', 2],
      // Both score 1 with C 1 and R 1: beta before gamma.
      [6, 'beta', 'B-003', 3],
      [7, 'gamma', 'G-002', 2],
    ]);
  });

  it('totals by project, category and owner, and sums the money declared', async () => {
    const { portfolio } = await mergeFiles(Object.values(files));
    expect(portfolio.totals).toEqual({
      score: 62,
      items: 7,
      projects: 3,
      byProject: { alpha: 16, beta: 25, gamma: 21 },
      byCategory: { data: 44, model: 5, pipeline: 13 },
      byOwner: { ana: 24, bo: 12, cy: 20, unowned: 6 },
      // alpha's 1,000 a week and beta's 2,000 a month (461.54 a week); gamma declares none.
      costOfDelayPerWeek: 1461.54,
    });
    expect(
      portfolio.projects.map((p) => [p.project, p.score, p.items, p.costOfDelayPerWeek]),
    ).toEqual([
      ['alpha', 16, 2, 1000],
      ['beta', 25, 3, 461.54],
      ['gamma', 21, 2, null],
    ]);
  });

  it('says the money is unknown (null), never 0, when no report declares any', async () => {
    const { portfolio } = await mergeFiles([files.gamma]);
    expect(portfolio.totals.costOfDelayPerWeek).toBeNull();
    expect(portfolio.projects[0]!.costOfDelayPerWeek).toBeNull();
    expect(portfolio.items.every((item) => item.costOfDelayPerWeek === null)).toBe(true);
  });

  it("carries each project's gate and warnings with the project", async () => {
    const { portfolio } = await mergeFiles(Object.values(files));
    expect(portfolio.failedGates).toEqual(['gamma']);
    const gamma = portfolio.projects.find((p) => p.project === 'gamma')!;
    expect(gamma.gate).toEqual(reports.gamma.gate);
    expect(gamma.gate.reasons.length).toBeGreaterThan(0);
    expect(reports.gamma.warnings.length).toBeGreaterThan(0);
    // By project name, each report's warnings in its own order.
    const expected = (['alpha', 'beta', 'gamma'] as const).flatMap((project) =>
      reports[project].warnings.map((w) => ({
        project,
        code: w.code,
        message: w.message,
        ...(w.itemId ? { itemId: w.itemId } : {}),
      })),
    );
    expect(portfolio.warnings).toEqual(expected);
    expect(portfolio.warnings.some((w) => w.project === 'gamma' && w.itemId === 'G-002')).toBe(
      true,
    );
    expect(gamma.warnings).toBe(reports.gamma.warnings.length);
  });

  it('carries where each owner came from, marking CODEOWNERS owners, null for older reports', async () => {
    editedCopy('alpha', 'alpha-owners.json', (json) => {
      Object.assign(json.items[0]!, { owner: '@ml', ownerSource: 'codeowners' });
      // A report written before reports said where owners came from.
      delete (json.items[1] as Partial<(typeof json.items)[number]>).ownerSource;
    });
    const { portfolio } = await mergeFiles(['alpha-owners.json', files.beta]);
    const byId = Object.fromEntries(portfolio.items.map((item) => [item.id, item]));
    expect(byId['A-001']).toMatchObject({ owner: '@ml', ownerSource: 'codeowners' });
    expect(byId['A-002']!.ownerSource).toBeNull();
    expect(byId['B-001']!.ownerSource).toBe('inventory');
    expect(await renderPortfolio(portfolio, 'markdown', { color: false })).toContain(
      '\\@ml (CODEOWNERS)',
    );
  });

  it('gives byte-identical output for the same reports in any order', async () => {
    const orders = [
      [files.alpha, files.beta, files.gamma],
      [files.gamma, files.alpha, files.beta],
      [files.beta, files.gamma, files.alpha],
    ];
    for (const format of ['json', 'html', 'csv', 'markdown', 'table'] as const) {
      const outputs = new Set<string>();
      for (const order of orders) {
        const { portfolio } = await mergeFiles(order);
        outputs.add(await renderPortfolio(portfolio, format, { color: false }));
      }
      expect(outputs.size, format).toBe(1);
    }
  });
});

describe('merge: refusals, one line naming the file', () => {
  it('a missing file', async () => {
    expect(await refusal([files.alpha, 'nope.json'])).toBe('report not found: nope.json');
  });

  it('a file that is not JSON, at its line and column', async () => {
    writeReport(temp.dir, 'broken.json', '{\n  "schemaVersion": 1,\n  "project": oops\n}\n');
    expect(await refusal(['broken.json'])).toBe(
      "broken.json:3:14: report is not valid JSON: unexpected 'o'",
    );
  });

  it('JSON that is not an mldebt report', async () => {
    writeReport(temp.dir, 'package.json', '{ "name": "x", "version": "1.0.0" }\n');
    expect(await refusal([files.alpha, 'package.json'])).toMatch(
      /^package\.json: not an mldebt JSON report: schemaVersion: /,
    );
  });

  it('an unknown schema version', async () => {
    const name = editedCopy('beta', 'beta-v2.json', (json) => {
      Object.assign(json, { schemaVersion: 2 });
    });
    expect(await refusal([files.alpha, name])).toBe(
      'beta-v2.json: report has schemaVersion 2, this mldebt reads schemaVersion 1; ' +
        "re-create it with this mldebt's `audit --format json`",
    );
  });

  it('two reports of the same project, naming both files, in any order', async () => {
    writeReport(temp.dir, 'alpha-again.json', readFileSync(`${temp.dir}/${files.alpha}`, 'utf8'));
    const expected =
      'alpha.json: project "alpha" is also alpha-again.json\'s: merge one report per project';
    expect(await refusal([files.alpha, 'alpha-again.json', files.beta])).toBe(expected);
    expect(await refusal(['alpha-again.json', files.beta, files.alpha])).toBe(expected);
  });

  it('the same file named twice', async () => {
    expect(await refusal([files.alpha, `./${files.alpha}`])).toBe(
      './alpha.json: given twice (also as alpha.json): name each report once',
    );
  });

  it('a report written with --top: it lacks items its totals count', async () => {
    writeReport(temp.dir, 'beta-top.json', await reportJson(reports.beta, 1));
    expect(await refusal([files.alpha, 'beta-top.json'])).toBe(
      'beta-top.json: lists 1 of its 3 ranked items (written with --top?): a portfolio needs ' +
        'every item; write the report without --top',
    );
  });

  it('a report of some items only (--category, --owner): its project would look smaller', async () => {
    editedCopy('beta', 'beta-owner.json', (json) => {
      json.selection = { category: 'data', owner: '@ml' };
    });
    expect(await refusal([files.alpha, 'beta-owner.json'])).toBe(
      'beta-owner.json: ranks only the items of --category data --owner @ml: a portfolio needs ' +
        'every item of a project; write the report without --category and --owner',
    );
  });

  it('a scoring setting that differs, with both values', async () => {
    const name = editedCopy('beta', 'beta-levels.json', (json) => {
      json.settings.frequencyLevels = [1, 3, 6, 12];
    });
    const expected =
      "beta-levels.json: settings.frequencyLevels [1,3,6,12] differs from alpha.json's " +
      '[0.25,0.5,1,2]: scores are not comparable';
    expect(await refusal([files.alpha, name])).toBe(expected);
    expect(await refusal([name, files.alpha])).toBe(expected);
  });

  it.each([
    ['fixPattern', '"^hotfix"'],
    ['fixExclude', 'null'],
    ['coverageFloor', '80'],
    ['costLevels', '[1,2,3,4]'],
  ])('the setting %s', async (key, value) => {
    const name = editedCopy('gamma', `gamma-${key}.json`, (json) => {
      Object.assign(json.settings, { [key]: JSON.parse(value) as unknown });
    });
    expect(await refusal([files.alpha, name])).toMatch(
      new RegExp(
        `^gamma-${key}\\.json: settings\\.${key} ${value.replace(/[[\]^]/g, '\\$&')} differs from alpha\\.json's .+: scores are not comparable$`,
      ),
    );
  });

  it('a tag multiplier, named with its tag; bots compared as a set', async () => {
    const tag = editedCopy('beta', 'beta-tags.json', (json) => {
      json.settings.tagMultipliers.compliance = 2;
    });
    expect(await refusal([files.alpha, tag])).toBe(
      "beta-tags.json: settings.tagMultipliers.compliance 2 differs from alpha.json's 1.5: " +
        'scores are not comparable',
    );
    const bots = editedCopy('beta', 'beta-bots.json', (json) => {
      json.settings.bots = [...json.settings.bots].reverse();
    });
    const practice = editedCopy('beta', 'beta-practice.json', (json) => {
      json.settings.practiceRisk['magic-number'] = 0;
    });
    expect(await refusal([files.alpha, practice])).toBe(
      "beta-practice.json: settings.practiceRisk.magic-number 0 differs from alpha.json's 1: " +
        'scores are not comparable',
    );
    // A report written before practice findings records no practiceRisk: not compared.
    const older = editedCopy('beta', 'beta-older.json', (json) => {
      delete (json.settings as { practiceRisk?: unknown }).practiceRisk;
    });
    await expect(mergeFiles([files.alpha, older])).resolves.toBeDefined();
    expect(reports.beta.settings.bots.length).toBeGreaterThan(1);
    await expect(mergeFiles([files.alpha, bots])).resolves.toBeDefined();
  });

  it('accepts windows of different lengths: frequency is a rate per 30 days', async () => {
    const name = editedCopy('beta', 'beta-window.json', (json) => {
      json.settings.window = '90d';
      json.window!.days = 90;
    });
    const { portfolio } = await mergeFiles([files.alpha, name]);
    expect(portfolio.projects.map((p) => p.window?.days)).toEqual([180, 90]);
  });

  it('no report at all', async () => {
    expect(await refusal([])).toBe(
      'merge needs at least one report: mldebt merge <report.json...>',
    );
  });
});

const render = (format: (typeof PORTFOLIO_FORMATS)[number], top?: number) =>
  renderPortfolio(portfolio, format, { color: false, top });

describe('portfolio renderers', () => {
  it('markdown passes markdownlint and shows projects, ranked items, groups and warnings', async () => {
    const markdown = await render('markdown');
    const results = await lint({ strings: { doc: markdown } });
    expect(results.doc ?? []).toEqual([]);
    expect(markdown).toContain(
      '- 3 projects · 7 items ranked · total 62.0 · cost of delay 1,462/week\n' +
        '- 1 project failed its own gate: gamma\n',
    );
    expect(markdown).toContain(
      '| gamma | 2 | 21.0 | not declared | failed (2 reasons) | 2026-01-01 → 2026-06-30 | reports/gamma.json |\n',
    );
    expect(markdown).toContain(
      '| 4 | beta | B-001 | Pipes \\| commas, "quotes" and \\<script>alert(1)\\</script> \\*stars\\* | data | ana | 3 | 2 | 2 | 12.0 | — |\n',
    );
    expect(markdown).toContain('| unowned | 6.0 |\n');
    expect(markdown).toContain('\n- gamma: gate failed: G-001 score 20.0 > 10\n');
    expect(markdown).toContain(
      '\n- gamma: G-002: glob "src/nothing/\\*\\*" matches no tracked file',
    );
  });

  it('CSV has a project column, quotes what must be, and leaves undeclared values empty', async () => {
    const csv = await render('csv');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(PORTFOLIO_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(1 + 7 + 1); // header, items, the empty string after the last CRLF
    expect(lines[4]).toBe(
      `4,beta,2,B-001,"Pipes | commas, ""quotes"" and <script>alert(1)</script> *stars*",data,ana,open,3,2,2,1,12.0,,,,,false,inventory`,
    );
    // Unowned, 2,000 a month as 461.54 a week, no effort, no WSJF, no due date.
    expect(lines[6]).toBe('6,beta,3,B-003,B-003 title,model,,open,1,1,1,1,1.0,461.54,,,,false,');
  });

  it('JSON is the Portfolio itself, with its own schema version', async () => {
    const json = JSON.parse(await render('json')) as Portfolio;
    const schema = JSON.parse(
      readFileSync(new URL('../../schema/portfolio.schema.json', import.meta.url), 'utf8'),
    ) as object;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json).toEqual(portfolio);
    expect(json.schemaVersion).toBe(1);
    expect(json.tool).toEqual({ name: 'mldebt', version: '9.9.9' });
  });

  it('the table shows the projects, the ranked items with their project, and the warnings', async () => {
    const table = await render('table');
    expect(table).toMatch(/^mldebt portfolio · 3 projects · 7 items ranked · total 62\.0/);
    expect(table).toMatch(/│ gamma +│ 2 +│ 21\.0 +│ not declared +│ failed \(2 reasons\) /);
    expect(table).toMatch(
      /│ 3 +│ alpha +│ A-001 +│ A-001 title +│ data +│ ana +│ 3 │ 2 │ 2 │ 12\.0 /,
    );
    expect(table).toContain('by owner: ana 24.0 · bo 12.0 · cy 20.0 · unowned 6.0\n');
    expect(table).toContain('warning: gamma: G-002: glob "src/nothing/**" matches no tracked file');
  });

  it('the HTML has a per-project view, a project filter, and escapes every text', async () => {
    const page = await render('html');
    expect(page).toContain('<title>Technical debt portfolio</title>');
    const projectRows = [...page.matchAll(/<tr data-project="([^"]+)">\n<th scope="row">/g)];
    expect(projectRows.map((m) => m[1])).toEqual(['alpha', 'beta', 'gamma']);
    // The ranked table: one row per item, in portfolio order, each saying its project.
    const rows = [
      ...page.matchAll(
        /<tr\nid="[^"]+"\ntabindex="-1"\ndata-rank="(\d+)"\ndata-project="([^"]+)"\ndata-id="([^"]+)"/g,
      ),
    ];
    expect(rows.map((m) => `${m[1]} ${m[2]} ${m[3]}`)).toEqual([
      '1 gamma G-001',
      '2 beta B-002',
      '3 alpha A-001',
      '4 beta B-001',
      '5 alpha A-002',
      '6 beta B-003',
      '7 gamma G-002',
    ]);
    const projectFilter = page.match(/<select data-filter="project">([\s\S]*?)<\/select>/)![1]!;
    expect([...projectFilter.matchAll(/<option value="([^"]*)">/g)].map((m) => m[1])).toEqual([
      '',
      'alpha',
      'beta',
      'gamma',
    ]);
    // The dashboard's script (tested in Chromium by test/browser/) shows a row when, for each
    // select[data-filter=NAME], the row's data-NAME equals the selected value: every filter's
    // options must be values its rows carry.
    const rowsOf = (name: string) =>
      new Set([...page.matchAll(new RegExp(`\\ndata-${name}="([^"]*)"`, 'g'))].map((m) => m[1]));
    const filters: string[] = [];
    for (const [, name, options] of page.matchAll(
      /<select data-filter="([a-z]+)">([\s\S]*?)<\/select>/g,
    )) {
      const values = [...options!.matchAll(/<option value="([^"]+)">/g)].map((m) => m[1]);
      expect(new Set(values), name).toEqual(rowsOf(name!));
      filters.push(name!);
    }
    expect(filters).toEqual(['project', 'category', 'owner']);
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Projects' gates, money and every report's warning with its project.
    expect(page).toContain('1 project failed its own gate: gamma');
    expect(page).toContain(
      '<li><strong>gamma</strong>: gate failed: G-001 score 20.0 &gt; 10</li>',
    );
    expect(page).toContain('1,462');
    // Few warnings: each project's are listed unfolded, under a count by kind.
    expect(page).toMatch(
      /<details class="project-warnings" open>\s*<summary>\s*<strong>gamma<\/strong>: 3 warnings\s*\(dead-item 1, glob-no-match 1, sparse-window 1\)/,
    );
    expect(page).toMatch(/<li><code>glob-no-match<\/code>: G-002: glob/);
    // Many (twenty projects' worth): folded under their counts, so the figures stay in sight.
    const [warning] = portfolio.warnings;
    const many = { ...portfolio, warnings: Array.from({ length: 11 }, () => warning!) };
    const crowded = await renderPortfolio(many, 'html', { color: false });
    const table = await renderPortfolio(many, 'table', { color: false });
    expect(table).toContain(
      'warning: beta: 11 warnings (sparse-window 11)\n' +
        'warning: 11 warnings in all: -f markdown, json or html lists every one\n',
    );
    expect(crowded).toMatch(
      /<details class="project-warnings">\s*<summary>\s*<strong>beta<\/strong>: 11 warnings\s*\(sparse-window 11\)/,
    );
  });

  it('--top shortens the list in every format and says so; the totals stay whole', async () => {
    const json = JSON.parse(await render('json', 2)) as Portfolio;
    expect(json.items.map((item) => item.id)).toEqual(['G-001', 'B-002']);
    expect(json.totals).toEqual(portfolio.totals);
    expect((await render('csv', 2)).split('\r\n')).toHaveLength(1 + 2 + 1);
    const note = 'showing the top 2 of 7 ranked items (--top 2)';
    expect(await render('table', 2)).toContain(note);
    expect(await render('markdown', 2)).toContain(note);
    expect(await render('html', 2)).toContain(note);
    expect(await render('table', 7)).not.toContain('showing the top');
  });
});

const mldebt = (args: string[]) => runInProcess(args, { cwd: temp.dir });

describe('mldebt merge', () => {
  it('prints the table by default, exit 0 even when a project failed its own gate', async () => {
    const res = await mldebt(['merge', ...inputs]);
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/^mldebt portfolio · 3 projects · 7 items ranked · total 62\.0/);
    expect(res.stdout).toContain('1 project failed its own gate: gamma');
    // The table shows the warnings itself: none repeated on stderr.
    expect(res.stderr).toBe('');
  });

  it('writes JSON atomically to --output, says so, and puts the warnings on stderr with their project', async () => {
    const res = await mldebt(['merge', ...inputs, '-f', 'json', '-o', 'portfolio.json']);
    expect(res.status).toBe(0);
    expect(res.stdout).toBe('');
    const portfolio = JSON.parse(
      readFileSync(join(temp.dir, 'portfolio.json'), 'utf8'),
    ) as Portfolio;
    expect(portfolio.totals.score).toBe(62);
    expect(res.stderr).toContain(
      'mldebt: wrote portfolio.json (json, 3 projects, 7 items, total 62.0)\n',
    );
    expect(res.stderr).toContain('mldebt: warning: gamma: G-002: glob "src/nothing/**"');
  });

  it('--top shortens the list; --quiet keeps stderr empty', async () => {
    const res = await mldebt(['merge', ...inputs, '-f', 'csv', '--top', '2', '--quiet']);
    expect(res.status).toBe(0);
    expect(res.stdout.split('\r\n')).toHaveLength(1 + 2 + 1);
    expect(res.stderr).toBe('');
  });

  it('never writes the portfolio over one of its reports', async () => {
    const before = readFileSync(join(temp.dir, 'beta.json'), 'utf8');
    const res = await mldebt(['merge', ...inputs, '-f', 'json', '-o', 'beta.json']);
    expect(res).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'mldebt: cannot write beta.json: it is the report beta.json (choose another --output)\n',
    });
    expect(readFileSync(join(temp.dir, 'beta.json'), 'utf8')).toBe(before);
  });

  it('without a report: a usage error', async () => {
    const res = await mldebt(['merge']);
    expect(res).toEqual({
      status: 2,
      stdout: '',
      stderr:
        "mldebt: error: missing required argument 'report.json' (run mldebt --help for usage)\n",
    });
  });

  it('an unknown format is refused by name', async () => {
    const res = await mldebt(['merge', ...inputs, '-f', 'sarif']);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain("argument 'sarif' is invalid");
  });

  it('the built binary exits 2 with one line naming the file, and writes nothing', () => {
    writeReport(temp.dir, 'cut.json', '{ "schemaVersion": 1,\n  "project": }');
    const res = runCli(['merge', 'alpha.json', 'cut.json', '-o', 'out.html', '-f', 'html'], {
      cwd: temp.dir,
    });
    expect(res).toEqual({
      status: 2,
      stdout: '',
      stderr: "mldebt: cut.json:2:14: report is not valid JSON: unexpected '}'\n",
    });
    expect(existsSync(join(temp.dir, 'out.html'))).toBe(false);
  });
});
