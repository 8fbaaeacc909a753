/**
 * The dashboard's stylesheet, inlined in the page. Colours come from the theme tokens (light,
 * dark when the system asks for it, light again on paper); printing hides the controls, shows
 * every row a filter hid, and keeps the charts' colours.
 */
import { DARK, LIGHT, themeVariables } from './theme.js';

const LAYOUT = `
*,*::before,*::after{box-sizing:border-box}
html{color-scheme:light dark}
body{margin:0;background:var(--background);color:var(--text);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1180px;margin:0 auto;padding:24px 20px 48px}
h1{font-size:1.7rem;margin:0 0 4px}
h2{font-size:1.25rem;margin:36px 0 12px;padding-bottom:6px;border-bottom:1px solid var(--border)}
h3{font-size:1.05rem;margin:0 0 8px}
h4{font-size:.9rem;margin:12px 0 4px;color:var(--muted)}
a{color:var(--link)}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.muted{color:var(--muted)}
.meta{color:var(--muted);margin:0 0 16px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(190px,1fr));gap:12px;margin:16px 0}
.card{background:var(--surface);border:1px solid var(--border);border-radius:8px;padding:12px 14px}
.card .label{display:block;color:var(--muted);font-size:.85rem}
.card .value{display:block;font-size:1.5rem;font-weight:650}
.gate-passed .value{color:var(--success)}
.gate-failed .value{color:var(--danger)}
.gate-failed{border-left:6px solid var(--danger)}
.gate-passed{border-left:6px solid var(--success)}
.warnings{background:var(--warning-background);border-left:6px solid var(--warning-rule);border-radius:6px;padding:12px 16px;margin:16px 0}
.warnings h2{margin:0 0 8px;border:0;padding:0}
.warnings ul{margin:0;padding-left:20px}
.warnings li+li{margin-top:4px}
.ok-note{margin:16px 0}
table{border-collapse:collapse}
caption{text-align:left;font-weight:600;padding:0 0 6px}
th,td{padding:5px 8px;border-bottom:1px solid var(--border);vertical-align:top;text-align:left}
thead th{font-size:.85rem;color:var(--muted)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.panels{display:grid;grid-template-columns:repeat(auto-fit,minmax(360px,1fr));gap:28px;align-items:start}
.panel{min-width:0;overflow-x:auto}
.heat-map th,.heat-map td{border:0;text-align:center;vertical-align:middle}
.heat-map thead th{padding:4px}
.heat-map tbody th{color:var(--muted);font-size:.85rem;width:2.5em}
.heat-map .axis{font-weight:400;white-space:nowrap}
.heat{position:relative;width:64px;height:52px;border:2px solid var(--background)!important;color:var(--text);font-size:1.1rem;font-weight:650}
.heat-1{background:var(--heat-1)}.heat-2{background:var(--heat-2)}.heat-3{background:var(--heat-3)}.heat-4{background:var(--heat-4)}.heat-5{background:var(--heat-5)}
.heat .zero{font-weight:400;color:var(--muted)}
.heat:has(.zero){background:var(--surface)}
.heat-link{display:block;color:var(--text);text-decoration:underline;padding:12px 0}
.heat .tip{display:none;position:absolute;z-index:2;left:50%;top:100%;transform:translateX(-50%);min-width:140px;max-width:280px;background:var(--text);color:var(--background);font-size:.8rem;font-weight:400;padding:6px 8px;border-radius:4px;pointer-events:none}
.heat:hover .tip,.heat:focus-within .tip{display:block}
.legend-note{font-size:.85rem;color:var(--muted);margin:8px 0 0}
.bar-chart{width:100%}
.bar-chart th[scope=row]{font-weight:500;white-space:nowrap}
.bar-cell{white-space:nowrap}
.bar{vertical-align:middle}
.bar-fill{fill:var(--bar)}
.bar-value{font-variant-numeric:tabular-nums;margin-left:4px}
.sparkline{vertical-align:middle}
.spark{fill:var(--bar)}
.spark-zero{fill:var(--muted)}
.line-chart{margin:0}
.line-chart figcaption{font-weight:600}
.line-chart svg{max-width:100%;height:auto;display:block}
.chart-description{color:var(--muted);font-size:.85rem;margin:2px 0 6px}
.line-chart line.grid{stroke:var(--border);stroke-width:.5}
.tick{fill:var(--muted);font-size:11px}
.line{stroke-width:2;fill:none}
${Array.from({ length: 8 }, (_, i) => `.series-${i + 1}{stroke:var(--series-${i + 1});fill:var(--series-${i + 1})}`).join('')}
polyline.line,line.line{fill:none}
.legend{list-style:none;padding:0;margin:6px 0;display:flex;flex-wrap:wrap;gap:6px 16px;font-size:.9rem}
.legend-sample{vertical-align:middle}
details.chart-data{font-size:.85rem;margin-top:6px}
details.chart-data table td{text-align:right}
.controls{display:flex;flex-wrap:wrap;gap:12px 20px;align-items:center;margin:0 0 10px}
.controls label{display:flex;gap:6px;align-items:center}
select{font:inherit;color:var(--text);background:var(--background);border:1px solid var(--border);border-radius:4px;padding:2px 6px}
#ranked{width:100%}
#ranked th button{all:unset;cursor:pointer;font-weight:600;color:var(--text);white-space:nowrap}
#ranked td:nth-child(2),#trend-items tbody th{white-space:nowrap}
#ranked th button:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
#ranked th button::after{content:" ↕";color:var(--muted)}
#ranked th[aria-sort=ascending] button::after{content:" ▲";color:var(--text)}
#ranked th[aria-sort=descending] button::after{content:" ▼";color:var(--text)}
#ranked td.evidence{font-size:.85rem;color:var(--muted)}
.overdue{color:var(--danger);font-weight:600}
.item{border:1px solid var(--border);border-radius:8px;padding:14px 16px;margin:14px 0;background:var(--background)}
.item:focus{outline:3px solid var(--focus);outline-offset:2px}
.formula{font-size:1rem;margin:0 0 8px}
.item dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 14px;margin:8px 0}
.item dt{color:var(--muted)}
.item dd{margin:0}
.item ul{margin:4px 0;padding-left:20px}
.reasons{color:var(--muted)}
.not-measured{font-weight:600}
footer{margin-top:40px;color:var(--muted);font-size:.85rem}
`;

const PRINT = `
@media print{
:root{${themeVariables(LIGHT)}}
body{font-size:11pt}
main{max-width:none;padding:0}
.panels{display:block}
.panel{overflow:visible;margin-bottom:16px}
h2,h3,caption,figcaption{break-after:avoid}
.panel,section.item{break-inside:avoid}
#ranked{font-size:8.5pt}
#ranked th,#ranked td{padding:3px 4px}
.controls,details.chart-data>summary{display:none!important}
details.chart-data{display:none}
#ranked th button{cursor:auto}
#ranked th button::after{content:none!important}
#ranked tr[hidden]{display:table-row!important}
.heat .tip{display:none!important}
.item,.card,.warnings,figure,.heat-map,tr{break-inside:avoid}
*{print-color-adjust:exact;-webkit-print-color-adjust:exact}
a{text-decoration:none}
}`;

/** The whole stylesheet. */
export const DASHBOARD_STYLES =
  `:root{${themeVariables(LIGHT)}}` +
  `@media (prefers-color-scheme:dark){:root{${themeVariables(DARK)}}}` +
  LAYOUT +
  PRINT;
