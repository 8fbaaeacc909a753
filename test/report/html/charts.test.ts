/** The reusable chart pieces the dashboard (and later views) are built from. */
import { describe, expect, it } from 'vitest';
import { barChart } from '../../../src/report/html/charts/bar-chart.js';
import { riskFrequencyMap, severityBand } from '../../../src/report/html/charts/heat-map.js';
import { lineChart, niceScale } from '../../../src/report/html/charts/line-chart.js';
import { columnSparkline } from '../../../src/report/html/charts/sparkline.js';
import { anchorId, escapeHtml, html, joinHtml } from '../../../src/report/html/markup.js';

describe('markup', () => {
  it('escapes interpolated text and keeps nested markup', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${'"x"'}">${inner}${['a', '&']}${null}${false}${3}</p>`.text).toBe(
      '<p title="&quot;x&quot;"><b>&lt;i&gt;</b>a&amp;3</p>',
    );
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
    expect(joinHtml(['<a>', html`<b></b>`], ', ').text).toBe('&lt;a&gt;, <b></b>');
  });

  it("drops the template's indentation but never an interpolated value's", () => {
    const value = 'a\n    b';
    expect(
      html`<ul>
        <li>${value}</li>
      </ul>`.text,
    ).toBe('<ul>\n<li>a\n    b</li>\n</ul>');
  });

  it('makes an element id of any item id', () => {
    expect(anchorId('item', 'DATA-001')).toBe('item-DATA-001');
    expect(anchorId('item', 'a b"<')).toBe('item-a_20b_22_3c');
  });
});

describe('heat map', () => {
  it('bands cells by risk × frequency', () => {
    expect([
      severityBand(1, 1),
      severityBand(2, 4),
      severityBand(3, 4),
      severityBand(4, 4),
    ]).toEqual([1, 2, 3, 4]);
    expect([
      severityBand(5, 4),
      severityBand(5, 5),
      severityBand(1, 5),
      severityBand(5, 1),
    ]).toEqual([5, 5, 2, 2]);
  });

  it('always has 25 cells and counts entries outside 1–5 in the nearest cell', () => {
    const map = riskFrequencyMap(
      [
        { risk: 7, frequency: 0, label: 'X-1', href: '#x1' },
        { risk: 5, frequency: 1, label: 'X-2', href: '#x2' },
      ],
      { caption: 'c', idPrefix: 'h' },
    ).text;
    const counts = [
      ...map.matchAll(/data-risk="(\d)"\s+data-frequency="(\d)"\s+data-count="(\d+)"/g),
    ];
    expect(counts).toHaveLength(25);
    expect(counts.find((m) => m[1] === '5' && m[2] === '1')![3]).toBe('2');
    expect(map).toContain('href="#x1"');
  });
});

describe('line chart', () => {
  it('breaks a line where a value was not measured, and says so in the table', () => {
    const chart = lineChart(['a', 'b', 'c', 'd'], [{ name: 's', values: [1, null, 2, 3] }], {
      caption: 'Cap',
      description: 'Desc',
      idPrefix: 'lc',
    }).text;
    expect([...chart.matchAll(/<polyline/g)]).toHaveLength(2);
    expect(chart).toContain('<td>not measured</td>');
    const plot = chart.slice(0, chart.indexOf('<ul class="legend"'));
    expect([...plot.matchAll(/class="marker/g)]).toHaveLength(3);
    expect(chart).toMatch(/aria-labelledby="lc-caption"/);
  });

  it('tells series apart by dash and marker as well as colour', () => {
    const series = Array.from({ length: 4 }, (_, i) => ({ name: `s${i}`, values: [i, i + 1] }));
    const chart = lineChart(['a', 'b'], series, {
      caption: 'c',
      description: 'd',
      idPrefix: 'x',
    }).text;
    expect(new Set([...chart.matchAll(/stroke-dasharray="([^"]+)"/g)].map((m) => m[1])).size).toBe(
      3,
    );
    for (const shape of ['<circle', '<rect', '<polygon']) expect(chart).toContain(shape);
  });

  it('never draws two of the first 32 series alike', () => {
    const series = Array.from({ length: 32 }, (_, i) => ({ name: `s${i}`, values: [i, i + 1] }));
    const chart = lineChart(['a', 'b'], series, {
      caption: 'c',
      description: 'd',
      idPrefix: 'x',
    }).text;
    const legend = chart.slice(chart.indexOf('<ul class="legend"'));
    const styles = [...legend.matchAll(/<li>\s*<svg[\s\S]*?<\/svg>/g)].map((m) =>
      m[0].replace(/\s+/g, ' '),
    );
    expect(styles).toHaveLength(32);
    expect(new Set(styles).size).toBe(32);
  });

  it('picks round axis steps, whole numbers for counts', () => {
    expect(niceScale(0, true)).toEqual({ top: 1, step: 1 });
    expect(niceScale(2, true)).toEqual({ top: 2, step: 1 });
    expect(niceScale(11, true)).toEqual({ top: 15, step: 5 });
    expect(niceScale(0.7, false)).toEqual({ top: 0.8, step: 0.2 });
    expect(niceScale(482.3, false)).toEqual({ top: 500, step: 100 });
  });
});

describe('sparkline and bars', () => {
  it('labels every value and draws a tick for zero', () => {
    const svg = columnSparkline([0, 2, 1], { label: 'fixes: 0, 2, 1', max: 2 }).text;
    expect(svg).toContain('aria-label="fixes: 0, 2, 1"');
    expect(svg).toMatch(/<path class="spark" d="M[^"]*z"/);
    expect(svg).toMatch(/<path class="spark-zero" d="M[^"]*z"/);
  });

  it('states each bar value in text and scales bars to the max', () => {
    const table = barChart(
      [
        { label: 'A', value: 10, text: 'ten' },
        { label: 'B', value: 5, text: 'five' },
      ],
      { caption: 'Cap', columns: ['Item', 'Value'], width: 100 },
    ).text;
    expect(table).toContain('ten');
    expect(
      [...table.matchAll(/class="bar-fill" x="0" y="1" width="([\d.]+)"/g)].map((m) => m[1]),
    ).toEqual(['100', '50']);
  });
});
