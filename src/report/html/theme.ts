/**
 * The dashboard's colours, light and dark, as data: the stylesheet is generated from these
 * tokens, and a test checks every text/background pair and every chart colour against WCAG AA
 * (4.5:1 for text, 3:1 for graphics) with {@link contrastRatio}. Change a colour here and the
 * test tells you whether it is still readable.
 */

export interface Theme {
  background: string;
  surface: string;
  text: string;
  muted: string;
  border: string;
  link: string;
  focus: string;
  /** The gate failed, overdue dates. */
  danger: string;
  /** The gate passed. */
  success: string;
  /** Warnings panel: background and its left rule. */
  warningBackground: string;
  warningRule: string;
  /** Bars of the cost-of-delay chart and the sparklines. */
  bar: string;
  /** Heat-map cells by severity band (1 = low risk × frequency … 5 = high); text is `text`. */
  heat: [string, string, string, string, string];
  /** One colour per series of a line chart; series also differ by dash and marker. */
  series: string[];
}

export const LIGHT: Theme = {
  background: '#ffffff',
  surface: '#f6f8fa',
  text: '#1f2328',
  muted: '#59636e',
  border: '#8c959f',
  link: '#0550ae',
  focus: '#0969da',
  danger: '#b42318',
  success: '#1a7f37',
  warningBackground: '#fff8c5',
  warningRule: '#9a6700',
  bar: '#0969da',
  heat: ['#dafbe1', '#fff8c5', '#ffe2b8', '#ffc1b8', '#f8a59b'],
  series: ['#0969da', '#bc4c00', '#1a7f37', '#8250df', '#cf222e', '#6e7781', '#9a6700', '#1b7c83'],
};

export const DARK: Theme = {
  background: '#0d1117',
  surface: '#161b22',
  text: '#e6edf3',
  muted: '#9198a1',
  border: '#6e7681',
  link: '#4493f8',
  focus: '#58a6ff',
  danger: '#ff7b72',
  success: '#3fb950',
  warningBackground: '#272115',
  warningRule: '#d29922',
  bar: '#4493f8',
  heat: ['#12261e', '#2b2611', '#3b2614', '#4c1f1c', '#6b1f1a'],
  series: ['#4493f8', '#f0883e', '#3fb950', '#a371f7', '#ff7b72', '#9198a1', '#d29922', '#39c5cf'],
};

/** The contrast ratio of two `#rrggbb` colours, 1 to 21 (WCAG 2's definition). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

function luminance(hex: string): number {
  const channel = (offset: number): number => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** The theme as CSS custom properties (`--text: #1f2328;`), for a `:root` rule. */
export function themeVariables(theme: Theme): string {
  const entries: [string, string][] = [
    ['background', theme.background],
    ['surface', theme.surface],
    ['text', theme.text],
    ['muted', theme.muted],
    ['border', theme.border],
    ['link', theme.link],
    ['focus', theme.focus],
    ['danger', theme.danger],
    ['success', theme.success],
    ['warning-background', theme.warningBackground],
    ['warning-rule', theme.warningRule],
    ['bar', theme.bar],
    ...theme.heat.map((colour, i): [string, string] => [`heat-${i + 1}`, colour]),
    ...theme.series.map((colour, i): [string, string] => [`series-${i + 1}`, colour]),
  ];
  return entries.map(([name, value]) => `--${name}:${value};`).join('');
}
