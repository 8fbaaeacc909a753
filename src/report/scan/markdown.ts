/**
 * Markdown: a title, the run line, the ranked rows as a GFM table (cells escaped), then the
 * warnings and notes. Byte-identical for the same inputs.
 */
import { code, escapeText } from '../renderers/markdown.js';
import {
  configExamined,
  describeConfig,
  describeCount,
  describeCoverage,
  describeDeclared,
  describeLastChange,
  describePath,
  describeScanScope,
  listPracticeFindings,
  shownRows,
} from './cells.js';
import { formatFindingLocation } from '../config-findings.js';
import { PRACTICE_RULES, practiceKindsOf } from '../practice-findings.js';
import type { ScanRenderer } from './index.js';

export const renderScanMarkdown: ScanRenderer = (report, options) => {
  const rows = shownRows(report, options.top);
  const withConfig = configExamined(report);
  const title = report.project === null ? 'Repository scan' : `Repository scan: ${report.project}`;
  const blocks = [`# ${escapeText(title)}`, escapeText(describeScanScope(report))];
  const columns: [string, 'left' | 'right'][] = [
    ['#', 'right'],
    ['Path', 'left'],
    ['Score', 'right'],
    ['Fixes', 'right'],
    ['Commits', 'right'],
    ['Authors', 'right'],
    ['Churn', 'right'],
    ['Last change', 'left'],
    ['Coverage', 'right'],
    ...(withConfig ? [['Config', 'left'] as [string, 'left']] : []),
    ['Declared', 'left'],
  ];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  if (rows.length === 0) {
    blocks.push('No file to scan.');
  } else {
    blocks.push(
      [
        line(columns.map(([name]) => name)),
        line(columns.map(([, align]) => (align === 'right' ? '---:' : '---'))),
        ...rows.map((row) =>
          line([
            String(row.rank),
            escapeText(describePath(row)),
            row.score.toFixed(1),
            describeCount(row.fixCommits),
            describeCount(row.commits),
            describeCount(row.authors),
            describeCount(row.churn),
            escapeText(describeLastChange(row, report)),
            escapeText(describeCoverage(row)),
            ...(withConfig ? [escapeText(describeConfig(row.configFindings))] : []),
            escapeText(describeDeclared(row)),
          ]),
        ),
      ].join('\n'),
    );
  }
  if (rows.length < report.rows.length) {
    blocks.push(`${report.rows.length - rows.length} more rows not shown (--top ${options.top}).`);
  }
  const practices = listPracticeFindings(report);
  if (practices.length > 0) {
    blocks.push(
      '## ML practice findings',
      practices
        .map((f) => `- ${f.kind} in ${code(formatFindingLocation(f))}: ${escapeText(f.detail)}`)
        .join('\n'),
      practiceKindsOf(practices)
        .map(
          (kind) =>
            `- **${kind}**: ${escapeText(PRACTICE_RULES[kind].why)}. Fix: ${escapeText(PRACTICE_RULES[kind].fix)}`,
        )
        .join('\n'),
    );
  }
  if (report.warnings.length > 0) {
    blocks.push('## Warnings', report.warnings.map((w) => `- ${escapeText(w.message)}`).join('\n'));
  }
  if (report.notes.length > 0) {
    blocks.push('## Notes', report.notes.map((n) => `- ${escapeText(n.message)}`).join('\n'));
  }
  return `${blocks.join('\n\n')}\n`;
};
