/**
 * Malformed YAML gets one problem, the first, in our words, with a hint for the usual
 * mistakes: one unclosed `[` used to give 25 errors and one tab 16, each quoting the
 * library's message. Schema problems (after a successful parse) are all listed, as before.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkInventoryText } from '../../src/inventory/check.js';
import { formatProblem } from '../../src/inventory/problems.js';

const example = readFileSync(new URL('../../debt.example.yaml', import.meta.url), 'utf8');

function problems(text: string): string[] {
  return checkInventoryText(text, 'debt.yaml').problems.map(formatProblem);
}

/** `line:column` (1-based) of the first occurrence of `needle` in `text`, plus `shift`. */
function positionOf(text: string, needle: string, shift = 0): string {
  const offset = text.indexOf(needle);
  expect(offset, needle).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, offset + shift);
  return `${before.split('\n').length}:${before.length - before.lastIndexOf('\n')}`;
}

const GLOBS = "paths: ['src/features/**', 'src/ingest/schema.py']";

describe('the first syntax error only, where the mistake is', () => {
  it('an unclosed "[" in the example inventory: one error, at the "["', () => {
    const text = example.replace(GLOBS, GLOBS.slice(0, -1));
    expect(problems(text)).toEqual([
      `debt.yaml:${positionOf(text, GLOBS.slice(0, -1), 7)}: error: malformed YAML: this "[" is never closed (add the closing "]")`,
    ]);
  });

  it('an unclosed "{": one error, at the "{"', () => {
    const text = example.replace('category: data', 'category: {data');
    expect(problems(text)).toEqual([
      `debt.yaml:${positionOf(text, '{data')}: error: malformed YAML: this "{" is never closed (add the closing "}")`,
    ]);
  });

  it.each([`"`, `'`])('an unclosed %s quote: one error, at the opening quote', (quote) => {
    const text = example.replace('owner: ana', `owner: ${quote}ana`);
    expect(problems(text)).toEqual([
      `debt.yaml:${positionOf(text, `${quote}ana`)}: error: malformed YAML: this ${quote} quote is never closed (add the closing ${quote})`,
    ]);
  });

  it('one tab used for indentation: one error, at the tab, saying to use spaces', () => {
    const text = example.replace('    category: data\n', '\tcategory: data\n');
    expect(problems(text)).toEqual([
      `debt.yaml:${positionOf(text, '\tcategory')}: error: malformed YAML: a tab indents this line: YAML indents with spaces only (replace the tab with spaces)`,
    ]);
  });

  it('a plain value containing ": ": quote it', () => {
    const text = example.replace('title: No schema validation', 'title: Fix: no schema validation');
    expect(problems(text)).toEqual([
      `debt.yaml:${positionOf(text, 'Fix: no')}: error: malformed YAML: quote a value that contains ": " (title: "Fix: nulls in amount")`,
    ]);
  });

  it.each([
    ['a list entry indented too little', '    risk: 4\n', '   risk: 4\n', '   risk: 4'],
    ['a key indented too far', '    risk: 4\n', '      risk: 4\n', 'open\n'],
    [
      'list entries at different columns',
      '  - id: DATA-002',
      '   - id: DATA-002',
      '- id: DATA-002',
    ],
  ])('bad indentation (%s): one error naming indentation', (_name, from, to, at) => {
    const text = example.replace(from, to);
    const out = problems(text);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^debt\.yaml:\d+:\d+: error: malformed YAML: .*indent/);
    expect(out[0]).toContain(`debt.yaml:${positionOf(text, at)}:`);
  });

  it.each([
    ['*', 'a value starting with "*" is read as an alias'],
    ['!', 'a YAML tag ("!…") that mldebt does not read'],
    ['@', 'a value cannot start with "@", "`", "|", ">" or "," unquoted (quote it)'],
    ['`', 'a value cannot start with "@", "`", "|", ">" or "," unquoted (quote it)'],
    ['|', 'a value starting with "|" or ">" starts a block of text'],
    ['>', 'a value starting with "|" or ">" starts a block of text'],
  ])('a value starting with %s: one error at the value, saying to quote it', (c, message) => {
    const text = example.replace('owner: ana', `owner: ${c}ana`);
    const out = problems(text);
    expect(out).toHaveLength(1);
    expect(out[0]).toContain(
      `debt.yaml:${positionOf(text, `${c}ana`)}: error: malformed YAML: ${message}`,
    );
    expect(out[0]).toMatch(/quote (it|a value that starts with .*)\)$/);
  });

  it('a value starting with "&": a warning to quote it next to what the anchor did', () => {
    const text = example.replace('owner: ana', 'owner: &ana');
    expect(problems(text)).toContainEqual(
      `debt.yaml:${positionOf(text, '&ana')}: warning: a value starting with "&" is read as an anchor name, not as text, and no alias ("*") uses it (quote a value that starts with "&")`,
    );
    // Anchors that are used are YAML's sharing, not a mistake.
    const shared = example
      .replace('tags: [customer-facing]', 'tags: &shared [customer-facing]')
      .replace('tags: [compliance]', 'tags: *shared');
    expect(problems(shared).filter((p) => p.includes('anchor'))).toEqual([]);
  });

  it.each(['!!timestamp', '!!binary', '!!set'])(
    'a YAML 1.1 tag (%s) is refused, not turned into a Date, bytes or a Set',
    (tag) => {
      const text = example.replace('created: 2026-01-10', `created: ${tag} 2026-01-10`);
      expect(problems(text)).toEqual([
        `debt.yaml:${positionOf(text, tag)}: error: malformed YAML: a YAML tag ("!…") that mldebt does not read (remove it, or quote a value that starts with "!")`,
      ]);
    },
  );

  it('the core tags still work: !!str makes text', () => {
    const text = example.replace(
      'title: No schema validation between ingest and the feature pipeline',
      'title: !!str 2026',
    );
    expect(problems(text).filter((p) => p.includes('error'))).toEqual([]);
    expect(checkInventoryText(text, 'debt.yaml').inventory?.items[0]?.title).toBe('2026');
  });

  it('a key twice in one mapping: one error at the second', () => {
    const text = example.replace('    risk: 4\n', '    risk: 4\n    risk: 5\n');
    expect(problems(text)).toEqual([
      `debt.yaml:${positionOf(text, 'risk: 5')}: error: malformed YAML: this key appears twice in the same mapping`,
    ]);
  });

  it('a second document: one error', () => {
    expect(problems(`${example}---\nversion: 1\n`)).toEqual([
      `debt.yaml:${example.split('\n').length}:1: error: malformed YAML: a second YAML document ("---"): the inventory is one document`,
    ]);
  });

  it('never quotes the library: no message text of its own reaches the user', () => {
    const broken = [
      'a: ]\n',
      '- a\nb: 1\n',
      'a: "\\q"\n',
      '%FOO bar\n---\na: 1\n',
      'a: "x"#c\n',
      `${'k'.repeat(2000)}: v\n`,
    ];
    for (const text of broken) {
      const out = problems(text);
      expect(out, text).toHaveLength(1);
      expect(out[0]).not.toMatch(/Unexpected|YAML stream|Invalid escape|directive %FOO|kkkk/);
    }
  });

  it('refuses alias bombs with one error at the first alias', () => {
    const bomb =
      'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n' +
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
    expect(problems(bomb)).toEqual([
      'debt.yaml:2:8: error: malformed YAML: aliases ("*name") expand to more than 100 copies of their anchors (write the values out instead)',
    ]);
  });

  it('refuses nesting deeper than 64 levels before parsing, quickly', () => {
    for (const text of ['['.repeat(1_000_000), '- '.repeat(1_000_000), '{a: '.repeat(300_000)]) {
      const started = performance.now();
      const out = problems(text);
      expect(performance.now() - started).toBeLessThan(3000);
      expect(out).toHaveLength(1);
      expect(out[0]).toMatch(
        /^debt\.yaml:1:\d+: error: malformed YAML: mappings and lists nested more than 64 levels deep$/,
      );
    }
    let deep = '';
    for (let i = 0; i < 70; i++) deep += `${' '.repeat(i)}k:\n`;
    expect(problems(deep)).toEqual([
      'debt.yaml:65:65: error: malformed YAML: mappings and lists nested more than 64 levels deep',
    ]);
  });

  it('keeps listing every schema problem of a well-formed document', () => {
    const text = example.replace('risk: 4', 'risk: 9').replace('category: data', 'category: dta');
    const out = problems(text).filter((p) => p.includes(': error: '));
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(/unknown category "dta"/);
    expect(out[1]).toMatch(/items\[0\]\.risk: expected an integer 1-5, got 9/);
  });
});
