import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { renderSarif, WARNING_MIN_SCORE } from '../../src/report/renderers/sarif.js';
import {
  makeHostileReport,
  makeSampleReport,
  makeSampleReportWithBaseline,
} from '../helpers/sample-report.js';
import { validateSarif } from '../helpers/sarif-schema.js';

interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId?: string };
    region: { startLine: number; startColumn?: number };
  };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  properties: { id: string; rank: number; score: number; category: string };
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: {
      driver: { name: string; version: string; informationUri: string; rules: { id: string }[] };
    };
    invocations: { toolExecutionNotifications: { descriptor: { id: string } }[] }[];
    results: SarifResult[];
  }[];
}

function render(report: Report): SarifLog {
  return JSON.parse(renderSarif(report, { color: false })) as SarifLog;
}

/** The results about items (rule per category), without those on config or practice findings. */
function itemResults(log: SarifLog): SarifResult[] {
  return log.runs[0]!.results.filter(
    (result) =>
      !result.ruleId.startsWith('mldebt/config-') && !result.ruleId.startsWith('mldebt/practice-'),
  );
}

function practiceResults(log: SarifLog): SarifResult[] {
  return log.runs[0]!.results.filter((result) => result.ruleId.startsWith('mldebt/practice-'));
}

function configResults(log: SarifLog): SarifResult[] {
  return log.runs[0]!.results.filter((result) => result.ruleId.startsWith('mldebt/config-'));
}

function withoutThreshold(report: Report): Report {
  report.gate.thresholds.failAbove = null;
  return report;
}

describe('renderSarif', () => {
  it.each<[string, () => Report]>([
    ['the sample', makeSampleReport],
    ['the sample with a baseline', makeSampleReportWithBaseline],
    ['every item (no threshold)', () => withoutThreshold(makeSampleReport())],
    ['hostile text and paths', () => withoutThreshold(makeHostileReport())],
    ['no ranked items', () => ({ ...makeSampleReport(), items: [], warnings: [] })],
  ])('validates against the official SARIF 2.1.0 schema: %s', (_name, makeReport) => {
    const valid = validateSarif(render(makeReport()));
    expect(validateSarif.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('can fail validation (the validator is live)', () => {
    const log = render(makeSampleReport());
    (log.runs[0]!.results[0] as unknown as { level: string }).level = 'fatal';
    expect(validateSarif(log)).toBe(false);
    const unencoded = render(makeSampleReport());
    unencoded.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = 'a b.py';
    expect(validateSarif(unencoded)).toBe(false);
  });

  it('names the tool, its version and the schema', () => {
    const log = render(makeSampleReport());
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.tool.driver).toMatchObject({ name: 'mldebt', version: '0.1.0' });
    expect(log.runs[0]!.tool.driver.informationUri).toMatch(/^https:\/\//);
  });

  it('lists only items above fail_above, as errors, in rank order', () => {
    const results = itemResults(render(makeSampleReport()));
    expect(results.map((result) => [result.properties.id, result.level])).toEqual([
      ['DATA-001', 'error'],
      ['MODEL-002', 'error'],
    ]);
  });

  it('lists every item by score band when there is no threshold', () => {
    const results = itemResults(render(withoutThreshold(makeSampleReport())));
    expect(results.map((result) => [result.properties.id, result.level])).toEqual([
      ['DATA-001', 'warning'],
      ['MODEL-002', 'warning'],
      ['CONF-003', 'note'],
      ['PIPE-004', 'note'],
      ['TEST-005', 'note'],
      ['MON-006', 'note'],
    ]);
  });

  it('documents the band edge as 25', () => {
    expect(WARNING_MIN_SCORE).toBe(25);
  });

  it('puts the band edge at 25 and keeps a score equal to fail_above out', () => {
    const report = makeSampleReport();
    report.gate.thresholds.failAbove = 24;
    report.items[2]!.score = 24; // equal: not above the threshold, not listed
    report.items[3]!.score = 25; // the band edge: warning
    report.items[4]!.score = 24.9; // above 24 (listed) and below 25: note
    const results = itemResults(render(report));
    expect(results.map((result) => [result.properties.id, result.level])).toEqual([
      ['DATA-001', 'error'],
      ['MODEL-002', 'error'],
      ['PIPE-004', 'error'],
      ['TEST-005', 'error'],
    ]);
    report.gate.thresholds.failAbove = null;
    const banded = itemResults(render(report));
    expect(banded.map((result) => result.level)).toEqual([
      'warning',
      'warning',
      'note',
      'warning',
      'note',
      'note',
    ]);
  });

  it('has one namespaced rule per category and points results at theirs', () => {
    const log = render(withoutThreshold(makeSampleReport()));
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((rule) => rule.id)).toEqual([
      'mldebt/configuration',
      'mldebt/data',
      'mldebt/model',
      'mldebt/monitoring',
      'mldebt/pipeline',
      'mldebt/testing',
      'mldebt/config-drift',
      'mldebt/config-secret',
      'mldebt/practice-data-in-git',
      'mldebt/practice-magic-number',
      'mldebt/practice-no-tracking',
      'mldebt/practice-no-validation',
    ]);
    for (const result of itemResults(log)) {
      expect(result.ruleId).toBe(`mldebt/${result.properties.category}`);
      expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
    }
  });

  it('says which item, its score and its factors', () => {
    const [first, second] = render(makeSampleReport()).runs[0]!.results;
    expect(first!.message.text).toBe(
      'DATA-001 Feature pipeline has no schema validation | merchant_id & amount — score 60.0 (5×4×3×1.0)',
    );
    expect(second!.message.text).toBe(
      'MODEL-002 Retraining job pins "latest" model, weights unversioned — score 54.0 (3×3×4×1.5)',
    );
    expect(first!.properties).toMatchObject({ score: 60, rank: 1, category: 'data' });
  });

  it('locates an item on at most three hot files, else on its inventory line', () => {
    const report = withoutThreshold(makeSampleReport());
    report.inventory = 'config/debt.yaml';
    const results = render(report).runs[0]!.results;
    const uris = (result: SarifResult): string[] =>
      result.locations.map((location) => location.physicalLocation.artifactLocation.uri);
    expect(uris(results[0]!)).toEqual([
      'src/features/merchant.py',
      'src/features/amount_bins.py',
      'pipelines/ingest.py',
    ]);
    expect(results[0]!.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'src/features/merchant.py', uriBaseId: '%SRCROOT%' },
      region: { startLine: 1 },
    });
    // PIPE-004 has no git signal: its `- id:` line in the inventory.
    expect(results[3]!.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'config/debt.yaml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 52, startColumn: 5 },
        },
      },
    ]);
  });

  it('percent-encodes paths into URI references', () => {
    const report = withoutThreshold(makeSampleReport());
    report.items[0]!.signals.git!.hotFiles[0]!.path = 'src/my file#1%.py';
    report.items[3]!.location = { file: '/home/ana/debt.yaml', line: 2, column: 3 };
    report.inventory = 'C:\\work\\debt.yaml';
    const results = render(report).runs[0]!.results;
    expect(results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
      'src/my%20file%231%25.py',
    );
    expect(results[3]!.locations[0]!.physicalLocation.artifactLocation).toEqual({
      uri: 'file:///C:/work/debt.yaml',
    });
  });

  it('fingerprints by item id, stable when the score or location changes', () => {
    const before = render(makeSampleReport()).runs[0]!.results[0]!;
    const changed = makeSampleReport();
    changed.items[0]!.score = 61.5;
    changed.items[0]!.signals.git!.hotFiles.reverse();
    const after = render(changed).runs[0]!.results[0]!;
    expect(after.partialFingerprints).toEqual(before.partialFingerprints);
    expect(Object.values(before.partialFingerprints)).toEqual(['DATA-001']);
  });

  it('carries run warnings as tool notifications', () => {
    const log = render(makeSampleReport());
    const notifications = log.runs[0]!.invocations[0]!.toolExecutionNotifications;
    expect(notifications.map((notification) => notification.descriptor.id)).toEqual([
      'glob-no-match',
      'no-paths',
    ]);
  });

  it('is deterministic and ordered by rank whatever the input order', () => {
    const report = withoutThreshold(makeSampleReport());
    const first = renderSarif(report, { color: false });
    expect(renderSarif(report, { color: false })).toBe(first);
    const shuffled = structuredClone(report);
    shuffled.items.reverse();
    expect(renderSarif(shuffled, { color: false })).toBe(first);
  });

  it('applies --top before selecting', () => {
    const report = withoutThreshold(makeSampleReport());
    const results = JSON.parse(renderSarif(report, { color: false, top: 2 })) as SarifLog;
    expect(results.runs[0]!.results.map((result) => result.properties.id)).toEqual([
      'DATA-001',
      'MODEL-002',
      // DATA-001's config finding; CONF-003's are cut with it.
      'DATA-001',
      // Then the practice findings of the two shown items.
      'DATA-001',
      'DATA-001',
      'MODEL-002',
      'MODEL-002',
    ]);
  });

  it('places every practice finding of a shown item on its file, hints as notes', () => {
    const log = render(makeSampleReport());
    const results = practiceResults(log);
    expect(
      results.map((result) => [
        result.ruleId,
        result.level,
        result.properties.id,
        result.locations[0]!.physicalLocation.region.startLine,
      ]),
    ).toEqual([
      ['mldebt/practice-data-in-git', 'warning', 'DATA-001', 1],
      ['mldebt/practice-no-validation', 'note', 'DATA-001', 1],
      ['mldebt/practice-magic-number', 'warning', 'MODEL-002', 31],
      ['mldebt/practice-no-tracking', 'note', 'MODEL-002', 1],
    ]);
    const rules = log.runs[0]!.tool.driver.rules;
    for (const result of results) expect(rules[result.ruleIndex]!.id).toBe(result.ruleId);
    // The file name with a space and a pipe is percent-encoded as a URI reference.
    expect(results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
      'src/features/reference%20%7C%20v2.parquet',
    );
  });

  it('places every config finding of a shown item on its file and line, whatever the score', () => {
    // With the gate's threshold at 50, CONF-003 (24.0) has no item result, but its secret does.
    const log = render(makeSampleReport());
    const results = configResults(log);
    expect(
      results.map((result) => [
        result.ruleId,
        result.level,
        result.properties.id,
        result.locations[0]!.physicalLocation.artifactLocation.uri,
        result.locations[0]!.physicalLocation.region.startLine,
      ]),
    ).toEqual([
      ['mldebt/config-drift', 'warning', 'DATA-001', 'configs/features/prod.yaml', 1],
      ['mldebt/config-secret', 'warning', 'CONF-003', 'configs/serving/prod.yaml', 7],
      ['mldebt/config-drift', 'warning', 'CONF-003', 'configs/serving/staging.yaml', 1],
    ]);
    const rules = log.runs[0]!.tool.driver.rules;
    for (const result of results) expect(rules[result.ruleIndex]!.id).toBe(result.ruleId);
    expect(results[1]!.message.text).toBe(
      'CONF-003: secret in configs/serving/prod.yaml: hardcoded secret: a literal value under auth.api_token (the value is never shown)',
    );
    expect(results[1]!.partialFingerprints).toEqual({
      'mldebtConfigFinding/v1': 'CONF-003:secret:configs/serving/prod.yaml:auth.api_token',
    });
  });

  it('makes a file that does not parse a note under its own rule', () => {
    const report = makeSampleReport();
    report.items[1]!.signals.config = [
      {
        kind: 'unparsable',
        file: 'training/params.toml',
        line: 4,
        key: null,
        detail: 'does not parse as TOML at line 4',
      },
    ];
    const log = render(report);
    const unparsable = configResults(log).find((r) => r.ruleId === 'mldebt/config-unparsable');
    expect(unparsable?.level).toBe('note');
    expect(log.runs[0]!.tool.driver.rules.map((rule) => rule.id)).toContain(
      'mldebt/config-unparsable',
    );
    expect(validateSarif(log)).toBe(true);
  });
});
