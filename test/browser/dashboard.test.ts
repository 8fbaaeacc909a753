/**
 * The HTML dashboard of the bundled demo, opened from disk in Debian's headless Chromium:
 * nothing errs or reaches the network, the heat map adds up, sorting, filtering and the
 * keyboard path work, both themes meet WCAG AA contrast, printing hides the controls, and a
 * report full of markup stays inert. Screenshots of both themes go to test-output/browser/.
 *
 * The callbacks passed to page.evaluate run in the page, hence the DOM types below; src/ is
 * built without them (tsconfig.build.json), so no DOM global can slip into mldebt itself.
 */
/// <reference lib="dom" />
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  generateDemoCommits,
  loadDemoSpec,
  writeDemoWorkingTree,
} from '../../scripts/lib/demo-history.js';
import { buildRepo } from '../../scripts/lib/repo-builder.js';
import type { Report } from '../../src/model/index.js';
import { DARK, LIGHT } from '../../src/report/html/theme.js';
import { renderHtml } from '../../src/report/renderers/html.js';
import { auditIn } from '../helpers/audit-repo.js';
import {
  checkContrast,
  describeWithBrowser,
  openPage,
  screenshot,
  type OpenedPage,
} from '../helpers/browser.js';
import { makeSampleReport } from '../helpers/sample-report.js';

const root = new URL('../..', import.meta.url);
let work: string;
let report: Report;
let file: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'mldebt-dashboard-'));
  const repo = join(work, 'repo');
  const spec = loadDemoSpec();
  buildRepo(repo, generateDemoCommits(spec));
  writeDemoWorkingTree(repo, spec);
  report = await auditIn(work, {
    repo,
    config: fileURLToPath(new URL('debt.example.yaml', root)),
    coverage: [fileURLToPath(new URL('fixtures/demo/coverage/coverage.xml', root))],
  });
  file = join(work, 'debt.html');
  writeFileSync(file, renderHtml(report, { color: false }));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The ranked table's rows as the page shows them: id, score, category, visible. */
function tableRows(page: Page) {
  return page.$$eval('#ranked tbody tr', (rows) =>
    rows.map((row) => ({
      id: (row as HTMLElement).dataset.id!,
      category: (row as HTMLElement).dataset.category!,
      score: Number(row.querySelector('td:nth-child(9)')!.getAttribute('data-value')),
      visible: (row as HTMLElement).offsetParent !== null,
    })),
  );
}

describeWithBrowser('the demo dashboard in Chromium', (suite) => {
  // One page per theme, reloaded before each test: every page costs a renderer process.
  let light: OpenedPage;
  let dark: OpenedPage;
  beforeAll(async () => {
    light = await openPage(suite.browser, { path: file });
    dark = await openPage(suite.browser, { path: file, colorScheme: 'dark' });
  });
  afterAll(async () => {
    await light?.close();
    await dark?.close();
  });

  it('loads from disk without errors or requests; the heat map adds up to the ranked items', async () => {
    const opened = await fresh(light);
    {
      const { page } = opened;
      const cells = await page.$$eval('td[data-risk]', (tds) =>
        tds.map((td) => ({
          risk: Number(td.getAttribute('data-risk')),
          frequency: Number(td.getAttribute('data-frequency')),
          count: Number(td.getAttribute('data-count')),
          shown: Number(td.querySelector('.count')!.textContent),
        })),
      );
      expect(cells).toHaveLength(25);
      expect(cells.reduce((sum, cell) => sum + cell.count, 0)).toBe(report.items.length);
      expect(report.items.length).toBe(12);
      for (const cell of cells) {
        const expected = report.items.filter(
          (item) =>
            item.risk.effective === cell.risk && item.frequency.effective === cell.frequency,
        ).length;
        expect(cell.count).toBe(expected);
        expect(cell.shown).toBe(expected);
      }
      // The script ran: the filter controls it reveals are visible.
      expect(await page.isVisible('[data-filters="ranked"]')).toBe(true);

      // A click on the busiest cell moves focus (not only the view) to its first item.
      const busiest = [...cells].sort((a, b) => b.count - a.count)[0]!;
      const first = report.items.find(
        (item) =>
          item.risk.effective === busiest.risk && item.frequency.effective === busiest.frequency,
      )!;
      await page.click(
        `td[data-risk="${busiest.risk}"][data-frequency="${busiest.frequency}"] a.heat-link`,
      );
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(`item-${first.id}`);
      expect(await page.isVisible(`#item-${first.id}`)).toBe(true);
      expect(opened.consoleErrors).toEqual([]);
      expect(opened.pageErrors).toEqual([]);
      expect(opened.requests).toEqual([]);
    }
  });

  it('sorts by score both ways from the header button, marking the column with aria-sort', async () => {
    const opened = await fresh(light);
    {
      const { page } = opened;
      const scoreHeader = page.locator('#ranked thead th', { hasText: 'Score' });
      await scoreHeader.locator('button').click();
      expect(await scoreHeader.getAttribute('aria-sort')).toBe('descending');
      const descending = (await tableRows(page)).map((row) => row.score);
      expect(descending).toEqual([...descending].sort((a, b) => b - a));
      expect(await page.locator('#ranked thead th[aria-sort]').count()).toBe(1);

      await scoreHeader.locator('button').click();
      expect(await scoreHeader.getAttribute('aria-sort')).toBe('ascending');
      const ascending = (await tableRows(page)).map((row) => row.score);
      expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
      expect(ascending).not.toEqual(descending);
      expect(opened.consoleErrors).toEqual([]);
    }
  });

  it('filters by category and by owner, hiding the other rows and saying how many are shown', async () => {
    const opened = await fresh(light);
    {
      const { page } = opened;
      const models = report.items.filter((item) => item.category === 'model');
      expect(models.length).toBeGreaterThan(1);
      await page.selectOption('select[data-filter="category"]', 'model');
      let rows = await tableRows(page);
      expect(rows.filter((row) => row.visible).map((row) => row.id)).toEqual(
        models.map((item) => item.id),
      );
      expect(await page.textContent('[data-filter-status]')).toBe(
        `${models.length} of ${report.items.length} items shown`,
      );

      // Both filters apply together.
      const owner = models[0]!.owner!;
      await page.selectOption('select[data-filter="owner"]', owner);
      rows = await tableRows(page);
      expect(rows.filter((row) => row.visible).map((row) => row.id)).toEqual(
        models.filter((item) => item.owner === owner).map((item) => item.id),
      );

      await page.selectOption('select[data-filter="category"]', '');
      await page.selectOption('select[data-filter="owner"]', '');
      expect((await tableRows(page)).every((row) => row.visible)).toBe(true);
    }
  });

  it('reaches a heat-map cell from the keyboard, shows its ids, and Enter moves focus to its item', async () => {
    const opened = await fresh(light);
    {
      const { page } = opened;
      let focused = '';
      for (let presses = 0; presses < 40 && focused !== 'heat-link'; presses++) {
        await page.keyboard.press('Tab');
        focused = await page.evaluate(() => document.activeElement?.className ?? '');
      }
      expect(focused).toBe('heat-link');
      const cell = await page.evaluate(() => {
        const link = document.activeElement as HTMLAnchorElement;
        const td = link.closest('td')!;
        const tip = td.querySelector('.tip')!;
        return {
          risk: Number(td.dataset.risk),
          frequency: Number(td.dataset.frequency),
          target: decodeURIComponent(link.hash.slice(1)),
          tip: tip.textContent,
          tipVisible: getComputedStyle(tip).display !== 'none',
        };
      });
      const inCell = report.items.filter(
        (item) => item.risk.effective === cell.risk && item.frequency.effective === cell.frequency,
      );
      expect(cell.tipVisible).toBe(true);
      expect(cell.tip).toBe(inCell.map((item) => item.id).join(', '));
      expect(cell.target).toBe(`item-${inCell[0]!.id}`);

      await page.keyboard.press('Enter');
      const active = await page.evaluate(() => ({
        id: document.activeElement?.id,
        tag: document.activeElement?.tagName,
        heading: document.activeElement?.querySelector('h3')?.textContent,
      }));
      expect(active).toEqual({
        id: cell.target,
        tag: 'SECTION',
        heading: `${inCell[0]!.rank}. ${inCell[0]!.id} — ${inCell[0]!.title}`,
      });
      expect(opened.consoleErrors).toEqual([]);
    }
  });

  it.each([
    ['light', LIGHT],
    ['dark', DARK],
  ] as const)(
    'meets WCAG AA contrast in the %s theme (screenshot written)',
    async (scheme, theme) => {
      const opened = await fresh(scheme === 'light' ? light : dark);
      {
        const { page } = opened;
        const background = await page.evaluate(
          () => getComputedStyle(document.body).backgroundColor,
        );
        expect(background).toBe(rgb(theme.background));
        expect(await checkContrast(page)).toEqual([]);
        const shot = await screenshot(page, `dashboard-${scheme}`);
        expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
        expect(opened.consoleErrors).toEqual([]);
      }
    },
  );

  it('prints on light paper with the charts kept, the controls hidden and every row shown', async () => {
    const opened = await fresh(dark);
    {
      const { page } = opened;
      await page.selectOption('select[data-filter="category"]', 'model');
      await page.emulateMedia({ media: 'print' });
      // An A4 page is about 794 CSS pixels wide: nothing may be cut off at that width.
      await page.setViewportSize({ width: 794, height: 1123 });
      const printed = await page.evaluate(() => ({
        controls: getComputedStyle(document.querySelector('.controls')!).display,
        hiddenRowShown: Array.from(document.querySelectorAll<HTMLElement>('#ranked tbody tr'))
          .filter((row) => row.hidden)
          .every((row) => getComputedStyle(row).display === 'table-row'),
        hiddenRows: document.querySelectorAll('#ranked tbody tr[hidden]').length,
        heatMap: getComputedStyle(document.querySelector('.heat-map')!).display,
        charts: Array.from(document.querySelectorAll('svg.sparkline, .line-chart svg')).filter(
          (svg) => (svg as SVGElement).getBoundingClientRect().width > 0,
        ).length,
        background: getComputedStyle(document.body).backgroundColor,
        overflowing: Array.from(document.querySelectorAll('.panel, section')).filter(
          (element) => element.scrollWidth > element.clientWidth + 1,
        ).length,
      }));
      expect(printed.controls).toBe('none');
      expect(printed.hiddenRows).toBeGreaterThan(0);
      expect(printed.hiddenRowShown).toBe(true);
      expect(printed.heatMap).toBe('table');
      expect(printed.charts).toBeGreaterThan(10);
      expect(printed.background).toBe(rgb(LIGHT.background));
      expect(printed.overflowing).toBe(0);
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    }
  });

  it('keeps inventory text inert: markup in titles, owners and warnings neither runs nor loads', async () => {
    const hostile = makeSampleReport();
    const payload = `<img src="https://example.invalid/x.png" onerror="alert(1)"><script>alert(2)</script>`;
    hostile.project = payload;
    hostile.items[0]!.title = payload;
    hostile.items[0]!.owner = `"><svg onload=alert(3)>`;
    hostile.warnings.push({ code: 'x', message: payload });
    const opened = await openPage(suite.browser, { html: renderHtml(hostile, { color: false }) });
    try {
      const { page } = opened;
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      // Loaded again with the listener in place, so a dialog raised while parsing is seen.
      await page.reload({ waitUntil: 'load' });
      await page.locator('#ranked button', { hasText: 'Title' }).click();
      expect(await page.locator('h1').textContent()).toBe(`Technical debt: ${payload}`);
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('script').count()).toBe(1);
      expect(dialogs).toEqual([]);
      expect(opened.requests).toEqual([]);
      expect(opened.pageErrors).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});

/** The page reloaded to its initial state (its collectors keep what they saw). */
async function fresh(opened: OpenedPage): Promise<OpenedPage> {
  await opened.page.emulateMedia({ media: 'screen' });
  await opened.page.setViewportSize({ width: 1280, height: 800 });
  await opened.page.reload({ waitUntil: 'load' });
  return opened;
}

/** `#0d1117` as getComputedStyle writes it: `rgb(13, 17, 23)`. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}
