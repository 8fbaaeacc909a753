/**
 * Every portfolio format on the three fixture projects (one title full of markup and
 * separators): markdown passes markdownlint and escapes cells, CSV is RFC 4180 with empty cells
 * for what is not declared, JSON is the Portfolio, the HTML has the per-project view and a
 * project filter, and `--top` shortens the list in every format while the totals stay whole.
 */
import { lint } from 'markdownlint/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Portfolio } from '../../src/model/portfolio.js';
import { mergeReports } from '../../src/scoring/portfolio.js';
import { PORTFOLIO_FORMATS, renderPortfolio } from '../../src/report/portfolio/index.js';
import { PORTFOLIO_CSV_COLUMNS } from '../../src/report/portfolio/csv.js';
import { tempDir } from '../helpers/audit-repo.js';
import { auditProjects, type ProjectReports } from './fixtures.js';

const temp = tempDir('merge-render');
afterAll(temp.remove);

const NASTY = 'Pipes | commas, "quotes" and <script>alert(1)</script> *stars*';
let portfolio: Portfolio;
let reports: ProjectReports;
beforeAll(async () => {
  reports = await auditProjects(temp.dir);
  reports.beta.items.find((item) => item.id === 'B-001')!.title = NASTY;
  portfolio = mergeReports(
    Object.entries(reports).map(([name, report]) => ({ file: `reports/${name}.json`, report })),
    '9.9.9',
  );
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
      '| gamma | 2 | 21.0 | not declared | failed (1 reason) | 2026-01-01 → 2026-06-30 | reports/gamma.json |\n',
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
      `4,beta,2,B-001,"Pipes | commas, ""quotes"" and <script>alert(1)</script> *stars*",data,ana,open,3,2,2,1,12.0,,,,,false`,
    );
    // Unowned, 2,000 a month as 461.54 a week, no effort, no WSJF, no due date.
    expect(lines[6]).toBe('6,beta,3,B-003,B-003 title,model,,open,1,1,1,1,1.0,461.54,,,,false');
  });

  it('JSON is the Portfolio itself, with its own schema version', async () => {
    const json = JSON.parse(await render('json')) as Portfolio;
    expect(json).toEqual(portfolio);
    expect(json.schemaVersion).toBe(1);
    expect(json.tool).toEqual({ name: 'mldebt', version: '9.9.9' });
  });

  it('the table shows the projects, the ranked items with their project, and the warnings', async () => {
    const table = await render('table');
    expect(table).toMatch(/^mldebt portfolio · 3 projects · 7 items ranked · total 62\.0/);
    expect(table).toMatch(/│ gamma +│ 2 +│ 21\.0 +│ not declared +│ failed \(1 reason\) /);
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
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Projects' gates, money and every report's warning with its project.
    expect(page).toContain('1 project failed its own gate: gamma');
    expect(page).toContain(
      '<li><strong>gamma</strong>: gate failed: G-001 score 20.0 &gt; 10</li>',
    );
    expect(page).toContain('1,462');
    expect(page).toMatch(/<strong>gamma<\/strong>:\s*<code>glob-no-match<\/code>: G-002: glob/);
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
