// The bundled demo: the repository built from fixtures/demo/ must have the history the
// story promises (rename, merge, mailmap, a hot feature pipeline), be identical on every
// build, and fit debt.example.yaml (every glob matches a file, except the deliberate typo).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import {
  generateDemoCommits,
  loadDemoSpec,
  writeDemoWorkingTree,
} from '../scripts/lib/demo-history.js';
import type { CommitSpec } from '../scripts/lib/repo-builder.js';
import { buildRepo, git } from '../scripts/lib/repo-builder.js';
import type { Report } from '../src/model/index.js';
import { auditIn } from './helpers/audit-repo.js';
import { renderExplain, renderReport } from '../src/index.js';

const root = new URL('..', import.meta.url);
const FIX = /\b(fix(e[sd]|es)?|bug(fix)?|hotfix|revert|regression|incident)\b/i;
const TYPO_GLOB = 'src/monitoirng/**';

interface ExampleItem {
  id: string;
  paths?: string[];
}

let work: string;
let repo: string;
let commits: CommitSpec[];

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l !== '');
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'mldebt-demo-test-'));
  repo = join(work, 'repo');
  const spec = loadDemoSpec();
  commits = generateDemoCommits(spec);
  buildRepo(repo, commits);
  writeDemoWorkingTree(repo, spec);
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('demo repository', () => {
  it('has a year of history, a few hundred commits, ending on 2026-11-20', () => {
    const count = Number(git(repo, ['rev-list', '--count', 'HEAD']).trim());
    expect(count).toBe(commits.length);
    expect(count).toBeGreaterThanOrEqual(300);
    expect(count).toBeLessThanOrEqual(600);
    const dates = lines(git(repo, ['log', '--format=%cI']));
    expect(dates[0]).toBe('2026-11-20T16:42:00+00:00');
    expect(dates.at(-1)?.slice(0, 10)).toBe('2025-09-15');
  });

  it('follows transforms.py through its rename to transform_ops.py', () => {
    const log = git(repo, [
      'log',
      '--follow',
      '--name-status',
      '--format=%s',
      '--',
      'src/features/transform_ops.py',
    ]);
    expect(log).toMatch(/^R100\tsrc\/features\/transforms\.py\tsrc\/features\/transform_ops\.py$/m);
    expect(log).toContain('Initial import of fraud-scoring');
    expect(git(repo, ['ls-files', 'src/features/transforms.py'])).toBe('');
  });

  it('has a merge commit bringing in a feature branch', () => {
    const merges = lines(git(repo, ['log', '--merges', '--format=%H %s']));
    expect(merges).toHaveLength(1);
    expect(merges[0]).toContain("Merge branch 'feature/merchant-velocity'");
    const hash = merges[0]!.split(' ')[0]!;
    const parents = git(repo, ['rev-list', '--parents', '-n', '1', hash]).trim().split(' ');
    expect(parents).toHaveLength(3);
    const sideOnly = lines(git(repo, ['log', '--format=%an', `${parents[1]}..${parents[2]}`]));
    expect(sideOnly.length).toBeGreaterThanOrEqual(3);
    expect(new Set(sideOnly)).toEqual(new Set(['Farah Haddad']));
  });

  it('unifies both of Ana’s emails through the committed .mailmap', () => {
    const raw = git(repo, ['log', '--format=%ae']);
    expect(raw).toContain('ana@anas-mbp.local');
    expect(raw).toContain('ana.souza@acmepay.example');
    const shortlog = lines(git(repo, ['shortlog', '-se', 'HEAD']));
    expect(shortlog.filter((l) => /ana/i.test(l))).toHaveLength(1);
    expect(shortlog.join('\n')).not.toContain('anas-mbp.local');
    expect(shortlog).toHaveLength(6);
  });

  it('makes the feature pipeline the hot, buggy area of the last 180 days', () => {
    const fixes = (path: string) =>
      lines(
        git(repo, ['log', '--no-merges', '--since=2026-05-24', '--format=%s', '--', path]),
      ).filter((s) => FIX.test(s)).length;
    const features = fixes('src/features');
    expect(features).toBeGreaterThanOrEqual(20);
    for (const other of ['src/ingest', 'src/training', 'src/serving', 'src/monitoring']) {
      expect(fixes(other)).toBeLessThan(features / 3);
    }
  });

  it('leaves prod.yaml untouched since the import, with a hardcoded key', () => {
    const last = git(repo, ['log', '-1', '--format=%cs', '--', 'configs/prod.yaml']).trim();
    expect(last).toBe('2025-09-15');
    expect(readFileSync(join(repo, 'configs/prod.yaml'), 'utf8')).toMatch(/api_key: sk-live-/);
  });

  it('writes an ignored local config outside history', () => {
    expect(git(repo, ['status', '--porcelain', '--ignored'])).toBe('!! configs/local.yaml\n');
  });

  it('is deterministic: building twice gives the same HEAD', () => {
    const again = join(work, 'again');
    buildRepo(again, generateDemoCommits(loadDemoSpec()));
    const head = (dir: string) => git(dir, ['rev-parse', 'HEAD']).trim();
    expect(head(again)).toBe(head(repo));
  });
});

describe('debt.example.yaml against the demo repository', () => {
  const text = readFileSync(new URL('debt.example.yaml', root), 'utf8');
  const inventory = parse(text) as { items: ExampleItem[] };

  it('starts with the schema modeline and covers all eight categories', () => {
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=./schema/debt.schema.json');
    const categories = new Set(
      (inventory.items as unknown as { category: string }[]).map((i) => i.category),
    );
    expect([...categories].sort()).toEqual([
      'configuration',
      'data',
      'infrastructure',
      'model',
      'monitoring',
      'pipeline',
      'reproducibility',
      'testing',
    ]);
  });

  it('has globs that all match a tracked file, except the deliberate typo', () => {
    const tracked = lines(git(repo, ['ls-files']));
    const unmatched: string[] = [];
    for (const item of inventory.items) {
      for (const glob of item.paths ?? []) {
        const match = picomatch(glob, { dot: true });
        if (!tracked.some((f) => match(f))) unmatched.push(`${item.id}: ${glob}`);
      }
    }
    expect(unmatched).toEqual([`MON-002: ${TYPO_GLOB}`]);
  });

  it('names the renamed transforms file by its new name only', () => {
    const globs = inventory.items.flatMap((i) => i.paths ?? []);
    expect(globs).toContain('src/features/transform_ops.py');
    expect(globs.some((g) => g.includes('transforms.py'))).toBe(false);
  });
});

describe('mldebt on the demo', () => {
  // What the demo shows is data: the API's Report, which `audit --format json` prints. The
  // gate passing is what the command's exit 0 meant.
  // One audit per coverage report, shared by the tests that read it (each takes seconds).
  const audits = new Map<string, Promise<Report>>();
  const audit = async (coverage: string): Promise<Report> => {
    let pending = audits.get(coverage);
    if (pending === undefined) {
      pending = auditIn(work, {
        repo,
        config: fileURLToPath(new URL('debt.example.yaml', root)),
        coverage: [coverage],
      });
      audits.set(coverage, pending);
    }
    const report = await pending;
    expect(report.gate.passed).toBe(true);
    return report;
  };
  const coverageOf = (report: Report) =>
    Object.fromEntries(
      report.items.map((i) => [
        i.id,
        i.signals.coverage && [i.signals.coverage.covered, i.signals.coverage.coverable],
      ]),
    );
  const reports = fileURLToPath(new URL('fixtures/demo/coverage/', root));

  it('shows the same coverage per item from coverage.py’s JSON and lcov of one run', async () => {
    // Both list executed module docstrings as hit lines, which coverage.py's own report
    // and XML count as no statement (test/coverage/demo-reports.test.ts): the XML reads
    // those lines fewer, the JSON and the lcov agree.
    const xml = coverageOf(await audit(join(reports, 'coverage.xml')));
    const json = coverageOf(await audit(join(reports, 'coverage.json')));
    const lcov = coverageOf(await audit(join(reports, 'coverage.lcov')));
    expect(json).toEqual(lcov);
    expect(xml['DATA-001']).toEqual([98, 184]);
    expect(xml['TEST-001']).toEqual([0, 58]); // serving: no test imports it
    expect(xml['CONF-001']).toEqual([0, 0]); // YAML only: nothing for coverage to measure
  });

  it('ranks the hot, buggy feature pipeline first', async () => {
    const report = await audit(join(reports, 'coverage.lcov'));
    expect(report.items[0]?.id).toBe('DATA-001');
    expect(report.items[0]?.signals.git).toMatchObject({ commits: 87, fixCommits: 35, authors: 4 });
    expect(report.warnings.map((w) => w.code)).toEqual([
      'no-paths',
      'glob-no-match',
      'resolved-still-failing',
      'dead-item',
      'undeclared-hotspot',
      'undeclared-hotspot',
      'undeclared-hotspot',
    ]);
  });

  it('flags INFRA-002, resolved while its workflow keeps getting fixes, and the typo item', async () => {
    const report = await audit(join(reports, 'coverage.lcov'));
    const short = (subject: string) =>
      git(repo, [
        'log',
        '--format=%h',
        '--abbrev=7',
        '--fixed-strings',
        `--grep=${subject}`,
      ]).trim();
    const first = short('fix(ci): cache key ignored requirements.txt');
    const last = short('fix(ci): cache-from read the staging registry');
    expect(report.reconciliation.map((f) => [f.code, f.itemId ?? f.code])).toEqual([
      ['resolved-still-failing', 'INFRA-002'],
      ['dead-item', 'MON-002'],
      ['undeclared-hotspot', 'undeclared-hotspot'],
      ['undeclared-hotspot', 'undeclared-hotspot'],
      ['undeclared-hotspot', 'undeclared-hotspot'],
    ]);
    expect(report.reconciliation[0]!.message).toBe(
      `INFRA-002 was resolved on 2026-06-10 but its paths received 3 fix commits since (${first} … ${last}): reopen it if the debt is back`,
    );
    // The undeclared hotspot the demo plants comes first; INFRA-002 stays unranked.
    expect(report.reconciliation[2]).toMatchObject({ path: 'src/common/', fixCommits: 9 });
    expect(report.items.map((i) => i.id)).not.toContain('INFRA-002');
    const markdown = await renderReport(report, 'markdown', { color: false });
    expect(markdown).toContain(
      '| Dead item | MON-002 | src/monitoirng/\\*\\* matches nothing at HEAD or in the window |',
    );
  });

  it('finds every kind of ML practice finding on the item it belongs to, and explains it', async () => {
    const report = await audit(join(reports, 'coverage.xml'));
    const kindsOf = (id: string) =>
      report.items.find((i) => i.id === id)!.signals.practices!.map((f) => `${f.kind} ${f.file}`);
    expect(kindsOf('DATA-002')).toContain('data-in-git data/reference/merchants_2025_08.parquet');
    expect(kindsOf('REPRO-001')).toContain('unpinned-dependency requirements.txt');
    expect(kindsOf('REPRO-001')).toContain('no-tracking src/training/__init__.py');
    expect(kindsOf('MODEL-001')).toContain('magic-number src/serving/predictor.py');
    expect(kindsOf('DATA-001')).toContain('no-validation src/features/__init__.py');
    const repro = report.items.find((i) => i.id === 'REPRO-001')!;
    expect(repro.risk.reasons).toContain('+1 practice finding: unpinned-dependency');
    const text = renderExplain(report, repro);
    expect(text).toContain('unpinned-dependency: why it matters:');
    expect(text).toContain('no-tracking: fix:');
  });

  it('shows the planted config evidence on CONF-001, the secret by key and line only', async () => {
    const report = await audit(join(reports, 'coverage.xml'));
    const conf = report.items.find((i) => i.id === 'CONF-001')!;
    const found = (conf.signals.config ?? []).map((f) => [f.kind, f.file, f.line, f.key]);
    expect(found).toEqual([
      ['unversioned', 'configs/local.yaml', null, null],
      ['drift', 'configs/prod.yaml', null, null],
      ['secret', 'configs/prod.yaml', 15, 'api.api_key'],
      ['stale', 'configs/prod.yaml', null, null],
      ['drift', 'configs/staging.yaml', null, null],
    ]);
    expect(conf.risk.reasons).toEqual(
      expect.arrayContaining(['+1 config finding: drift', '+1 config finding: unversioned']),
    );
    // No other item selects a config file.
    const others = report.items.filter((i) => i.id !== 'CONF-001');
    expect(others.flatMap((i) => i.signals.config ?? [])).toEqual([]);
    expect(JSON.stringify(report)).not.toContain('sk-live-');
  });

  it('gives DATA-002 its CODEOWNERS owner, and counts the pager export on TEST-001', async () => {
    const report = await audit(join(reports, 'coverage.xml'));
    expect(report.items.find((i) => i.id === 'DATA-002')).toMatchObject({
      owner: '@acmepay/ml-platform',
      ownerSource: 'codeowners',
    });
    const paged = await auditIn(work, {
      repo,
      config: fileURLToPath(new URL('debt.example.yaml', root)),
      coverage: [join(reports, 'coverage.xml')],
      incidents: [fileURLToPath(new URL('fixtures/demo/incidents/pagerduty.csv', root))],
    });
    const before = report.items.find((i) => i.id === 'TEST-001')!;
    const after = paged.items.find((i) => i.id === 'TEST-001')!;
    // 1 fix commit, then + 4188 and 4230 (re-exported once: counted once); 3990 predates the
    // window. 3 events in 180 days = 0.5 per 30 days: level 3.
    expect([before.frequency.events, before.frequency.effective]).toEqual([1, 2]);
    expect([after.frequency.events, after.frequency.effective]).toEqual([3, 3]);
    expect(after.incidents.map((i) => [i.ref, i.source])).toEqual([
      ['4188', expect.stringMatching(/pagerduty\.csv$/)],
      ['4230', expect.stringMatching(/pagerduty\.csv$/)],
    ]);
    const markdown = await renderReport(paged, 'markdown', { color: false });
    expect(markdown).toMatch(
      /- 2026-10-21 4230: Scoring API p99 latency .* \(from .*pagerduty\.csv\)\n/,
    );
    expect(paged.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(
        /pagerduty\.csv: 1 of 6 rows map to no item \(services: payments-gateway\)/,
      ),
    );
  });
});
