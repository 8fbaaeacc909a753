/**
 * Every colour pair the dashboard draws meets WCAG 2 AA in both themes: 4.5:1 for text, 3:1
 * for graphics (bars, lines, rules, the focus ring). The browser test checks the rendered page
 * with axe as well; this one names the failing token when a colour is changed.
 */
import { describe, expect, it } from 'vitest';
import { contrastRatio, DARK, LIGHT, type Theme } from '../../../src/report/html/theme.js';

type Pair = [string, string, string, number];

function pairsOf(theme: Theme): Pair[] {
  const pairs: Pair[] = [];
  for (const fg of ['text', 'muted', 'link', 'danger', 'success'] as const) {
    for (const bg of ['background', 'surface'] as const) {
      pairs.push([`${fg} on ${bg}`, theme[fg], theme[bg], 4.5]);
    }
  }
  for (const fg of ['text', 'muted', 'link'] as const) {
    pairs.push([`${fg} on warningBackground`, theme[fg], theme.warningBackground, 4.5]);
  }
  // The heat map's counts and underlined links sit on the cell colours; tooltips invert.
  theme.heat.forEach((cell, i) => pairs.push([`text on heat ${i + 1}`, theme.text, cell, 4.5]));
  pairs.push(['tooltip (background on text)', theme.background, theme.text, 4.5]);
  for (const fg of ['bar', 'border', 'focus', 'warningRule'] as const) {
    pairs.push([`${fg} on background`, theme[fg], theme.background, 3]);
  }
  pairs.push(['muted (zero bars) on background', theme.muted, theme.background, 3]);
  theme.series.forEach((colour, i) => {
    pairs.push([`series ${i + 1} on background`, colour, theme.background, 3]);
    pairs.push([`series ${i + 1} on surface`, colour, theme.surface, 3]);
  });
  return pairs;
}

describe('dashboard colours', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    // WebAIM's reference: #777777 on white is 4.48:1, just short of AA.
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it.each([
    ['light', LIGHT],
    ['dark', DARK],
  ] as const)('%s theme meets AA for every pair it draws', (_name, theme) => {
    const failing = pairsOf(theme)
      .map(([name, fg, bg, minimum]) => ({ name, ratio: contrastRatio(fg, bg), minimum }))
      .filter(({ ratio, minimum }) => ratio < minimum)
      .map(({ name, ratio, minimum }) => `${name}: ${ratio.toFixed(2)} < ${minimum}`);
    expect(failing).toEqual([]);
  });

  it('has a distinct colour for each line-chart series', () => {
    for (const theme of [LIGHT, DARK]) {
      expect(new Set(theme.series).size).toBe(theme.series.length);
    }
  });
});
