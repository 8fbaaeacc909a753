import { describe, expect, it } from 'vitest';
import { layoutColumns, renderTable } from '../../src/report/renderers/table.js';
import { makeSampleReport } from '../helpers/sample-report.js';

const tableLines = (text: string) => text.split('\n').filter((l) => /^[┌│├└]/.test(l));
const chars = (line: string) => [...line].length;

describe('renderTable', () => {
  it('shows every column and caps titles when not on a terminal', () => {
    const out = renderTable(makeSampleReport(), { color: false });
    expect(out).toContain('│ WSJF │');
    expect(out).toContain('│ Category');
    expect(out).not.toContain('\u001b[');
  });

  it('fits a terminal: flexible columns shrink, then WSJF, Category and Owner go', () => {
    const report = makeSampleReport();
    const wide = Math.max(...tableLines(renderTable(report, { color: false })).map(chars));
    for (const width of [wide - 10, 110, 100]) {
      const lines = tableLines(renderTable(report, { color: false, width }));
      expect(Math.max(...lines.map(chars)), `width ${width}`).toBeLessThanOrEqual(width);
    }
    const narrow = renderTable(report, { color: false, width: 90 });
    expect(narrow).not.toContain('WSJF');
    expect(narrow).toContain('│ Score │');
  });

  it('lays out columns from plain widths', () => {
    const head = ['#', 'Title', 'WSJF', 'Evidence'];
    const rows = [['1', 'x'.repeat(60), '2.0', 'y'.repeat(50)]];
    expect(layoutColumns(head, rows, undefined)).toEqual({
      visible: [0, 1, 2, 3],
      widths: [1, 42, 4, 50],
    });
    // 1+3 + 16+3 + 4+3 + 20+3 + 1 = 54 fits in 60: evidence takes the 6 spare characters.
    expect(layoutColumns(head, rows, 60)).toEqual({
      visible: [0, 1, 2, 3],
      widths: [1, 16, 4, 26],
    });
    // 47 without WSJF: dropped only when the minimums do not fit.
    expect(layoutColumns(head, rows, 50).visible).toEqual([0, 1, 3]);
  });
});
