import { lint } from 'markdownlint/promise';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import {
  escapeText,
  GITHUB_STEP_SUMMARY_LIMIT_BYTES,
  renderMarkdown,
  renderMarkdownWithin,
} from '../../src/report/renderers/markdown.js';
import {
  makeHostileReport,
  makeSampleReport,
  makeSampleReportWithBaseline,
} from '../helpers/sample-report.js';

const plain = { color: false };

/** markdownlint with its default configuration; one readable line per violation. */
async function lintMarkdown(text: string): Promise<string[]> {
  const results = await lint({ strings: { doc: text } });
  return (results.doc ?? []).map(
    (error) =>
      `${error.lineNumber}: ${error.ruleNames.join('/')} ${error.ruleDescription}` +
      ` [${error.errorDetail ?? ''}] [${error.errorContext ?? ''}]`,
  );
}

/** Cells of a GFM table row, split on pipes that are not backslash-escaped. */
function splitRow(row: string): string[] {
  return row
    .slice(1, -1)
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

function tableRows(markdown: string, header: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(header);
  expect(start, `table "${header}" not found`).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (let i = start; i < lines.length && lines[i]!.startsWith('|'); i++)
    rows.push(splitRow(lines[i]!));
  return rows;
}

const RANKED_HEADER =
  '| # | ID | Title | Category | Owner | R | F | C | Score | WSJF | Evidence | Due |';

function makeEmptyReport(): Report {
  return {
    ...makeSampleReport(),
    repository: { head: null, git: false, shallow: false },
    window: null,
    totals: { score: 0, items: 0, byCategory: {}, costOfDelayPerWeek: null },
    items: [],
    notRanked: [],
    warnings: [],
    notes: [],
    gate: {
      passed: true,
      reasons: [],
      thresholds: { failAbove: null, failTotalAbove: null, failOnIncrease: false },
    },
  };
}

describe('renderMarkdown', () => {
  it.each<[string, () => Report]>([
    ['the sample', makeSampleReport],
    ['the sample with a baseline', makeSampleReportWithBaseline],
    ['hostile user text', makeHostileReport],
    ['an empty report', makeEmptyReport],
  ])('passes markdownlint default rules for %s', async (_name, makeReport) => {
    expect(await lintMarkdown(renderMarkdown(makeReport(), plain))).toEqual([]);
  });

  it('is byte-identical for the same report, whatever the key order', () => {
    const report = makeSampleReportWithBaseline();
    const shuffled = structuredClone(report);
    shuffled.totals.byCategory = Object.fromEntries(
      Object.entries(report.totals.byCategory).reverse(),
    );
    shuffled.items[0]!.signals.git!.fixesByMonth = { '2026-09': 3, '2026-10': 2, '2026-07': 1 };
    const first = renderMarkdown(report, plain);
    expect(renderMarkdown(report, plain)).toBe(first);
    expect(renderMarkdown(shuffled, plain)).toBe(first);
  });

  it('names the window and the short commit, never a time of day', () => {
    const markdown = renderMarkdown(makeSampleReport(), plain);
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('# Technical debt: fraud-scoring');
    expect(markdown).toContain('Window 2026-05-25 → 2026-11-21 (180 days) · commit `3f9c2a1`');
    expect(markdown).not.toContain('3f9c2a1b');
    expect(markdown).not.toMatch(/\d\d:\d\d/);
  });

  it('summarises categories with item counts, scores and shares, largest first', () => {
    const rows = tableRows(
      renderMarkdown(makeSampleReport(), plain),
      '| Category | Items | Score | Share |',
    );
    expect(rows.slice(2)).toEqual([
      ['data', '1', '60.0', '35.7%'],
      ['model', '1', '54.0', '32.1%'],
      ['configuration', '1', '24.0', '14.3%'],
      ['pipeline', '1', '12.0', '7.1%'],
      ['testing', '1', '10.0', '6.0%'],
      ['monitoring', '1', '8.0', '4.8%'],
      ['**Total**', '6', '**168.0**', '100.0%'],
    ]);
  });

  it('ranks items in a table with owner, factors, WSJF, evidence and due', () => {
    const rows = tableRows(renderMarkdown(makeSampleReport(), plain), RANKED_HEADER);
    expect(rows).toHaveLength(2 + 6);
    expect(rows[2]).toEqual([
      '1',
      'DATA-001',
      'Feature pipeline has no schema validation \\| merchant_id & amount',
      'data',
      'ana',
      '5',
      '4',
      '3',
      '60.0',
      '12.0',
      // The summary is src/report/evidence-summary.ts's, shared with the table.
      // Coverage rests on 1 of its 2 source files: src/features/new.py is in no report.
      '6 fixes/180d (2 shared) · 14 commits · 3 authors · matches nothing: src/featurs/legacy/\\*\\* · 1 incident · cov 23% · 1 of 2 files · config: 1 drift · practice: 1 data-in-git, 1 no-validation',
      '2026-12-01',
    ]);
    expect(rows[3]![4]).toBe('unowned');
    expect(rows[3]![11]).toBe('2026-10-01 (overdue)');
    expect(rows[5]![10]).toBe('git not measured (no file)');
    expect(rows[6]![10]).toBe('0 fixes/180d · 0 commits · 0 authors · cov none · 0 of 1 file');
  });

  it('keeps every table row at the header column count, whatever the titles contain', () => {
    const markdown = renderMarkdown(makeHostileReport(), plain);
    const tables = markdown.split('\n\n').filter((block) => block.startsWith('| '));
    expect(tables).toHaveLength(2);
    for (const table of tables) {
      const [header, ...rows] = table.split('\n').map(splitRow);
      for (const row of rows) expect(row).toHaveLength(header!.length);
    }
  });

  it('drops the WSJF column when no shown item has an effort', () => {
    const report = makeSampleReport();
    for (const item of report.items) {
      item.effortDays = null;
      item.wsjf = null;
    }
    const markdown = renderMarkdown(report, plain);
    expect(markdown).toContain(
      '| # | ID | Title | Category | Owner | R | F | C | Score | Evidence | Due |',
    );
    expect(markdown).not.toContain('WSJF');
  });

  it('shows the delta against a baseline, renames and resolved items', () => {
    const markdown = renderMarkdown(makeSampleReportWithBaseline(), plain);
    const rows = tableRows(markdown, `${RANKED_HEADER.slice(0, -1)}| Δ |`).slice(2);
    expect(rows.map((row) => [row[1], row.at(-1)])).toEqual([
      ['DATA-001', '▲ 4.5'],
      ['MODEL-002', 'renamed from MODEL-099'],
      ['CONF-003', '▼ 2.0'],
      ['PIPE-004', 'new'],
      ['TEST-005', '='],
      ['MON-006', 'renamed from MON-001, ▲ 2.0'],
    ]);
    expect(markdown).toContain('Baseline `previous.json`: total 164.0 → 168.0 (▲ 4.0)');
    expect(markdown).toContain(
      '## Resolved since the baseline\n\n- OLD-010, score 12.5 in `previous.json`',
    );
  });

  it('has no delta column without a baseline', () => {
    const markdown = renderMarkdown(makeSampleReport(), plain);
    expect(markdown).toContain(RANKED_HEADER);
    expect(markdown).not.toContain('Δ');
    expect(markdown).not.toContain('Resolved since');
  });

  it('writes one section per item with the score breakdown', () => {
    const markdown = renderMarkdown(makeSampleReport(), plain);
    const headings = markdown.split('\n').filter((line) => line.startsWith('## '));
    expect(headings).toEqual([
      '## Summary by category',
      '## Ranked items',
      '## 1. DATA-001 — Feature pipeline has no schema validation \\| merchant_id & amount',
      '## 2. MODEL-002 — Retraining job pins "latest" model, weights unversioned',
      '## 3. CONF-003 — Hardcoded API token in serving config and staging drift',
      '## 4. PIPE-004 — Ingest DAG \\<retries> have no backoff & no alerting',
      '## 5. TEST-005 — Evaluation metrics untested (C:\\\\eval\\\\metrics.py, \\*\\_test)',
      '## 6. MON-006 — No drift monitoring on score distribution',
      '## Warnings',
    ]);
    expect(markdown).toContain('Score **54.0** = R 3 × F 3 × C 4 × M 1.5\n');
    expect(markdown).toContain('- Risk: declared 4 → effective 5 (coverage 23.0% \\< 60%)');
    expect(markdown).toContain(
      '- Cost of delay: declared none, money 2,500 per week → effective 4 ' +
        '(2,500 per week → 3; past due 2026-10-01: +1)',
    );
    expect(markdown).toContain('- Multiplier: 1.5 (compliance ×1.5)');
    expect(markdown).toContain('- Due: 2026-10-01 (overdue)');
  });

  it('says "not measured" for every unmeasured signal, never zero', () => {
    const markdown = renderMarkdown(makeSampleReport(), plain);
    const section = (id: string): string => {
      const start = markdown.indexOf(`. ${id} — `);
      return markdown.slice(start, markdown.indexOf('\n## ', start));
    };
    expect(section('PIPE-004')).toContain('- Git: **not measured** (no file)');
    expect(section('PIPE-004')).toContain('observed not measured');
    expect(section('PIPE-004')).toContain('- Coverage: not measured (no coverage report given)');
    expect(section('PIPE-004')).toContain('- Config findings: not examined');
    expect(section('MON-006')).toContain('churn not measured');
    expect(section('TEST-005')).toContain(
      '- Coverage: no coverage data for any of its files; unmeasured: `eval/metrics.py`',
    );
    expect(section('DATA-001')).toContain(
      '- Coverage: 23.0% (92 of 400 lines); unmeasured: `src/features/new.py`',
    );
  });

  it('says a file of a language no report covers is not measured, in the table and the section', () => {
    const report = makeSampleReport();
    const tests = report.items.find((i) => i.id === 'TEST-005')!;
    tests.signals.coverage = {
      ...tests.signals.coverage!,
      unmeasuredFiles: ['eval/metrics.go', 'eval/Metrics.RS'],
      untestedFiles: [],
    };
    const markdown = renderMarkdown(report, plain);
    expect(markdown).toContain(
      '| 0 fixes/180d · 0 commits · 0 authors · cov not measured (.go, .rs) |',
    );
    expect(markdown).toContain(
      '- Coverage: not measured (no report covers .go, .rs files); unmeasured: `eval/metrics.go`, `eval/Metrics.RS`',
    );
  });

  it('lists git, config and incident evidence, with the secret redacted', () => {
    const markdown = renderMarkdown(makeSampleReport(), plain);
    expect(markdown).toContain(
      '- Git: 14 commits, 6 fixes (2 shared with other items), 3 authors in 180 days; churn 420 lines; ' +
        'last change 2026-11-02; 9 files matched',
    );
    expect(markdown).toContain('  - `src/features/merchant.py`: 8 commits, 4 fixes');
    expect(markdown).toContain('- Fixes by month: 2026-07: 1, 2026-09: 3, 2026-10: 2');
    expect(markdown).toContain('  - and 1 more\n');
    expect(markdown).toContain(
      '  - secret in `configs/serving/prod.yaml:7`: hardcoded secret: a literal value under auth.api_token (the value is never shown)',
    );
    expect(markdown).toContain('  - 2026-02-02: late partition (outside the window)');
  });

  it('lists every warning and note, and the gate with its reasons', () => {
    const markdown = renderMarkdown(makeSampleReport(), plain);
    const tail = markdown.slice(markdown.indexOf('## Warnings'));
    expect(tail).toBe(
      [
        '## Warnings',
        '',
        '- `glob-no-match` (TEST-005, debt.yaml:66:9): glob "tests/eval/\\*\\*/\\*\\_test.py" ' +
          'matches no file (did you mean "test/eval/\\*\\*/\\*\\_test.py"?)',
        '- `no-paths` (PIPE-004): PIPE-004 has no paths: no repository evidence',
        '',
        'Notes:',
        '',
        '- `young-repository`: history starts 2026-01-04, after the window start 2026-05-25',
        '',
        'Gate: **failed** (fail above 50, fail total above 400):',
        '',
        '- DATA-001 score 60.0 > 50',
        '- MODEL-002 score 54.0 > 50',
        '',
      ].join('\n'),
    );
  });

  it('says so when there are no warnings and the gate passed without thresholds', () => {
    const markdown = renderMarkdown(makeEmptyReport(), plain);
    expect(markdown).toContain('No ranked items.');
    expect(markdown).toContain(
      '## Warnings\n\nNo warnings.\n\nGate: **passed** (no thresholds set).\n',
    );
    expect(markdown).toContain('Window none (no commit to anchor it) · commit none');
  });

  it('applies --top to the table and sections, not to totals', () => {
    const markdown = renderMarkdown(makeSampleReport(), { color: false, top: 2 });
    expect(tableRows(markdown, RANKED_HEADER)).toHaveLength(2 + 2);
    expect(markdown).toContain('## 2. MODEL-002');
    expect(markdown).not.toContain('## 3. CONF-003');
    expect(markdown).toContain('Showing the top 2 of 6 ranked items (`--top 2`)');
    expect(markdown).toContain('Total score **168.0** over 6 ranked items');
  });

  it('prints hostile user text literally: no HTML, links, mentions or headings', () => {
    const markdown = renderMarkdown(makeHostileReport(), plain);
    // Every `<` is escaped, except in the one comment the renderer writes itself.
    expect(markdown.replace('<!-- markdownlint-disable MD013 -->', '')).not.toMatch(/(?<!\\)</);
    expect(markdown).not.toMatch(/(?<!\\)@octocat/);
    expect(markdown).not.toMatch(/https?:\/\//);
    expect(markdown).not.toContain('\t');
    expect(markdown).not.toContain('\r');
    expect(markdown).toContain('# Technical debt: fraud\\|scoring \\<main> & co\n');
    // No line but the title is a level-1 heading, even though a title and the evidence try.
    expect(markdown.split('\n').filter((line) => /^#(?!#)/.test(line))).toHaveLength(1);
    // Trailing punctuation leaves the heading (MD026) but stays in the table.
    expect(markdown).toContain('\\|\\|\\| ends with colon\n');
    expect(markdown).toContain('100% done: a,b \\#\n');
    expect(markdown).toContain('\\|\\|\\| ends with colon: |');
  });

  describe('escapeText', () => {
    it.each([
      ['a | b', 'a \\| b'],
      ['C:\\temp', 'C:\\\\temp'],
      ['<b>', '\\<b>'],
      ['x\ny\r\n\tz', 'x y z'],
      ['merchant_id _em_', 'merchant_id \\_em\\_'],
      ['&amp; & &#169;', '\\&amp; & \\&#169;'],
      ['*a* `b` [c] ~d~ $e$', '\\*a\\* \\`b\\` \\[c\\] \\~d\\~ \\$e\\$'],
      ['ana@example.com https://x.io www.y.io', 'ana\\@example.com https\\://x.io www\\.y.io'],
      ['bell\u0007', 'bell'],
    ])('%j → %j', (input, expected) => {
      expect(escapeText(input)).toBe(expected);
    });
  });

  describe('size limit', () => {
    it('stays under GitHub’s 1 MiB step-summary limit by dropping sections from the end', () => {
      const report = makeSampleReport();
      const template = report.items[0]!;
      report.items = Array.from({ length: 1500 }, (_, index) => ({
        ...structuredClone(template),
        rank: index + 1,
        id: `DATA-${index + 1}`,
        evidence: 'Long evidence. '.repeat(60),
      }));
      report.totals.items = report.items.length;
      const markdown = renderMarkdown(report, plain);
      const bytes = Buffer.byteLength(markdown);
      expect(bytes).toBeLessThanOrEqual(GITHUB_STEP_SUMMARY_LIMIT_BYTES);
      expect(bytes).toBeGreaterThan(GITHUB_STEP_SUMMARY_LIMIT_BYTES - 4096);
      expect(tableRows(markdown, RANKED_HEADER)).toHaveLength(2 + 1500);
      const kept = markdown.split('\n').filter((line) => /^## \d+\. /.test(line)).length;
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(1500);
      expect(markdown).toContain(
        `Sections for ${1500 - kept} more items are omitted to stay under GitHub's 1 MiB`,
      );
      expect(markdown).toContain(`## ${kept}. DATA-${kept} — `);
      expect(markdown).toContain('## Warnings');
    });

    it('drops sections from the end with a note, and still passes markdownlint', async () => {
      const report = makeSampleReport();
      const full = renderMarkdown(report, plain);
      const limit = Buffer.byteLength(full) - 1500;
      const markdown = renderMarkdownWithin(report, plain, limit);
      expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(limit);
      expect(markdown).toContain('## 3. CONF-003');
      expect(markdown).not.toContain('## 6. MON-006');
      expect(markdown).toMatch(/Sections for \d more items? (is|are) omitted/);
      expect(await lintMarkdown(markdown)).toEqual([]);
    });

    it('renders everything when it fits', () => {
      const report = makeSampleReport();
      const full = renderMarkdown(report, plain);
      expect(renderMarkdownWithin(report, plain, Buffer.byteLength(full))).toBe(full);
      expect(full).not.toContain('omitted');
    });

    it('cuts table rows, last first, when even the table does not fit', async () => {
      const report = makeSampleReport();
      const withoutSections = renderMarkdownWithin(report, plain, 1);
      const limit = Buffer.byteLength(renderMarkdownWithin(report, plain, 0)) + 800;
      const markdown = renderMarkdownWithin(report, plain, limit);
      expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(limit);
      const rows = tableRows(markdown, RANKED_HEADER).length - 2;
      expect(rows).toBeGreaterThan(0);
      expect(rows).toBeLessThan(6);
      expect(markdown).toContain(`The table lists the first ${rows} of 6 items`);
      expect(withoutSections).toContain('## Warnings');
      expect(await lintMarkdown(markdown)).toEqual([]);
    });
  });
});

describe('long fix lists', () => {
  it('lists the first fix commits and counts the rest from the exact total', () => {
    const report = makeSampleReport();
    const git = report.items[0]!.signals.git!;
    git.fixes = Array.from({ length: 100 }, (_, i) => ({
      commit: `abcdef${String(i).padStart(4, '0')}`,
      date: '2026-11-01',
      subject: `fix: case ${i}`,
    }));
    git.fixCommits = 130; // only the newest 100 are carried in the Report
    const md = renderMarkdown(report, { color: false });
    expect(md).toContain('`abcdef0000` 2026-11-01 fix: case 0');
    expect(md).toMatch(/\n {2}- and 125 more\n/);
  });
});
