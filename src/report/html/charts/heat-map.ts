/**
 * The 5 × 5 risk × frequency heat map: a table (so it is its own text alternative), risk 5 at
 * the top, frequency 1 on the left. Each cell states its count in text, carries `data-risk`,
 * `data-frequency` and `data-count` for scripts and tests, lists its ids on hover and focus,
 * and links to the first (highest-ranked) of them. The shade says how high risk × frequency
 * is; the position and the count say it too, so colour is never the only carrier.
 */
import { html, joinHtml, type SafeHtml } from '../markup.js';

/** One thing placed on the map: an item, or (in a portfolio) a project's item. */
export interface HeatMapEntry {
  /** 1–5. */
  risk: number;
  /** 1–5. */
  frequency: number;
  /** What the cell's tooltip lists, e.g. `DATA-001`. */
  label: string;
  /** Where a click on the cell goes when this is the cell's first entry. */
  href: string;
}

const LEVELS = [1, 2, 3, 4, 5] as const;

/** How many ids a cell's tooltip names before "and N more". */
const MAX_TOOLTIP_IDS = 12;

/**
 * Render the map. Entries are placed in the order given: pass them ranked, and a cell links to
 * its highest-ranked entry.
 */
export function riskFrequencyMap(
  entries: readonly HeatMapEntry[],
  options: { caption: string; idPrefix: string },
): SafeHtml {
  const cells = new Map<string, HeatMapEntry[]>();
  for (const entry of entries) {
    const key = `${clampLevel(entry.risk)}:${clampLevel(entry.frequency)}`;
    cells.set(key, [...(cells.get(key) ?? []), entry]);
  }
  const rows = [...LEVELS].reverse().map(
    (risk) =>
      html`<tr>
        <th scope="row">${risk}</th>
        ${LEVELS.map((frequency) =>
          renderCell(risk, frequency, cells.get(`${risk}:${frequency}`) ?? [], options.idPrefix),
        )}
      </tr>`,
  );
  return html`<table class="heat-map">
    <caption>
      ${options.caption}
    </caption>
    <thead>
      <tr>
        <th scope="col" class="axis">Risk ╲ Frequency</th>
        ${LEVELS.map((frequency) => html`<th scope="col">${frequency}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${joinHtml(rows, '\n')}
    </tbody>
  </table>`;
}

function renderCell(
  risk: number,
  frequency: number,
  entries: HeatMapEntry[],
  idPrefix: string,
): SafeHtml {
  const band = severityBand(risk, frequency);
  const attributes = html`class="heat heat-${band}" data-risk="${risk}"
  data-frequency="${frequency}" data-count="${entries.length}"`;
  if (entries.length === 0) {
    return html`<td ${attributes}><span class="count zero">0</span></td>`;
  }
  const tipId = `${idPrefix}-tip-${risk}-${frequency}`;
  const listed = entries.slice(0, MAX_TOOLTIP_IDS).map((entry) => entry.label);
  const more = entries.length - listed.length;
  const ids = listed.join(', ') + (more > 0 ? ` and ${more} more` : '');
  const noun = entries.length === 1 ? 'item' : 'items';
  return html`<td ${attributes}>
    <a class="heat-link" href="${entries[0]!.href}" data-jump aria-describedby="${tipId}"
      ><span class="count">${entries.length}</span
      ><span class="sr-only"> ${noun} at risk ${risk}, frequency ${frequency}</span></a
    ><span class="tip" role="tooltip" id="${tipId}">${ids}</span>
  </td>`;
}

/**
 * How hot a cell is, 1 to 5, from risk × frequency: up to 4, 8, 12, 16, then above. The
 * bands follow the product, so (5, 1) and (1, 5) share a shade.
 */
export function severityBand(risk: number, frequency: number): number {
  const product = risk * frequency;
  if (product <= 4) return 1;
  if (product <= 8) return 2;
  if (product <= 12) return 3;
  if (product <= 16) return 4;
  return 5;
}

/** Effective levels are 1–5 by construction; clamp so a malformed report cannot break the grid. */
function clampLevel(level: number): number {
  return Math.min(5, Math.max(1, Math.round(level)));
}
