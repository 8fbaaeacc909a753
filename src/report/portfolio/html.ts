/**
 * The portfolio dashboard: one self-contained file built from the audit dashboard's parts
 * (document shell, styles, charts, the sort and filter script). Warnings first, with their
 * project; the headline figures (total, cost of delay per week, gates failed); the per-project
 * view (a table of projects and their score as bars); where the risk is across projects; the
 * totals by category and owner; and the ranked items of every project, sortable, filterable
 * by project, category and owner.
 *
 * The dashboard script filters a row on `data-<name>` for each `select[data-filter=<name>]`,
 * so the project filter needs no script of its own: the audit dashboard's bytes never change.
 */
import type { Portfolio, PortfolioItem, PortfolioProject } from '../../model/portfolio.js';
import { compareText, plural } from '../../util/text.js';
import { formatAmount, formatScore } from '../format.js';
import { barChart } from '../html/charts/bar-chart.js';
import { riskFrequencyMap } from '../html/charts/heat-map.js';
import { anchorId, html, type SafeHtml } from '../html/markup.js';
import { renderPage } from '../html/page.js';
import {
  dueCell,
  filterControls,
  numberCell,
  sortableHeader,
  sortableTable,
  tableCells,
  textCell,
  type TableColumn,
  type TableFilter,
} from '../html/sections/sortable-table.js';
import {
  describeGates,
  describeProjectGate,
  describeTop,
  describeTotals,
  describeWindow,
  foldsWarnings,
  ownerText,
  shownPortfolioItems,
  warningsByProject,
} from './cells.js';
import type { PortfolioRenderer } from './index.js';

export const renderPortfolioHtml: PortfolioRenderer = (portfolio, options) => {
  const items = shownPortfolioItems(portfolio, options);
  const top = describeTop(portfolio, items.length);
  const body = html`<main>
    <header>
      <h1>Technical debt portfolio</h1>
      <p class="meta">${describeTotals(portfolio)}</p>
    </header>
    ${renderWarnings(portfolio)} ${renderHeadline(portfolio)} ${renderProjects(portfolio)}
    ${top === null ? '' : html`<p class="muted">${top}</p>`}
    <div class="panels">${renderHeatMap(items)} ${renderGroups(portfolio)}</div>
    ${renderRankedTable(items)}
    <footer>
      <p>
        Made by ${portfolio.tool.name} ${portfolio.tool.version} from
        ${plural(portfolio.projects.length, 'report')}. Items are ranked by score, then cost of
        delay, then risk, then project and id; each project's figures are in its own
        <code>mldebt audit --format json</code>.
      </p>
    </footer>
  </main>`;
  return renderPage({ title: 'Technical debt portfolio', body });
};

/** The element id of an item's row: project and id, so two projects' `DATA-001` differ. */
export function portfolioRowId(item: Pick<PortfolioItem, 'project' | 'id'>): string {
  return anchorId('pf', `${item.project}/${item.id}`);
}

function renderWarnings(portfolio: Portfolio): SafeHtml {
  if (portfolio.warnings.length === 0) {
    return html`<section id="warnings" class="ok-note" aria-labelledby="warnings-title">
      <h2 id="warnings-title">Warnings</h2>
      <p>No report carries a warning.</p>
    </section>`;
  }
  // Twenty projects easily carry a hundred warnings: a wall of them would hide the figures it
  // warns about. Each project's are folded under a line that counts them by kind; a handful
  // stays open.
  const byProject = warningsByProject(portfolio);
  const open = !foldsWarnings(portfolio);
  return html`<section
    id="warnings"
    class="warnings"
    role="region"
    aria-labelledby="warnings-title"
  >
    <h2 id="warnings-title">
      ⚠ ${plural(portfolio.warnings.length, 'warning')} from ${plural(byProject.length, 'project')}:
      read them before the figures below
    </h2>
    ${byProject.map(({ project, warnings, kinds }) => {
      const body = html`<summary>
          <strong>${project}</strong>: ${plural(warnings.length, 'warning')} (${kinds})
        </summary>
        <ul>
          ${warnings.map((w) => html`<li><code>${w.code}</code>: ${w.message}</li> `)}
        </ul>`;
      return open
        ? html`<details class="project-warnings" open>${body}</details>`
        : html`<details class="project-warnings">${body}</details>`;
    })}
  </section>`;
}

function renderHeadline(portfolio: Portfolio): SafeHtml {
  const { totals } = portfolio;
  const failed = portfolio.failedGates.length;
  const declaring = portfolio.projects.filter((p) => p.costOfDelayPerWeek !== null).length;
  return html`<section aria-label="Totals">
    <div class="cards">
      <div class="card">
        <span class="label">Total score</span><span class="value">${formatScore(totals.score)}</span
        ><span class="muted"
          >${plural(totals.items, 'ranked item')} in ${plural(totals.projects, 'project')}</span
        >
      </div>
      <div class="card">
        <span class="label">Cost of delay per week</span
        ><span class="value"
          >${totals.costOfDelayPerWeek === null ? '—' : formatAmount(totals.costOfDelayPerWeek)}</span
        ><span class="muted"
          >${
            declaring === 0
              ? 'no project declares money'
              : `declared in ${declaring} of ${plural(totals.projects, 'project')}`
          }</span
        >
      </div>
      <div class="card ${failed > 0 ? 'gate-failed' : 'gate-passed'}">
        <span class="label">Projects' own CI gates</span
        ><span class="value">${failed > 0 ? `✗ ${failed} failed` : '✓ none failed'}</span
        ><span class="muted">${describeGates(portfolio)}</span>
      </div>
    </div>
  </section>`;
}

/** The per-project view: one row per project with its totals and gate, and its score as bars. */
function renderProjects(portfolio: Portfolio): SafeHtml {
  const row = (p: PortfolioProject) =>
    html`<tr data-project="${p.project}">
      <th scope="row">${p.project}</th>
      <td class="num">${p.items}</td>
      <td class="num">${formatScore(p.score)}</td>
      <td class="num">
        ${p.costOfDelayPerWeek === null ? '—' : formatAmount(p.costOfDelayPerWeek)}
      </td>
      <td class="${p.gate.passed ? '' : 'overdue'}">${describeProjectGate(p)}</td>
      <td>${describeWindow(p)}</td>
      <td>${p.head === null ? '—' : html`<code title="${p.head}">${p.head.slice(0, 7)}</code>`}</td>
      <td><code>${p.file}</code></td>
    </tr> `;
  const byScore = [...portfolio.projects].sort(
    (a, b) => b.score - a.score || compareText(a.project, b.project),
  );
  return html`<section aria-labelledby="projects-title">
    <h2 id="projects-title">Projects</h2>
    <table id="projects">
      <caption>
        Each project's ranked items, total score, declared cost of delay per week and own CI gate
      </caption>
      <thead>
        <tr>
          <th scope="col">Project</th>
          <th scope="col" class="num">Items</th>
          <th scope="col" class="num">Score</th>
          <th scope="col" class="num">Cost of delay / week</th>
          <th scope="col">Gate</th>
          <th scope="col">Window</th>
          <th scope="col">Commit</th>
          <th scope="col">Report</th>
        </tr>
      </thead>
      <tbody>
        ${portfolio.projects.map(row)}
      </tbody>
    </table>
    ${renderGateReasons(portfolio)}
    <div class="panel">
      ${barChart(
        byScore.map((p) => ({ label: p.project, value: p.score, text: formatScore(p.score) })),
        { caption: 'Total score by project', columns: ['Project', 'Score'] },
      )}
    </div>
  </section>`;
}

/** Why each failed gate failed, as the project's own audit said. */
function renderGateReasons(portfolio: Portfolio): SafeHtml | string {
  const failed = portfolio.projects.filter((p) => !p.gate.passed);
  if (failed.length === 0) return '';
  return html`<ul class="gate-reasons">
    ${failed.flatMap((p) =>
      p.gate.reasons.map(
        (reason) => html`<li><strong>${p.project}</strong>: gate failed: ${reason}</li> `,
      ),
    )}
  </ul>`;
}

function renderHeatMap(items: readonly PortfolioItem[]): SafeHtml {
  const map = riskFrequencyMap(
    items.map((item) => ({
      risk: item.risk,
      frequency: item.frequency,
      label: `${item.project} ${item.id}`,
      href: `#${portfolioRowId(item)}`,
    })),
    { caption: 'Risk × frequency across projects (effective levels)', idPrefix: 'heat' },
  );
  return html`<section class="panel" aria-labelledby="heat-title">
    <h2 id="heat-title">Where the risk is</h2>
    ${map}
    <p class="legend-note">
      Each cell counts the ranked items of every project at that effective risk (rows, 5 at the top)
      and frequency (columns). Select a cell to go to its highest-ranked item.
    </p>
  </section>`;
}

/** Totals by category and by owner, as bars. */
function renderGroups(portfolio: Portfolio): SafeHtml {
  const rows = (scores: Record<string, number>) =>
    Object.entries(scores)
      .sort(([a, x], [b, y]) => y - x || compareText(a, b))
      .map(([label, value]) => ({ label, value, text: formatScore(value) }));
  const { byCategory, byOwner } = portfolio.totals;
  return html`<section class="panel" aria-labelledby="groups-title">
    <h2 id="groups-title">By category and owner</h2>
    ${
      portfolio.items.length === 0
        ? html`<p>No ranked items.</p>`
        : html`${barChart(rows(byCategory), {
            caption: 'Score by category',
            columns: ['Category', 'Score'],
          })}
          ${barChart(rows(byOwner), { caption: 'Score by owner', columns: ['Owner', 'Score'] })}`
    }
  </section>`;
}

type Column = TableColumn<PortfolioItem>;

const text = textCell;
const number = numberCell;

const COLUMNS: Column[] = [
  { name: '#', sort: 'number', numeric: true, cell: (item) => number(item.rank) },
  { name: 'Project', sort: 'text', cell: (item) => text(item.project) },
  { name: 'ID', sort: 'text', cell: (item) => text(item.id) },
  { name: 'Title', sort: 'text', cell: (item) => text(item.title) },
  { name: 'Category', sort: 'text', cell: (item) => text(item.category) },
  { name: 'Owner', sort: 'text', cell: (item) => text(ownerText(item)) },
  {
    name: 'R',
    sort: 'number',
    first: 'descending',
    numeric: true,
    cell: (item) => number(item.risk),
  },
  {
    name: 'F',
    sort: 'number',
    first: 'descending',
    numeric: true,
    cell: (item) => number(item.frequency),
  },
  {
    name: 'C',
    sort: 'number',
    first: 'descending',
    numeric: true,
    cell: (item) => number(item.costOfDelay),
  },
  {
    name: 'Score',
    sort: 'number',
    first: 'descending',
    numeric: true,
    cell: (item) => number(item.score, formatScore(item.score)),
  },
  {
    name: 'Due',
    sort: 'text',
    cell: dueCell,
  },
];

/**
 * Every shown item of every project, in portfolio order: sortable by any column (numbers
 * first click highest first), filterable by project, category and owner. The filters stay
 * hidden until the script runs, so a page without script shows no dead controls.
 */
function renderRankedTable(items: readonly PortfolioItem[]): SafeHtml {
  const distinct = (values: string[]) => [...new Set(values)].sort(compareText);
  const filters: TableFilter[] = [
    {
      name: 'project',
      label: 'Project',
      all: 'All',
      values: distinct(items.map((i) => i.project)),
    },
    {
      name: 'category',
      label: 'Category',
      all: 'All',
      values: distinct(items.map((i) => i.category)),
    },
    { name: 'owner', label: 'Owner', all: 'All', values: distinct(items.map((i) => ownerText(i))) },
  ];
  const rows = items.map(
    (item) =>
      html`<tr
        id="${portfolioRowId(item)}"
        tabindex="-1"
        data-rank="${item.rank}"
        data-project="${item.project}"
        data-id="${item.id}"
        data-category="${item.category}"
        data-owner="${ownerText(item)}"
      >
        ${tableCells(COLUMNS, item)}
      </tr> `,
  );
  return html`<section aria-labelledby="ranked-title">
    <h2 id="ranked-title">Ranked items across projects</h2>
    ${filterControls(filters, items.length)}
    ${items.length === 0 ? html`<p>No ranked items in any project.</p>` : ''}
    ${sortableTable(sortableHeader(COLUMNS), rows)}
  </section>`;
}
