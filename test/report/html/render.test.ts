/**
 * The HTML renderer as a pure function: what the page contains, that user text never becomes
 * markup, that nothing can be fetched, that its CSP admits exactly its own style and script,
 * and its size. test/browser/ opens it in Chromium; test/golden/ pins its bytes.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Report, ScoredItem } from '../../../src/model/index.js';
import { escapeHtml } from '../../../src/report/html/markup.js';
import { renderHtml } from '../../../src/report/renderers/html.js';
import {
  makeItem,
  makeSampleReport,
  makeSampleReportWithBaseline,
} from '../../helpers/sample-report.js';

const render = (report: Report, top?: number): string => renderHtml(report, { color: false, top });

/** The heat-map cells as `{ risk, frequency, count }`, in document order. */
function heatCells(page: string): { risk: number; frequency: number; count: number }[] {
  return [...page.matchAll(/data-risk="(\d)"\s+data-frequency="(\d)"\s+data-count="(\d+)"/g)].map(
    (m) => ({ risk: Number(m[1]), frequency: Number(m[2]), count: Number(m[3]) }),
  );
}

/**
 * Every attribute name of every tag, reading quoted values as values; fails when a tag does
 * not parse this way (so nothing can hide from the check).
 */
function tagAttributes(page: string): string[] {
  const body = page.replace(/<style>[\s\S]*?<\/style>|<script>[\s\S]*?<\/script>/g, '');
  const names: string[] = [];
  let tags = 0;
  for (const tag of body.matchAll(
    /<([a-z][a-z0-9-]*)((?:\s+[^\s=>"'/]+(?:="[^"]*")?)*)\s*\/?>/gi,
  )) {
    tags++;
    for (const attribute of tag[2]!.matchAll(/\s+([^\s=>"'/]+)(?:="[^"]*")?/g))
      names.push(attribute[1]!);
  }
  expect(tags).toBe([...body.matchAll(/<[a-z]/gi)].length);
  return names;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

describe('HTML report', () => {
  it('places every ranked item in the heat-map cell of its effective risk and frequency', () => {
    const report = makeSampleReport();
    const cells = heatCells(render(report));
    expect(cells).toHaveLength(25);
    expect(new Set(cells.map((c) => `${c.risk}:${c.frequency}`)).size).toBe(25);
    for (const cell of cells) {
      const expected = report.items.filter(
        (item) => item.risk.effective === cell.risk && item.frequency.effective === cell.frequency,
      ).length;
      expect(cell.count, `cell R${cell.risk} F${cell.frequency}`).toBe(expected);
    }
    expect(cells.reduce((sum, c) => sum + c.count, 0)).toBe(report.items.length);
  });

  it('links a cell to its highest-ranked item and lists every id in its tooltip', () => {
    const report = makeSampleReport();
    // Two items in one cell: the lower rank number must be the link target.
    report.items[5]!.risk.effective = report.items[0]!.risk.effective;
    report.items[5]!.frequency.effective = report.items[0]!.frequency.effective;
    const page = render(report);
    const { risk, frequency } = report.items[0]!.risk.effective
      ? { risk: report.items[0]!.risk.effective, frequency: report.items[0]!.frequency.effective }
      : { risk: 0, frequency: 0 };
    const cell = page.match(
      new RegExp(`data-risk="${risk}"\\s+data-frequency="${frequency}"[\\s\\S]*?</td>`),
    )![0];
    expect(cell).toContain('data-count="2"');
    expect(cell).toContain(`href="#item-${report.items[0]!.id}"`);
    expect(cell).toMatch(
      new RegExp(`role="tooltip"[^>]*>${report.items[0]!.id}, ${report.items[5]!.id}<`),
    );
  });

  it('has one focusable section per ranked item, in rank order, and a sortable table', () => {
    const report = makeSampleReport();
    const page = render(report);
    const sections = [
      ...page.matchAll(/<section\s+class="item"\s+id="item-([A-Z0-9-]+)"\s+tabindex="-1"/g),
    ];
    expect(sections.map((m) => m[1])).toEqual(report.items.map((item) => item.id));
    const rows = [...page.matchAll(/<tr\s+data-rank="(\d+)"\s+data-id="([^"]+)"/g)];
    expect(rows.map((m) => m[2])).toEqual(report.items.map((item) => item.id));
    expect(page).toMatch(
      /<th [^>]*aria-sort="ascending"[^>]*>\s*<button\s+type="button"\s+data-sort="number"\s*>\s*#\s*</,
    );
    expect(page).toMatch(/data-first="descending"\s*>\s*Score\s*<\/button>/);
  });

  it('offers exactly the categories and owners of the shown items as filters', () => {
    const report = makeSampleReport();
    const page = render(report);
    const options = (filter: string): string[] => {
      const select = page.match(
        new RegExp(`<select data-filter="${filter}">([\\s\\S]*?)</select>`),
      )![1]!;
      return [...select.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]!);
    };
    expect(options('category')).toEqual(
      ['', ...new Set(report.items.map((i) => i.category))].sort(),
    );
    expect(options('owner')).toEqual(
      ['', ...new Set(report.items.map((i) => i.owner ?? 'unowned'))].sort(),
    );
  });

  it('escapes inventory text everywhere, so it can never become markup or script', () => {
    const report = makeSampleReport();
    const hostile = '</script><script>alert(1)</script><img src=x onerror=alert(2)>"\'&';
    report.project = hostile;
    report.items[0]!.title = hostile;
    report.items[0]!.owner = `"><svg onload=alert(3)>`;
    report.items[0]!.category = `a" onmouseover="alert(4)`;
    report.items[0]!.fix = hostile;
    report.warnings.push({ code: 'x', message: hostile });
    const page = render(report);
    expect(page.match(/<script>/g)).toHaveLength(1);
    expect(page).not.toContain('<img');
    expect(page).not.toContain('<svg onload');
    // No tag gained an event-handler attribute (escaped text may still read "onerror=").
    const attributes = tagAttributes(page);
    expect(attributes.filter((name) => /^on/i.test(name))).toEqual([]);
    expect(attributes).toContain('data-category');
    expect(page).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('data-category="a&quot; onmouseover=&quot;alert(4)"');
  });

  it('refers to nothing outside itself, and its CSP admits only its own style and script', () => {
    const page = render(makeSampleReport());
    // No attribute that can load anything, and every link stays inside the page.
    expect(page).not.toMatch(/\s(src|srcset|poster|data|action|formaction|background)=/i);
    expect(page).not.toMatch(/<(link|iframe|object|embed|base|img|video|audio)\b/i);
    expect(page).not.toMatch(/url\(/);
    expect(page).not.toMatch(/@import/);
    for (const href of page.matchAll(/\shref="([^"]*)"/g)) expect(href[1]).toMatch(/^#/);

    const style = page.match(/<style>([\s\S]*?)<\/style>/)![1]!;
    const script = page.match(/<script>([\s\S]*?)<\/script>/)![1]!;
    const policy = page.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)![1]!;
    const decoded = policy.replaceAll('&#39;', "'");
    expect(decoded).toContain("default-src 'none'");
    expect(decoded).toContain(`style-src 'sha256-${sha256(style)}'`);
    expect(decoded).toContain(`script-src 'sha256-${sha256(script)}'`);
  });

  it('says "not measured" for an item without git evidence instead of drawing zeros', () => {
    const report = makeSampleReport();
    const unmeasured = report.items.find((item) => item.signals.git === null)!;
    const page = render(report);
    const sparklines = page.match(/<table class="sparklines">[\s\S]*?<\/table>/)![0];
    const row = sparklines.match(
      new RegExp(`<tr>\\s*<th scope="row"><a href="#item-${unmeasured.id}"[\\s\\S]*?</tr>`),
    )![0];
    expect(row).toContain('not measured');
    expect(row).not.toContain('<svg');
    // A measured item with no fixes in a month draws a zero bar, and its label says 0.
    const measured = report.items.find((item) => item.signals.git !== null)!;
    expect(page).toMatch(
      new RegExp(`aria-label="${measured.id} fix commits per month, [^"]*\\b0\\b`),
    );
  });

  it('charts money per week where declared and the level otherwise', () => {
    const report = makeSampleReport();
    const page = render(report);
    const moneyItem = report.items.find((item) => item.costOfDelay.money !== null)!;
    expect(page).toContain('Declared money per week');
    expect(page).toMatch(
      new RegExp(`#item-${moneyItem.id}"[^<]*</a></th>[\\s\\S]{0,400}2,500 per week`),
    );
    const levelItem = report.items.find((item) => item.costOfDelay.money === null)!;
    expect(page).toMatch(
      new RegExp(
        `#item-${levelItem.id}"[^<]*</a></th>[\\s\\S]{0,400}level ${levelItem.costOfDelay.effective} of 5`,
      ),
    );
  });

  it('shows warnings before the totals, and the gate with its reasons', () => {
    const report = makeSampleReport();
    const page = render(report);
    expect(report.warnings.length).toBeGreaterThan(0);
    const warnings = page.indexOf('id="warnings"');
    expect(warnings).toBeGreaterThan(0);
    expect(warnings).toBeLessThan(page.indexOf('Total score'));
    for (const warning of report.warnings) expect(page).toContain(warning.code);
    expect(report.gate.passed).toBe(false);
    expect(page).toContain('✗ Failed');
    for (const reason of report.gate.reasons) expect(page).toContain(escapeHtml(reason));
  });

  it("shows each item's change against the baseline", () => {
    const report = makeSampleReportWithBaseline();
    const page = render(report);
    const changed = report.baseline!.items.find((d) => d.status === 'changed' && d.delta)!;
    const section = page.match(new RegExp(`id="item-${changed.id}"[\\s\\S]*?</section>`))![0];
    expect(section).toMatch(/Against the baseline: [▲▼] \d/);
    const resolved = report.baseline!.items.find((d) => d.status === 'resolved')!;
    expect(page).toContain(`${resolved.id}: resolved since the baseline`);
  });

  it('with --top, charts and lists only the shown items and says so', () => {
    const report = makeSampleReport();
    const page = render(report, 2);
    expect(heatCells(page).reduce((sum, c) => sum + c.count, 0)).toBe(2);
    expect([...page.matchAll(/<section\s+class="item"/g)]).toHaveLength(2);
    expect(page).toContain(`Showing the top 2 of ${report.items.length} ranked items`);
  });

  it('renders a report with no window and no ranked items, saying so', () => {
    const report = makeSampleReport();
    report.window = null;
    report.items = [];
    report.totals = { score: 0, items: 0, byCategory: {}, costOfDelayPerWeek: null };
    const page = render(report);
    expect(heatCells(page).every((cell) => cell.count === 0)).toBe(true);
    expect(page).toContain('Window none (no commit to anchor it)');
    expect(page).toContain('Fix commits not measured: there is no commit to anchor a window.');
    expect(page).toContain('No ranked items.');
    expect(page).toMatch(/0 of 0 items shown/);
  });

  it('is the same bytes for the same report', () => {
    expect(render(makeSampleReport())).toBe(render(makeSampleReport()));
  });

  it('stays well under 1 MB for 100 items with full evidence', () => {
    const report = makeSampleReport();
    const template = report.items[0]!;
    report.items = Array.from({ length: 100 }, (_, i): ScoredItem => {
      const id = `DATA-${String(i + 1).padStart(3, '0')}`;
      return makeItem({
        ...structuredClone(template),
        rank: i + 1,
        id,
        category: ['data', 'model', 'pipeline', 'monitoring', 'testing'][i % 5]!,
        owner: `owner-${i % 12}`,
      });
    });
    const bytes = Buffer.byteLength(render(report), 'utf8');
    // 577 KB when written; README states the figure, keep the two in step.
    expect(bytes).toBeLessThan(620_000);
  });
});
