/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`), which the runner turns
 * into annotations on the run and on the pull request's files.
 *
 * One line per item the SARIF output lists (same selection, same location: the hottest file,
 * else the item's line in the inventory): `error` for items that fail the gate, `warning` for
 * the others. Then one `warning` per hardcoded secret of a shown item, on its file and line
 * (the value is never in a finding), and one `notice` per ML practice finding of a shown
 * item on its file (hints included, worded as hints). Then, so they are not lost in the log, one `warning` per run warning (e.g. a
 * shallow clone) and, when the gate failed, one `error` with its reasons (a total over its
 * threshold has no item to hang on).
 */
import { deltaOf, describeDelta } from '../delta.js';
import type { Diagnostic, Report } from '../../model/index.js';
import type { Renderer } from '../format.js';
import { formatScore } from '../format.js';
import {
  describeItem,
  levelOf,
  locateDiagnostic,
  locateItem,
  selectAnnotatedItems,
  selectConfigFindings,
} from './sarif.js';
import { selectPracticeFindings } from '../practice-findings.js';

type Command = 'error' | 'warning' | 'notice';

/** Render one workflow command per line (empty output when there is nothing to annotate). */
export const renderGithub: Renderer = (report, options) => {
  const lines = selectAnnotatedItems(report, options).map((item) => {
    const [location] = locateItem(item, report);
    return formatCommand(
      levelOf(item, report) === 'error' ? 'error' : 'warning',
      {
        file: location?.path,
        line: location?.line,
        col: location?.column ?? undefined,
        title: `${item.id} score ${formatScore(item.score)}`,
      },
      report.baseline
        ? `${describeItem(item)} (since baseline: ${describeDelta(deltaOf(report, item.id))})`
        : describeItem(item),
    );
  });
  for (const { item, finding } of selectConfigFindings(report, options)) {
    if (finding.kind !== 'secret') continue;
    lines.push(
      formatCommand(
        'warning',
        {
          file: finding.file,
          line: finding.line ?? undefined,
          title: `${item.id} hardcoded secret`,
        },
        `${item.id}: ${finding.detail}`,
      ),
    );
  }
  for (const { item, finding } of selectPracticeFindings(report, options)) {
    lines.push(
      formatCommand(
        'notice',
        {
          file: finding.file,
          line: finding.line ?? undefined,
          title: `${item.id} ${finding.kind}`,
        },
        `${item.id}: ${finding.detail}`,
      ),
    );
  }
  lines.push(...report.warnings.map((warning) => formatWarning(warning, report)));
  if (!report.gate.passed) {
    lines.push(
      formatCommand('error', { title: 'mldebt gate failed' }, report.gate.reasons.join('; ')),
    );
  }
  return lines.map((line) => `${line}\n`).join('');
};

function formatWarning(warning: Diagnostic, report: Report): string {
  const location = warning.location ? locateDiagnostic(warning.location, report) : undefined;
  return formatCommand(
    'warning',
    {
      file: location?.path,
      line: location?.line,
      col: location?.column ?? undefined,
      title: `mldebt ${warning.code}`,
    },
    warning.message,
  );
}

/** `::command key=value,…::data`, with properties and data escaped per the runner's rules. */
export function formatCommand(
  command: Command,
  properties: Record<string, string | number | undefined>,
  data: string,
): string {
  const pairs = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`);
  const props = pairs.length > 0 ? ` ${pairs.join(',')}` : '';
  return `::${command}${props}::${escapeData(data)}`;
}

/** Message text: `%`, CR and LF would otherwise end or corrupt the command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also must not contain the `:` and `,` that delimit them. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
