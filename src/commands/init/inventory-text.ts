/**
 * The text `init` writes, pure: a fresh, commented starter inventory, or suggested items
 * spliced into an existing one without changing a byte of it.
 *
 * Appending inserts text at one place and removes nothing, so every existing byte, comment
 * and key order stays. The place is the end of the `items:` sequence:
 * - a block sequence: after its last item (after the rest of that line, when only a comment
 *   follows); when nothing but blank lines and comments follows the sequence, at the very end
 *   of the file, so the old text is a prefix of the new one;
 * - a flow sequence (`items: []`, `items: [{...}]`): before its closing `]`, each item
 *   written as a JSON object (JSON is YAML flow syntax).
 * Values are written by the `yaml` library's own quoting (an owner `@team` needs quotes).
 */
import { isMap, isScalar, isSeq, parseDocument, stringify } from 'yaml';
import { VERSION } from '../../version.js';
import type { SuggestedItem } from './suggest.js';

/** Where editors find the inventory's JSON Schema: the published package's copy. */
export const SCHEMA_URL = `https://unpkg.com/mldebt@${VERSION}/schema/debt.schema.json`;

/** The comment above every suggested item. */
export const SUGGESTED_COMMENT = '# suggested by mldebt init: review';

/** A value as a one-line YAML scalar, quoted where YAML needs it. */
function scalar(value: string | number): string {
  return stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
}

/** The item's fields, in the order the inventory documents them. */
function fieldsOf(item: SuggestedItem): [string, string | number | string[]][] {
  return [
    ['id', item.id],
    ['title', item.title],
    ['category', item.category],
    ...(item.owner !== null ? [['owner', item.owner] as [string, string]] : []),
    ['status', 'open'],
    ['risk', item.risk],
    ['frequency', item.frequency],
    ['cost_of_delay', item.costOfDelay],
    ['paths', item.paths],
    ['evidence', item.evidence],
  ];
}

/** An item as block YAML, its `-` at column `indent`, each line ending in a newline. */
export function renderBlockItem(item: SuggestedItem, indent: number): string {
  const pad = ' '.repeat(indent);
  const lines = [`${pad}${SUGGESTED_COMMENT}`];
  if (item.ownerSource !== null) lines.push(`${pad}# owner from ${item.ownerSource}`);
  fieldsOf(item).forEach(([key, value], i) => {
    const text = Array.isArray(value) ? `[${value.map(scalar).join(', ')}]` : scalar(value);
    lines.push(`${pad}${i === 0 ? '- ' : '  '}${key}: ${text}`);
  });
  return lines.map((line) => `${line}\n`).join('');
}

/** An item as a JSON object on one line (for a flow sequence). */
function renderFlowItem(item: SuggestedItem): string {
  return JSON.stringify(Object.fromEntries(fieldsOf(item))).replace(/":/g, '": ');
}

/** The starter inventory: every field explained in comments, then the suggested items. */
export function composeInventory(
  project: string,
  items: readonly SuggestedItem[],
  scope: { window: string; since: string | null; until: string | null },
): string {
  const during =
    scope.since !== null && scope.until !== null
      ? `\n# (history from ${scope.since} to ${scope.until})`
      : '';
  const head = `# yaml-language-server: $schema=${SCHEMA_URL}
#
# The inventory of known technical debt that mldebt audits, started by \`mldebt init\`${during}.
# Each item below is an undeclared hotspot (files with fix commits that no item covered),
# with risk and frequency pre-filled from that evidence. Review every one: rename it,
# merge it, set its owner and cost of delay, or delete it.
#
# mldebt scores each open item as
#     priority = R (risk) x F (frequency) x C (cost of delay) x M (tag multipliers)
# starting from the values declared here and raising them with evidence from the
# repository (fix commits, coverage reports, configuration files). \`mldebt validate\`
# checks this file, \`mldebt audit\` ranks it, \`mldebt explain <id>\` shows every number.

# version: the inventory format; always 1.
version: 1
# project: the name reports show.
project: ${scalar(project)}
# settings: all optional; the defaults are shown commented out.
settings:
  # window: history window for git signals, ending at the last commit (90d, 26w, 12m, 1y or a date).
  window: ${scalar(scope.window)}
  # stale_after: a config file unchanged for longer is stale.
  # stale_after: 365d
  # coverage: coverage reports (lcov, Cobertura, JaCoCo, Clover, coverage.py JSON, Istanbul, Go), relative to the repository root.
  # coverage: [coverage.xml]
  # thresholds: the CI gate; --fail-above and --fail-total-above override them.
  # thresholds: { fail_above: 60, fail_total_above: 600 }
  # coverage_floor: line coverage below this percentage raises risk by 1.
  # coverage_floor: 60
  # fix_pattern / fix_exclude: which commit subjects are fixes, and which fixes are no failures (typos, lint).
  # bots: author names or emails whose commits are never authors or fixes.
  # bots: ["*[bot]*", "dependabot*", "renovate*"]
  # frequency_levels: fix events per 30 days at which frequency reaches 2, 3, 4, 5.
  # frequency_levels: [0.25, 0.5, 1, 2]
  # cost_levels: money per week at which cost of delay reaches 2, 3, 4, 5.
  # cost_levels: [500, 2000, 5000, 10000]
  # tag_multipliers: tag -> score multiplier, merged over the defaults.
  # tag_multipliers: { compliance: 1.5, safety-critical: 1.5, customer-facing: 1.25 }
  # categories: extra categories besides the eight built in.
  # categories: [privacy]
  # line_churn: false skips counting changed lines (faster; churn is then not measured).
  # line_churn: true
# items: the debt, one entry per piece. Fields:
#   id             unique and stable: capitals and digits, a dash, digits (DATA-001)
#   title          one line saying what the debt is
#   category       data | model | configuration | pipeline | testing | monitoring | infrastructure | reproducibility (+ settings.categories)
#   owner          who answers for it (optional: "unowned" otherwise)
#   status         open | in-progress | accepted | resolved (only open and in-progress are ranked and gated)
#   risk           1-5: what a miss does to model behaviour or users; low coverage and config findings raise it
#   frequency      1-5 (optional): how often it bites; fix commits and incidents observed can raise it
#   cost_of_delay  1-5, or money: { amount: 2500, per: week } (day | week | month | year)
#   effort         optional work to fix it: 6h, 3d, 2w (8h = 1d, 1w = 5d); gives the WSJF column
#   tags           optional, e.g. [compliance]; some multiply the score (settings.tag_multipliers)
#   paths          globs relative to the repository root (** * ? {a,b} [ab]); "!glob" excludes
#   incidents      dated failures git does not show: - { date: 2026-08-14, ref: INC-231, summary: ... }
#   created, due   dates YYYY-MM-DD; past due raises cost of delay by 1
#   evidence, fix  free text: why it hurts, and the proposed remediation
`;
  if (items.length === 0) return `${head}items: []\n`;
  return `${head}items:\n${items.map((item) => renderBlockItem(item, 2)).join('')}`;
}

/**
 * `text` with `items` inserted at the end of its `items:` sequence (see the module
 * comment). `text` must be a valid inventory (its `items` a sequence).
 */
export function appendItems(text: string, items: readonly SuggestedItem[]): string {
  const doc = parseDocument(text, { schema: 'core', uniqueKeys: true, merge: false });
  const root = doc.contents;
  const pair = isMap(root)
    ? root.items.find((p) => isScalar(p.key) && p.key.value === 'items')
    : undefined;
  const seq = pair?.value;
  if (!isSeq(seq) || !seq.range) throw new Error('inventory has no items sequence');

  if (seq.flow) {
    const close = seq.range[1] - 1;
    if (text[close] !== ']') throw new Error('flow sequence without a closing bracket');
    const last = seq.items.at(-1) as { range?: [number, number, number] } | undefined;
    const between = last?.range ? stripComments(text.slice(last.range[1], close)) : '';
    const needsComma = last !== undefined && !between.includes(',');
    // Continuation lines of a flow sequence go deeper than the key that holds it.
    const keyStart = isScalar(pair!.key) && pair!.key.range ? pair!.key.range[0] : 0;
    const indent = ' '.repeat(columnOf(text, keyStart) + 2);
    const entries = items
      .map((item) => `\n${indent}${SUGGESTED_COMMENT}\n${indent}${renderFlowItem(item)}`)
      .join(',');
    return `${text.slice(0, close)}${needsComma ? ',' : ''}${entries}\n${indent}${text.slice(close)}`;
  }

  const indent = columnOf(text, seq.range[0]);
  let at = seq.range[1];
  if (at > 0 && text[at - 1] !== '\n') {
    // Only a comment may follow the last value on its line: insert after that line.
    const newline = text.indexOf('\n', at);
    const rest = text.slice(at, newline === -1 ? text.length : newline);
    if (/^[ \t]*(#.*)?$/.test(rest)) at = newline === -1 ? text.length : newline + 1;
  }
  // Nothing but blank lines and comments after the sequence: append at the very end.
  if (
    text
      .slice(at)
      .split('\n')
      .every((line) => /^\s*(#.*)?$/.test(line))
  ) {
    at = text.length;
  }
  const block = items.map((item) => renderBlockItem(item, indent)).join('');
  const before = text.slice(0, at);
  const separator = before === '' || before.endsWith('\n') ? '' : '\n';
  return `${before}${separator}${block}${text.slice(at)}`;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** Flow text with `#` comments removed (a comment runs to the end of its line). */
function stripComments(text: string): string {
  return text.replace(/(^|\s)#[^\n]*/g, '$1');
}
