import { describe, expect, it } from 'vitest';
import { checkInventoryText } from '../../src/inventory/check.js';
import { formatProblem } from '../../src/inventory/problems.js';
import { editDistance, closestMatch } from '../../src/util/did-you-mean.js';
import { checkGlob, suggestGlob } from '../../src/util/glob.js';

const header = 'version: 1\nproject: demo\nitems:\n';

function problems(text: string): string[] {
  return checkInventoryText(text, 'debt.yaml').problems.map(formatProblem);
}

describe('inventory problems carry file:line:column, the path, expected and got', () => {
  it('reports a value out of range at the value', () => {
    const text = `${header}  - id: DATA-001\n    title: t\n    category: data\n    risk: 7\n    cost_of_delay: 2\n    paths: [a]\n`;
    expect(problems(text)).toEqual([
      'debt.yaml:7:11: error: items[0].risk: expected an integer 1-5, got 7',
    ]);
  });

  it('points a missing key at the mapping that should hold it', () => {
    const text = `${header}  - id: DATA-001\n    title: t\n    category: data\n    cost_of_delay: 2\n    paths: [a]\n`;
    expect(problems(text)).toEqual([
      'debt.yaml:4:5: error: items[0]: missing required key "risk" (expected an integer 1-5)',
    ]);
  });

  it('suggests the intended key for an unknown one', () => {
    const text = `${header}  - id: DATA-001\n    titel: t\n    category: data\n    risk: 2\n    cost_of_delay: 2\n    paths: [a]\n`;
    expect(problems(text)).toEqual([
      'debt.yaml:4:5: error: items[0]: missing required key "title" (expected a title)',
      'debt.yaml:5:5: error: items[0]: unknown key "titel" (did you mean "title"?)',
    ]);
  });

  it('lists every problem of a document at once, top to bottom', () => {
    const text =
      `version: 1\nproject: demo\nsettings:\n  windwo: 90d\nitems:\n` +
      `  - id: DATA-001\n    title: a\n    category: dta\n    risk: 2\n    cost_of_delay: { amount: -5, per: week }\n` +
      `  - id: DATA-001\n    title: b\n    category: data\n    risk: 2\n    cost_of_delay: 2\n    due: 2026-02-30\n    status: done\n` +
      `    paths: ["../secrets/**", "/etc/**"]\n`;
    expect(problems(text)).toEqual(
      [
        'debt.yaml:4:3: error: settings: unknown key "windwo" (did you mean "window"?)',
        'debt.yaml:8:15: error: items[0].category: unknown category "dta" (did you mean "data"?); expected one of data, model, configuration, pipeline, testing, monitoring, infrastructure, reproducibility (add your own under settings.categories)',
        'debt.yaml:10:30: error: items[0].cost_of_delay.amount: expected a positive amount of money, got -5',
        'debt.yaml:11:9: error: items[1].id: duplicate id "DATA-001" (first used on line 6)',
        'debt.yaml:16:10: error: items[1].due: expected a real calendar date YYYY-MM-DD, got "2026-02-30"',
        'debt.yaml:17:13: error: items[1].status: expected one of open, in-progress, accepted, resolved, got "done"',
        'debt.yaml:18:13: error: items[1].paths[0]: glob "../secrets/**" climbs out with ".."; globs are relative to the repository root',
        'debt.yaml:18:30: error: items[1].paths[1]: glob "/etc/**" is absolute; globs are relative to the repository root',
        'debt.yaml:6:5: warning: DATA-001: no paths, so no repository evidence (git, coverage, config) is gathered for it',
      ].sort(byLine),
    );
  });

  it('reports malformed YAML with its position and never echoes a secret-bearing line', () => {
    const text = `${header}  - id: DATA-001\n    api_key: "sk-live-123\n`;
    const out = problems(text);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^debt\.yaml:\d+:\d+: error: malformed YAML: /);
    expect(out.join('\n')).not.toContain('sk-live');
  });

  it('does not echo the value of a secret-like key in a schema error', () => {
    const text = `version: 1\nproject: demo\nsettings:\n  api_token: hunter2-secret\nitems: []\n`;
    const out = problems(text).join('\n');
    expect(out).toContain('unknown key "api_token"');
    expect(out).not.toContain('hunter2');
  });

  it('refuses alias bombs (billion laughs) with one error', () => {
    const bomb =
      'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n' +
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
    const out = problems(bomb);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/malformed YAML: .*alias/i);
  });

  it('keeps YAML dates as strings (core schema) and applies defaults', () => {
    const text = `${header}  - id: DATA-001\n    title: t\n    category: data\n    risk: 2\n    cost_of_delay: 2\n    due: 2026-12-01\n    paths: [a]\n`;
    const { inventory, problems: p } = checkInventoryText(text, 'debt.yaml');
    expect(p).toEqual([]);
    expect(inventory?.items[0]?.due).toBe('2026-12-01');
    expect(inventory?.items[0]?.status).toBe('open');
    expect(inventory?.items[0]?.tags).toEqual([]);
  });

  it('points inside a money mapping rather than at the whole union', () => {
    const text = `${header}  - id: DATA-001\n    title: t\n    category: data\n    risk: 2\n    cost_of_delay: { amount: 10, per: fortnight }\n    paths: [a]\n`;
    expect(problems(text)).toEqual([
      'debt.yaml:8:39: error: items[0].cost_of_delay.per: expected one of day, week, month, year, got "fortnight"',
    ]);
    const level = text.replace('{ amount: 10, per: fortnight }', '9');
    expect(problems(level)).toEqual([
      'debt.yaml:8:20: error: items[0].cost_of_delay: expected an integer 1-5, got 9',
    ]);
  });

  it('reports an empty file', () => {
    expect(problems('')).toEqual([
      'debt.yaml:1:1: error: (document): expected a mapping with version, project and items, got an empty file',
    ]);
  });
});

describe('helpers', () => {
  it('counts a swap as one edit and suggests only plausible typos', () => {
    expect(editDistance('titel', 'title')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(closestMatch('windwo', ['window', 'coverage'])).toBe('window');
    expect(closestMatch('zzz', ['window', 'coverage'])).toBeUndefined();
  });

  it('knows which globs escape the repository', () => {
    expect(checkGlob('src/**')).toBeUndefined();
    expect(checkGlob('!src/vendor/**')).toBeUndefined();
    expect(checkGlob('a/../../b')).toMatch(/^climbs out with "\.\."/);
    expect(checkGlob('!../b')).toMatch(/^climbs out with "\.\."/);
    expect(checkGlob('C:\\x\\**')).toMatch(/^is an absolute Windows path/);
  });

  it('suggests a close existing directory for a glob that matches nothing', () => {
    const files = ['src/monitoring/drift.py', 'src/features/a.py'];
    expect(suggestGlob('src/monitoirng/**', files)).toBe('src/monitoring/**');
    expect(suggestGlob('docs/**', files)).toBeUndefined();
  });
});

function byLine(a: string, b: string): number {
  const pos = (s: string) => s.split(':').slice(1, 3).map(Number) as [number, number];
  const [la, ca] = pos(a);
  const [lb, cb] = pos(b);
  return la - lb || ca - cb;
}
