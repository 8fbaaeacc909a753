import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import {
  escapeData,
  escapeProperty,
  formatCommand,
  renderGithub,
} from '../../src/report/renderers/github.js';
import { makeHostileReport, makeSampleReport } from '../helpers/sample-report.js';

/**
 * Parse a workflow command the way the Actions runner does: `::name k=v,k=v::data`, then undo
 * the escapes. Throws when a line could not be a single well-formed command.
 */
function parseCommand(line: string): { name: string; props: Record<string, string>; data: string } {
  const match = /^::([a-z]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const unescape = (text: string): string =>
    text
      .replace(/%0D/g, '\r')
      .replace(/%0A/g, '\n')
      .replace(/%3A/g, ':')
      .replace(/%2C/g, ',')
      .replace(/%25/g, '%');
  const props = Object.fromEntries(
    (match[2] ? match[2].split(',') : []).map((pair) => {
      const [key, ...value] = pair.split('=');
      return [key!, unescape(value.join('='))];
    }),
  );
  return { name: match[1]!, props, data: unescape(match[3]!) };
}

function renderLines(report: Report): string[] {
  const text = renderGithub(report, { color: false });
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

describe('renderGithub', () => {
  it('annotates items that fail the gate as errors on their hottest file', () => {
    const lines = renderLines(makeSampleReport());
    expect(lines.slice(0, 2)).toEqual([
      '::error file=src/features/merchant.py,line=1,title=DATA-001 score 60.0::' +
        'DATA-001 Feature pipeline has no schema validation | merchant_id & amount — score 60.0 (5×4×3×1.0)',
      '::error file=training/retrain.py,line=1,title=MODEL-002 score 54.0::' +
        'MODEL-002 Retraining job pins "latest" model, weights unversioned — score 54.0 (3×3×4×1.5)',
    ]);
  });

  it('adds run warnings and the failed gate, so a total over its threshold is visible', () => {
    const lines = renderLines(makeSampleReport());
    // After the items and the secret: the practice findings' notices (see below).
    expect(lines.slice(7)).toEqual([
      '::warning file=debt.yaml,line=66,col=9,title=mldebt glob-no-match::' +
        'glob "tests/eval/**/*_test.py" matches no file (did you mean "test/eval/**/*_test.py"?)',
      '::warning title=mldebt no-paths::PIPE-004 has no paths: no repository evidence',
      '::error title=mldebt gate failed::DATA-001 score 60.0 > 50; MODEL-002 score 54.0 > 50',
    ]);
  });

  it('annotates each hardcoded secret of a shown item on its file and line, whatever its score', () => {
    const lines = renderLines(makeSampleReport());
    expect(lines[2]).toBe(
      '::warning file=configs/serving/prod.yaml,line=7,title=CONF-003 hardcoded secret::' +
        'CONF-003: hardcoded secret: a literal value under auth.api_token (the value is never shown)',
    );
    // Drift is in SARIF, not annotated here: only secrets are.
    expect(lines.filter((line) => line.includes('drift'))).toEqual([]);
    expect(renderGithub(makeSampleReport(), { color: false, top: 2 })).not.toContain('secret');
  });

  it('annotates every item as a warning when no threshold is set, on the inventory line without hot files', () => {
    const report = makeSampleReport();
    report.gate = {
      passed: true,
      reasons: [],
      thresholds: { ...report.gate.thresholds, failAbove: null },
    };
    report.warnings = [];
    const commands = renderLines(report).map(parseCommand);
    expect(commands.map((command) => [command.name, command.props.title])).toEqual([
      ['warning', 'DATA-001 score 60.0'],
      ['warning', 'MODEL-002 score 54.0'],
      ['warning', 'CONF-003 score 24.0'],
      ['warning', 'PIPE-004 score 12.0'],
      ['warning', 'TEST-005 score 10.0'],
      ['warning', 'MON-006 score 8.0'],
      ['warning', 'CONF-003 hardcoded secret'],
      ['notice', 'DATA-001 data-in-git'],
      ['notice', 'DATA-001 no-validation'],
      ['notice', 'MODEL-002 magic-number'],
      ['notice', 'MODEL-002 no-tracking'],
    ]);
    expect(commands[3]!.props).toEqual({
      file: 'debt.yaml',
      line: '52',
      col: '5',
      title: 'PIPE-004 score 12.0',
    });
  });

  it('notes each practice finding of a shown item on its file and line', () => {
    const commands = renderLines(makeSampleReport()).map(parseCommand);
    const magic = commands.find((c) => c.props.title === 'MODEL-002 magic-number')!;
    expect(magic).toEqual({
      name: 'notice',
      props: { file: 'training/retrain.py', line: '31', title: 'MODEL-002 magic-number' },
      data: 'MODEL-002: 2 literal hyperparameters: lr=0.0003 (l.31), batch_size=64 (l.40)',
    });
    const top1 = renderGithub(makeSampleReport(), { color: false, top: 1 });
    expect(top1).toContain('DATA-001 no-validation');
    expect(top1).not.toContain('MODEL-002 magic-number');
  });

  it('prints nothing when there is nothing to annotate', () => {
    const report = makeSampleReport();
    report.items = [];
    report.warnings = [];
    report.gate.passed = true;
    expect(renderGithub(report, { color: false })).toBe('');
  });

  it('escapes hostile text so every annotation stays one well-formed command', () => {
    const report = makeHostileReport();
    report.gate.thresholds.failAbove = null;
    const lines = renderLines(report);
    const secrets = report.items
      .flatMap((i) => i.signals.config ?? [])
      .filter((f) => f.kind === 'secret');
    const practices = report.items.flatMap((i) => i.signals.practices ?? []);
    expect(lines).toHaveLength(6 + secrets.length + practices.length + report.warnings.length + 1);
    const commands = lines.map(parseCommand);
    // CR/LF in a title are collapsed to spaces in the message; `%`, `:`, `,` survive escaping.
    expect(commands[4]!.data).toBe(
      'TEST-005 tab here CRLF CR 100% done: a,b # — score 10.0 (5×1×2×1.0)',
    );
    expect(lines[4]).toContain('100%25 done: a,b');
    const weird = commands.find((command) => command.props.title === 'mldebt weird')!;
    expect(weird.data).toBe('<b>bold</b>\nsecond line, 50% of https://x.example.com');
    // Not the inventory: the diagnostic's own file, as given.
    expect(weird.props.file).toBe('/abs/path/debt.yaml');
  });

  it('names a warning in the inventory as the report names the inventory', () => {
    const report = makeSampleReport();
    report.inventory = 'ml/debt.yaml';
    report.warnings[0]!.location!.file = '/home/runner/work/repo/ml/debt.yaml';
    const warning = renderLines(report)
      .map(parseCommand)
      .find((c) => c.name === 'warning' && c.props.title?.startsWith('mldebt '))!;
    expect(warning.props).toMatchObject({ file: 'ml/debt.yaml', line: '66', col: '9' });
  });

  it('escapes a hot file path with `:` and `,` in the file property', () => {
    const report = makeSampleReport();
    report.items[0]!.signals.git!.hotFiles[0]!.path = 'src/100%:a,b.py';
    const [first] = renderLines(report);
    expect(first).toMatch(/^::error file=src\/100%25%3Aa%2Cb\.py,line=1,/);
    expect(parseCommand(first!).props.file).toBe('src/100%:a,b.py');
  });

  it("escapes a secret's file path in the file property", () => {
    const report = makeSampleReport();
    report.items[2]!.signals.config![0]!.file = 'configs/100%:a,b.yaml';
    const secret = renderLines(report)
      .map(parseCommand)
      .find((c) => c.props.title === 'CONF-003 hardcoded secret')!;
    expect(secret.props).toMatchObject({ file: 'configs/100%:a,b.yaml', line: '7' });
  });

  describe('escaping', () => {
    it('escapes data: %, CR, LF', () => {
      expect(escapeData('50% a:b,c\r\nd')).toBe('50%25 a:b,c%0D%0Ad');
    });
    it('escapes properties also for : and ,', () => {
      expect(escapeProperty('50% a:b,c\r\nd')).toBe('50%25 a%3Ab%2Cc%0D%0Ad');
    });
    it('formats a command without properties', () => {
      expect(formatCommand('warning', { file: undefined }, 'x')).toBe('::warning::x');
    });
  });
});
