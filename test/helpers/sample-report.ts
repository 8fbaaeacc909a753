/**
 * A realistic Report built in code, for renderer and gate tests.
 *
 * The numbers are hand-computed from the scoring rules in SPEC §3 (so they read like a real
 * audit), but nothing here is produced by mldebt code: tests compare renderings of this
 * fixture with golden files and with independent parsers.
 *
 * What it covers, on purpose:
 * - six ranked items over six categories; titles with `|`, `,`, quotes, a newline, `<`, `>`,
 *   `&`, `*`, `_`, a backslash and a URL;
 * - money cost of delay (MODEL-002), an overdue item (MODEL-002), an item with no git signal
 *   (PIPE-004), coverage with and without data (DATA-001, TEST-005), config findings with a
 *   redacted secret (CONF-003), effort/WSJF, incidents, tag multipliers;
 * - a non-ranked item, warnings with and without an item, a note, a failed gate.
 *
 * Every call returns a fresh deep object, so tests may mutate it.
 */
import { DEFAULT_SETTINGS } from '../../src/inventory/vocabulary.js';
import { DEFAULT_PRACTICE_RISK } from '../../src/inventory/settings.js';
import type { BaselineComparison, Report, ScoredItem } from '../../src/model/index.js';

type ItemOverrides = Partial<ScoredItem> & Pick<ScoredItem, 'rank' | 'id' | 'title' | 'category'>;

/** A minimal open item (R 1, F 1, C 1, no signals) with the given fields replaced. */
export function makeItem(overrides: ItemOverrides): ScoredItem {
  return {
    owner: null,
    ownerSource: overrides.owner === undefined || overrides.owner === null ? null : 'inventory',
    status: 'open',
    score: 1,
    risk: { declared: 1, effective: 1, reasons: [] },
    frequency: {
      declared: null,
      observed: null,
      effective: 1,
      events: null,
      ratePer30Days: null,
      reasons: [],
    },
    costOfDelay: { declared: 1, money: null, effective: 1, reasons: [] },
    multiplier: 1,
    multipliers: {},
    effortDays: null,
    wsjf: null,
    due: null,
    overdue: false,
    created: null,
    tags: [],
    paths: [],
    incidents: [],
    evidence: null,
    fix: null,
    location: null,
    signals: {
      git: null,
      gitNotMeasured: 'no paths',
      deadGlobs: [],
      coverage: null,
      config: null,
      codeowners: null,
      practices: null,
    },
    ...overrides,
  };
}

function sampleItems(): ScoredItem[] {
  return [
    makeItem({
      rank: 1,
      id: 'DATA-001',
      title: 'Feature pipeline has no schema validation | merchant_id & amount',
      category: 'data',
      owner: 'ana',
      score: 60,
      risk: { declared: 4, effective: 5, reasons: ['coverage 23.0% < 60%'] },
      frequency: {
        declared: 2,
        observed: 4,
        effective: 4,
        events: 7,
        ratePer30Days: 1.2,
        reasons: ['6 fix commits + 1 incident in 180 days = 1.2 per 30 days'],
      },
      costOfDelay: { declared: 3, money: null, effective: 3, reasons: [] },
      effortDays: 5,
      wsjf: 12,
      due: '2026-12-01',
      created: '2026-01-10',
      tags: ['data-quality'],
      paths: ['src/features/**', 'pipelines/ingest.py', 'src/featurs/legacy/**'],
      incidents: [
        {
          date: '2026-08-14',
          ref: 'INC-231',
          summary: 'null spike in merchant_id',
          inWindow: true,
          source: 'inventory',
        },
        {
          date: '2026-02-02',
          ref: null,
          summary: 'late partition',
          inWindow: false,
          source: 'inventory',
        },
      ],
      evidence:
        'Three incidents this year traced to *unvalidated* columns; see https://wiki.example.com/inc-231',
      fix: 'Add a pandera schema at the ingest boundary.\n\nFail the DAG on violations.',
      location: { file: 'debt.yaml', line: 8, column: 5 },
      signals: {
        gitNotMeasured: null,
        deadGlobs: ['src/featurs/legacy/**'],
        codeowners: null,
        practices: [
          {
            kind: 'data-in-git',
            file: 'src/features/reference | v2.parquet',
            line: null,
            count: 1,
            detail: '12.4 MB parquet, not covered by a Git LFS rule or a DVC output',
          },
          {
            kind: 'no-validation',
            file: 'src/features/build.py',
            line: null,
            count: 1,
            detail:
              'hint: no data-validation import (great_expectations, pandera, …) in 2 data-loading files under src/features/',
          },
        ],
        git: {
          commits: 14,
          fixCommits: 6,
          sharedFixCommits: 2,
          authors: 3,
          churn: 420,
          lastChange: '2026-11-02',
          fixesByMonth: { '2026-10': 2, '2026-07': 1, '2026-09': 3 },
          matchedFiles: 9,
          hotFiles: [
            { path: 'src/features/merchant.py', commits: 8, fixCommits: 4 },
            { path: 'src/features/amount_bins.py', commits: 5, fixCommits: 1 },
            { path: 'pipelines/ingest.py', commits: 3, fixCommits: 1 },
            { path: 'src/features/my file,v2.py', commits: 1, fixCommits: 0 },
          ],
          fixes: [
            { commit: 'a1b2c3d', date: '2026-10-30', subject: 'fix: merchant_id nulls' },
            { commit: 'b2c3d4e', date: '2026-10-12', subject: 'Fix amount binning <0' },
            { commit: 'c3d4e5f', date: '2026-09-20', subject: 'hotfix: ingest schema drift' },
            { commit: 'd4e5f60', date: '2026-09-11', subject: 'fix dtype regression' },
            { commit: 'e5f6071', date: '2026-09-02', subject: 'fix: merchant join' },
            { commit: 'f607182', date: '2026-07-15', subject: 'revert "new bins"' },
          ],
        },
        coverage: {
          covered: 92,
          coverable: 400,
          percent: 23,
          unmeasuredFiles: ['src/features/new.py'],
          measuredFiles: 1,
          untestedFiles: ['src/features/new.py'],
          sources: [{ report: 'coverage.xml', files: ['src/features/merchant.py'] }],
        },
        config: [
          {
            kind: 'drift',
            file: 'configs/features/prod.yaml',
            line: null,
            key: null,
            detail: 'missing 1 key that configs/features/dev.yaml has: schema.strict',
          },
        ],
      },
    }),
    makeItem({
      rank: 2,
      id: 'MODEL-002',
      title: 'Retraining job pins "latest" model, weights unversioned',
      category: 'model',
      owner: null,
      score: 54,
      risk: { declared: 3, effective: 3, reasons: [] },
      frequency: {
        declared: null,
        observed: 3,
        effective: 3,
        events: 3,
        ratePer30Days: 0.5,
        reasons: ['3 fix commits in 180 days = 0.5 per 30 days'],
      },
      costOfDelay: {
        declared: null,
        money: { amount: 2500, per: 'week', perWeek: 2500 },
        effective: 4,
        reasons: ['2,500 per week → 3', 'past due 2026-10-01: +1'],
      },
      multiplier: 1.5,
      multipliers: { compliance: 1.5 },
      due: '2026-10-01',
      overdue: true,
      tags: ['compliance'],
      paths: ['training/retrain.py'],
      location: { file: 'debt.yaml', line: 31, column: 5 },
      signals: {
        gitNotMeasured: null,
        deadGlobs: [],
        codeowners: null,
        practices: [
          {
            kind: 'magic-number',
            file: 'training/retrain.py',
            line: 31,
            count: 2,
            detail: '2 literal hyperparameters: lr=0.0003 (l.31), batch_size=64 (l.40)',
          },
          {
            kind: 'no-tracking',
            file: 'training/retrain.py',
            line: null,
            count: 1,
            detail:
              'hint: no tracking import (mlflow, wandb, …) in 1 training file under training/',
          },
        ],
        git: {
          commits: 4,
          fixCommits: 3,
          sharedFixCommits: 0,
          authors: 2,
          churn: 96,
          lastChange: '2026-10-20',
          fixesByMonth: { '2026-08': 1, '2026-10': 2 },
          matchedFiles: 1,
          hotFiles: [{ path: 'training/retrain.py', commits: 4, fixCommits: 3 }],
          fixes: [
            { commit: '1a2b3c4', date: '2026-10-20', subject: 'fix: pin model tag' },
            { commit: '2b3c4d5', date: '2026-10-02', subject: 'bugfix retrain' },
            { commit: '3c4d5e6', date: '2026-08-19', subject: 'fix(train): seed' },
          ],
        },
        coverage: {
          covered: 70,
          coverable: 100,
          percent: 70,
          unmeasuredFiles: [],
          measuredFiles: 1,
          untestedFiles: [],
          sources: [{ report: 'coverage.xml', files: ['training/retrain.py'] }],
        },
        config: [],
      },
    }),
    makeItem({
      rank: 3,
      id: 'CONF-003',
      title: 'Hardcoded API token in serving config\nand staging drift',
      category: 'configuration',
      owner: 'platform-team',
      score: 24,
      risk: {
        declared: 2,
        effective: 4,
        reasons: ['config finding: secret', 'config finding: drift'],
      },
      frequency: {
        declared: 2,
        observed: 1,
        effective: 2,
        events: 1,
        ratePer30Days: 0.2,
        reasons: [],
      },
      costOfDelay: { declared: 3, money: null, effective: 3, reasons: [] },
      paths: ['configs/serving/*.yaml'],
      location: { file: 'debt.yaml', line: 44, column: 5 },
      signals: {
        gitNotMeasured: null,
        deadGlobs: [],
        codeowners: null,
        practices: [],
        git: {
          commits: 2,
          fixCommits: 1,
          sharedFixCommits: 0,
          authors: 1,
          churn: 12,
          lastChange: '2026-06-30',
          fixesByMonth: { '2026-06': 1 },
          matchedFiles: 3,
          hotFiles: [],
          fixes: [{ commit: '9f8e7d6', date: '2026-06-30', subject: 'fix staging url' }],
        },
        coverage: null,
        config: [
          {
            kind: 'secret',
            file: 'configs/serving/prod.yaml',
            line: 7,
            key: 'auth.api_token',
            detail:
              'hardcoded secret: a literal value under auth.api_token (the value is never shown)',
          },
          {
            kind: 'drift',
            file: 'configs/serving/staging.yaml',
            line: null,
            key: null,
            detail: 'missing 2 keys that configs/serving/prod.yaml has: auth.api_token, timeout_ms',
          },
        ],
      },
    }),
    makeItem({
      rank: 4,
      id: 'PIPE-004',
      title: 'Ingest DAG <retries> have no backoff & no alerting',
      category: 'pipeline',
      owner: 'bob@example.com',
      score: 12,
      risk: { declared: 3, effective: 3, reasons: [] },
      frequency: {
        declared: 2,
        observed: null,
        effective: 2,
        events: null,
        ratePer30Days: null,
        reasons: [],
      },
      costOfDelay: { declared: 2, money: null, effective: 2, reasons: [] },
      effortDays: 0.5,
      wsjf: 24,
      location: { file: 'debt.yaml', line: 52, column: 5 },
      paths: ['dags/ingest/**'],
      signals: {
        git: null,
        gitNotMeasured: 'no file',
        deadGlobs: ['dags/ingest/**'],
        codeowners: null,
        practices: null,
        coverage: null,
        config: null,
      },
    }),
    makeItem({
      rank: 5,
      id: 'TEST-005',
      title: 'Evaluation metrics untested (C:\\eval\\metrics.py, *_test)',
      category: 'testing',
      owner: 'chen',
      score: 10,
      risk: {
        declared: 3,
        effective: 5,
        reasons: ['none of its files has coverage data: +2'],
      },
      frequency: {
        declared: null,
        observed: 1,
        effective: 1,
        events: 0,
        ratePer30Days: 0,
        reasons: [],
      },
      costOfDelay: { declared: 2, money: null, effective: 2, reasons: [] },
      due: '2027-01-15',
      paths: ['eval/metrics.py', 'tests/eval/**/*_test.py'],
      location: { file: 'debt.yaml', line: 60, column: 5 },
      signals: {
        gitNotMeasured: null,
        deadGlobs: [],
        codeowners: null,
        practices: [],
        git: {
          commits: 0,
          fixCommits: 0,
          sharedFixCommits: 0,
          authors: 0,
          churn: 0,
          lastChange: '2025-12-01',
          fixesByMonth: {},
          matchedFiles: 1,
          hotFiles: [],
          fixes: [],
        },
        coverage: {
          covered: 0,
          coverable: 0,
          percent: null,
          unmeasuredFiles: ['eval/metrics.py'],
          measuredFiles: 0,
          untestedFiles: ['eval/metrics.py'],
          sources: [],
        },
        config: [],
      },
    }),
    makeItem({
      rank: 6,
      id: 'MON-006',
      title: 'No drift monitoring on score distribution',
      category: 'monitoring',
      owner: 'ana',
      score: 8,
      risk: { declared: 4, effective: 4, reasons: [] },
      frequency: {
        declared: 1,
        observed: 1,
        effective: 1,
        events: 0,
        ratePer30Days: 0,
        reasons: [],
      },
      costOfDelay: { declared: 2, money: null, effective: 2, reasons: [] },
      paths: ['monitoring/**'],
      location: { file: 'debt.yaml', line: 70, column: 5 },
      signals: {
        gitNotMeasured: null,
        deadGlobs: [],
        codeowners: null,
        practices: null,
        git: {
          commits: 1,
          fixCommits: 0,
          sharedFixCommits: 0,
          authors: 1,
          churn: null,
          lastChange: '2026-09-09',
          fixesByMonth: {},
          matchedFiles: 2,
          hotFiles: [{ path: 'monitoring/drift.py', commits: 1, fixCommits: 0 }],
          fixes: [],
        },
        coverage: null,
        config: null,
      },
    }),
  ];
}

/** The sample audit: 6 ranked items, total 168.0, gate failed on `fail_above: 50`. */
export function makeSampleReport(): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'mldebt', version: '0.1.0' },
    project: 'fraud-scoring',
    inventory: 'debt.yaml',
    repository: {
      head: '3f9c2a1b7d4e5f60718293a4b5c6d7e8f9012345',
      git: true,
      shallow: false,
    },
    window: { since: '2026-05-25', until: '2026-11-21', days: 180 },
    settings: {
      coverageFloor: 60,
      lineChurn: true,
      coverageReports: ['coverage.xml'],
      window: '180d',
      fixPattern: DEFAULT_SETTINGS.fix_pattern,
      fixExclude: DEFAULT_SETTINGS.fix_exclude,
      bots: [...DEFAULT_SETTINGS.bots],
      frequencyLevels: [...DEFAULT_SETTINGS.frequency_levels],
      costLevels: [...DEFAULT_SETTINGS.cost_levels],
      tagMultipliers: { ...DEFAULT_SETTINGS.tag_multipliers },
      practiceRisk: { ...DEFAULT_PRACTICE_RISK },
    },
    selection: { category: null, owner: null },
    totals: {
      score: 168,
      items: 6,
      byCategory: {
        data: 60,
        model: 54,
        configuration: 24,
        pipeline: 12,
        testing: 10,
        monitoring: 8,
      },
      costOfDelayPerWeek: 2500,
    },
    items: sampleItems(),
    notRanked: [
      {
        id: 'INFRA-007',
        title: 'GPU quota shared with research',
        category: 'infrastructure',
        owner: 'ops',
        ownerSource: 'inventory',
        status: 'accepted',
      },
    ],
    warnings: [
      {
        code: 'glob-no-match',
        message:
          'glob "tests/eval/**/*_test.py" matches no file (did you mean "test/eval/**/*_test.py"?)',
        itemId: 'TEST-005',
        location: { file: 'debt.yaml', line: 66, column: 9 },
      },
      {
        code: 'no-paths',
        message: 'PIPE-004 has no paths: no repository evidence',
        itemId: 'PIPE-004',
      },
    ],
    notes: [
      {
        code: 'young-repository',
        message: 'history starts 2026-01-04, after the window start 2026-05-25',
      },
    ],
    gate: {
      passed: false,
      reasons: ['DATA-001 score 60.0 > 50', 'MODEL-002 score 54.0 > 50'],
      thresholds: { failAbove: 50, failTotalAbove: 400, failOnIncrease: false },
    },
    baseline: null,
    reconciliation: [],
  };
}

/**
 * The sample audit with reconciliation findings: a resolved item still being fixed and an
 * undeclared hotspot, each also a warning.
 */
export function makeSampleReportWithReconciliation(): Report {
  const report = makeSampleReport();
  report.notRanked.push({
    id: 'INFRA-008',
    title: 'Image rebuilt from scratch on every CI run',
    category: 'infrastructure',
    owner: 'ops',
    ownerSource: 'inventory',
    status: 'resolved',
  });
  report.warnings.push(
    {
      code: 'resolved-still-failing',
      message: RESOLVED_MESSAGE,
      itemId: 'INFRA-008',
      location: { file: 'debt.yaml', line: 96, column: 15 },
    },
    { code: 'undeclared-hotspot', message: HOTSPOT_MESSAGE },
  );
  report.reconciliation = [
    {
      code: 'resolved-still-failing',
      itemId: 'INFRA-008',
      resolved: '2026-08-01',
      countedFrom: '2026-08-02',
      fixCommits: 3,
      first: {
        commit: 'a1b2c3d4e5',
        date: '2026-08-14',
        subject: 'fix(ci): cache key <ignored> deps',
      },
      last: { commit: 'f6e5d4c3b2', date: '2026-11-02', subject: 'fix(ci): stale | layers' },
      message: RESOLVED_MESSAGE,
    },
    {
      code: 'undeclared-hotspot',
      itemId: null,
      rank: 1,
      kind: 'directory',
      path: 'src/common/',
      files: ['src/common/retry.py', 'src/common/timeutil.py'],
      fixCommits: 9,
      commits: 10,
      message: HOTSPOT_MESSAGE,
    },
  ];
  return report;
}

const RESOLVED_MESSAGE =
  'INFRA-008 was resolved on 2026-08-01 but its paths received 3 fix commits since (a1b2c3d … f6e5d4c): reopen it if the debt is back';
const HOTSPOT_MESSAGE =
  "src/common/ (2 files) received 9 fix commits in the window and no item's paths cover it: run `mldebt init --append` to add it to the inventory";

/**
 * A comparison with a previous report (`previous.json`, total 164.0): one item rose, one fell,
 * one is new, one is unchanged, two were renamed (one of them rose), and one was resolved.
 */
export function makeSampleBaseline(): BaselineComparison {
  return {
    file: 'previous.json',
    previousTotal: 164,
    totalDelta: 4,
    items: [
      { id: 'DATA-001', status: 'changed', previous: 55.5, current: 60, delta: 4.5 },
      {
        id: 'MODEL-002',
        status: 'renamed',
        previousId: 'MODEL-099',
        previous: 54,
        current: 54,
        delta: 0,
      },
      { id: 'CONF-003', status: 'changed', previous: 26, current: 24, delta: -2 },
      { id: 'PIPE-004', status: 'new', previous: null, current: 12, delta: null },
      { id: 'TEST-005', status: 'unchanged', previous: 10, current: 10, delta: 0 },
      {
        id: 'MON-006',
        status: 'renamed',
        previousId: 'MON-001',
        previous: 6,
        current: 8,
        delta: 2,
      },
      { id: 'OLD-010', status: 'resolved', previous: 12.5, current: null, delta: null },
    ],
  };
}

/** The sample report compared with {@link makeSampleBaseline}. */
export function makeSampleReportWithBaseline(): Report {
  return { ...makeSampleReport(), baseline: makeSampleBaseline() };
}

/**
 * A report whose user-written text tries every markdown, HTML, CSV and workflow-command trick:
 * headings, HTML, links, e-mails, mentions, emphasis, code fences, tabs, CR/LF, entities,
 * math, trailing punctuation, `%`, `:` and `,` in paths. Renderers must print it literally.
 */
export function makeHostileReport(): Report {
  const report = makeSampleReport();
  const hostile = [
    '# Not a heading.',
    '<script>alert("x")</script> & &copy; &#169;',
    'see https://evil.example.com, www.example.com or @octocat, me@example.com',
    '**bold** _em_ ~~strike~~ [link](http://x) ![img](y) `code` ``double``',
    'tab\there\r\nCRLF\rCR 100% done: a,b #',
    '> quote\n- list\n1. ordered\n---\n=== $x$ math ||| ends with colon:',
  ];
  report.project = 'fraud|scoring <main> & co.';
  report.inventory = 'conf/debt file.yaml';
  report.items.forEach((item, index) => {
    item.title = hostile[index % hostile.length]!;
  });
  report.items[0]!.owner = '@octocat';
  report.items[0]!.evidence = 'line one\n\n# line two\n\n```\nfenced\n```\n<div>html</div>';
  report.items[0]!.signals.git!.hotFiles[0]!.path = 'src/we`ird/na``me.py';
  report.items[0]!.signals.git!.hotFiles[1]!.path = 'src/100%:a,b.py';
  report.items[0]!.paths = ['`starts-with-tick', 'src/**/*.py'];
  report.items[1]!.category = 'ml <ops>';
  report.items[1]!.tags = ['*star*'];
  report.items[1]!.multipliers = { '*star*': 1.25 };
  report.totals.byCategory = { ...report.totals.byCategory, 'ml <ops>': 54 };
  delete report.totals.byCategory.model;
  report.warnings.push({
    code: 'weird',
    message: '<b>bold</b>\nsecond line, 50% of https://x.example.com',
    location: { file: '/abs/path/debt.yaml', line: 3, column: 1 },
  });
  return report;
}
