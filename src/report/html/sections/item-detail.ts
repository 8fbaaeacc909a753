/**
 * One section per ranked item: the score formula, every reason behind each component, the
 * facts (owner, due, paths), the evidence (git, coverage, config, incidents), the proposed fix
 * and the change against the baseline. A heat-map cell or an id link moves focus here.
 */
import type { Report, ScoredItem } from '../../../model/index.js';
import {
  describeCostOfDelay,
  describeCoverage,
  describeFrequency,
  describeGitActivity,
  describeMultiplier,
  describeRisk,
} from '../../breakdown.js';
import { formatFindingLocation } from '../../config-findings.js';
import { PRACTICE_RULES, practiceKindsOf } from '../../practice-findings.js';
import { deltaOf, describeDelta } from '../../delta.js';
import { describeOwner, formatFactor, formatScore, incidentSource } from '../../format.js';
import { monthsBetween } from '../../../util/dates.js';
import { plural } from '../../../util/text.js';
import { anchorId, html, type HtmlValue, type SafeHtml } from '../markup.js';

/** How many fix commits a section lists before "and N more" (`explain` lists them all). */
const MAX_FIXES = 5;

export function renderItemDetail(item: ScoredItem, report: Report): SafeHtml {
  const headingId = anchorId('item-title', item.id);
  const wsjf =
    item.wsjf !== null && item.effortDays !== null
      ? ` · WSJF ${formatScore(item.wsjf)} (effort ${formatFactor(item.effortDays)} days)`
      : '';
  return html`<section
    class="item"
    id="${anchorId('item', item.id)}"
    tabindex="-1"
    aria-labelledby="${headingId}"
  >
    <h3 id="${headingId}">${item.rank}. ${item.id} — ${item.title}</h3>
    <p class="formula">
      Score <strong>${formatScore(item.score)}</strong> = R ${item.risk.effective} × F
      ${item.frequency.effective} × C ${item.costOfDelay.effective} × M
      ${formatFactor(item.multiplier)}${wsjf}
    </p>
    ${renderBaselineDelta(item, report)}
    <h4>Score breakdown</h4>
    <ul class="breakdown">
      ${[describeRisk, describeFrequency, describeCostOfDelay, describeMultiplier].map((describe) => html`<li>${describe(item)}</li> `)}
    </ul>
    <dl>
      ${fact('Owner', describeOwner(item))} ${fact('Status', item.status)}
      ${fact('Due', item.due === null ? 'none' : item.overdue ? html`<span class="overdue">${item.due} (overdue)</span>` : item.due)}
      ${item.created ? fact('Created', item.created) : ''}
      ${item.tags.length > 0 ? fact('Tags', item.tags.join(', ')) : ''}
      ${fact('Paths', item.paths.length > 0 ? codeList(item.paths) : 'none declared')}
      ${item.fix ? fact('Proposed fix', item.fix) : ''}
      ${item.evidence ? fact('Evidence notes', item.evidence) : ''}
    </dl>
    <h4>Evidence</h4>
    <ul class="evidence-list">
      ${renderGit(item, report)}
      <li>Coverage: ${describeCoverage(item.signals.coverage)}${unmeasured(item)}</li>
      ${renderConfig(item)} ${renderPractices(item)} ${renderIncidents(item)}
    </ul>
  </section>`;
}

function fact(term: string, description: HtmlValue): SafeHtml {
  return html`<dt>${term}</dt>
    <dd>${description}</dd>`;
}

function codeList(values: readonly string[]): SafeHtml {
  return html`${values.map((value, i) => html`${i > 0 ? ', ' : ''}<code>${value}</code>`)}`;
}

function renderBaselineDelta(item: ScoredItem, report: Report): SafeHtml | string {
  if (!report.baseline) return '';
  const delta = deltaOf(report, item.id);
  const previous =
    delta?.previous === null || delta?.previous === undefined
      ? ''
      : ` (${formatScore(delta.previous)} → ${formatScore(item.score)})`;
  return html`<p>Against the baseline: ${describeDelta(delta)}${previous}</p>`;
}

function renderGit(item: ScoredItem, report: Report): SafeHtml {
  const { git, gitNotMeasured, deadGlobs } = item.signals;
  const dead =
    deadGlobs.length > 0
      ? html`<li class="not-measured">Globs matching nothing: ${codeList(deadGlobs)}</li>`
      : '';
  if (git === null) {
    return html`<li>
        <span class="not-measured">Git: not measured</span> (${gitNotMeasured ?? 'see warnings'})
      </li>
      ${dead}`;
  }
  const hot =
    git.hotFiles.length > 0
      ? html`<li>
          Hot files:
          <ul>
            ${git.hotFiles.map(
              (file) =>
                html`<li>
                  <code>${file.path}</code>: ${plural(file.commits, 'commit')},
                  ${plural(file.fixCommits, 'fix', 'fixes')}
                </li>`,
            )}
          </ul>
        </li>`
      : '';
  const months = report.window ? monthsBetween(report.window.since, report.window.until) : [];
  const values = months.map((month) => git.fixesByMonth[month] ?? 0);
  // The sparkline is in the fix-commit chart above; here the numbers, which also print.
  const perMonth =
    months.length > 0
      ? html`<li>
          Fixes per month: ${months.map((month, i) => `${month}: ${values[i]}`).join(', ')}
        </li>`
      : '';
  const listed = git.fixes.slice(0, MAX_FIXES);
  const unlisted = git.fixCommits - listed.length;
  const fixes =
    listed.length > 0
      ? html`<li>
          Fix commits:
          <ul>
            ${listed.map(
              (fix) => html`<li><code>${fix.commit}</code> ${fix.date} ${fix.subject}</li>`,
            )}${unlisted > 0 ? html`<li>and ${unlisted} more (<code>mldebt explain ${item.id}</code> lists them)</li>` : ''}
          </ul>
        </li>`
      : '';
  return html`<li>Git: ${describeGitActivity(git, report.window)}</li>
    ${dead}${hot}${perMonth}${fixes}`;
}

function unmeasured(item: ScoredItem): SafeHtml | string {
  const files = item.signals.coverage?.unmeasuredFiles ?? [];
  return files.length > 0 ? html`; in no report: ${codeList(files)}` : '';
}

function renderConfig(item: ScoredItem): SafeHtml {
  const { config } = item.signals;
  if (config === null) return html`<li>Config findings: not examined (no paths)</li>`;
  if (config.length === 0) return html`<li>Config findings: none</li>`;
  return html`<li>
    Config findings:
    <ul>
      ${config.map(
        (finding) =>
          html`<li>
            ${finding.kind} in <code>${formatFindingLocation(finding)}</code>: ${finding.detail}
          </li>`,
      )}
    </ul>
  </li>`;
}

function renderPractices(item: ScoredItem): SafeHtml {
  const { practices } = item.signals;
  if (practices === null) return html`<li>Practice findings: not examined (no paths)</li>`;
  if (practices.length === 0) return html`<li>Practice findings: none</li>`;
  return html`<li>
    Practice findings:
    <ul>
      ${practices.map(
        (finding) =>
          html`<li>
            ${finding.kind} in <code>${formatFindingLocation(finding)}</code>: ${finding.detail}
          </li>`,
      )}
      ${practiceKindsOf(practices).map(
        (kind) =>
          html`<li>${kind}: ${PRACTICE_RULES[kind].why}. Fix: ${PRACTICE_RULES[kind].fix}</li>`,
      )}
    </ul>
  </li>`;
}

function renderIncidents(item: ScoredItem): SafeHtml | string {
  if (item.incidents.length === 0) return '';
  return html`<li>
    Incidents:
    <ul>
      ${item.incidents.map(
        (incident) =>
          html`<li>
            ${incident.date}${incident.ref ? ` ${incident.ref}` : ''}${incident.summary ? `: ${incident.summary}` : ''}${incidentSource(incident) ? ` (from ${incidentSource(incident)})` : ''}${incident.inWindow ? '' : ' (outside the window: not counted)'}
          </li>`,
      )}
    </ul>
  </li>`;
}
