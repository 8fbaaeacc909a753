/**
 * Line churn read only within the items' globs: the pathspecs are a superset of what the
 * globs select (checked against git's own selection), and an audit with them is the audit
 * with churn for every path, byte for byte — on a history whose renames cross the scope's
 * edge both ways, with a directory moved into it, binary files and commits outside it; cold,
 * and warm from a cache filled by an audit of other items; and `scan` (every path's churn)
 * after a scoped audit filled the cache.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git, type CommitSpec } from '../../scripts/lib/repo-builder.js';
import { audit, renderScan, scan } from '../../src/index.js';
import { renderReport } from '../../src/report/registry.js';
import {
  ChurnGuard,
  ChurnScope,
  churnScopeOf,
  MAX_PATHSPECS,
} from '../../src/signals/git/churn-scope.js';
import { CHURN_SCOPE_VARIABLE, churnForAllPaths } from '../../src/signals/git/pass-knobs.js';
import type { LogCommit } from '../../src/signals/git/log-stream.js';
import { joinChurn } from '../../src/signals/git/scoped-walk.js';
import { compileItemGlobs } from '../../src/util/glob.js';
import {
  auditError,
  inventoryOf,
  itemYaml,
  makeRepo,
  tempDir,
  testEnv,
} from '../helpers/audit-repo.js';
import { runInProcess } from '../helpers/run-in-process.js';

const temp = tempDir('churn-scope');
afterAll(temp.remove);

const ana = { name: 'Ana', email: 'ana@example.com' };
const bo = { name: 'Bo', email: 'bo@example.com' };
const day = (n: number) => new Date(Date.UTC(2024, 0, 1, 12) + n * 86_400_000).toISOString();

/** Eight lines of text that stay similar enough for git to see renames. */
const body = (name: string, i: number) =>
  Array.from({ length: 8 }, (_, line) => `${name} line ${line}${line === 7 ? ` v${i}` : ''}`).join(
    '\n',
  ) + '\n';

/**
 * 30 commits. In scope (`src/**\/*.py`): `src/model.py` changes often. Across the edge:
 * `lib/util.py` (outside) changes, then is renamed into `src/util.py` at 20 and changes there;
 * `src/old.py` (inside) changes, then is renamed out to `tools/old.py` at 22 and changes there;
 * the `legacy/` directory moves into `src/legacy/` at 25. Outside: docs, a config, a binary.
 */
function history(): CommitSpec[] {
  const commits: CommitSpec[] = [
    {
      date: day(0),
      author: ana,
      message: 'Initial import',
      files: {
        'src/model.py': body('model', 0),
        'src/old.py': body('old', 0),
        'lib/util.py': body('util', 0),
        'legacy/a.py': body('a', 0),
        'legacy/b.py': body('b', 0),
        'src/weights.bin': '\0\x01w0',
        'docs/guide.md': 'guide 0\n',
        'docs/api.md': 'api 0\n',
        'conf/app.yaml': 'a: 0\n',
        'README.md': 'readme\n',
      },
    },
  ];
  for (let i = 1; i <= 29; i++) {
    const files: Record<string, string | null> = {};
    let message = `Change ${i}`;
    const spec: CommitSpec = { date: day(i * 10), author: i % 2 ? ana : bo, message, files };
    if (i % 2 === 0) files['src/model.py'] = body('model', i);
    if (i % 3 === 0) files[i < 20 ? 'lib/util.py' : 'src/util.py'] = body('util', i);
    if (i % 4 === 0) files[i < 22 ? 'src/old.py' : 'tools/old.py'] = body('old', i);
    if (i % 5 === 0)
      files['legacy/a.py'.replace('legacy', i < 25 ? 'legacy' : 'src/legacy')] = body('a', i);
    if (i % 7 === 0) files['src/weights.bin'] = `\0\x01w${i}`;
    if (i === 11 || i === 13) {
      // Only outside the scope.
      for (const key of Object.keys(files)) delete files[key];
      files['docs/guide.md'] = `guide ${i}\n`;
      files['conf/app.yaml'] = `a: ${i}\n`;
    }
    if (i % 6 === 0) message = `fix: bug ${i}`;
    spec.message = message;
    if (i === 20) {
      delete files['src/util.py'];
      spec.renames = [['lib/util.py', 'src/util.py']];
    }
    if (i === 22) {
      delete files['tools/old.py'];
      spec.renames = [['src/old.py', 'tools/old.py']];
    }
    if (i === 25) {
      delete files['src/legacy/a.py'];
      spec.renames = [
        ['legacy/a.py', 'src/legacy/a.py'],
        ['legacy/b.py', 'src/legacy/b.py'],
      ];
    }
    commits.push(spec);
  }
  return commits;
}

const SETTINGS = 'settings:\n  window: 400d\n  stale_after: 365d\n';
const SRC_INVENTORY = inventoryOf(
  [itemYaml('SRC-001', ['src/**/*.py']), itemYaml('BIN-001', ['src/weights.bin'])],
  SETTINGS,
);
const DOCS_INVENTORY = inventoryOf([itemYaml('DOCS-001', ['docs/**'])], SETTINGS);

const repo = makeRepo(temp.dir, 'repo', history(), SRC_INVENTORY);
writeFileSync(join(repo, 'docs.yaml'), DOCS_INVENTORY);
const tracked = git(repo, ['ls-files']).trim().split('\n');

async function auditJson(
  config: string,
  env: NodeJS.ProcessEnv,
  extra: { cache?: boolean; debug?: string[] } = {},
): Promise<string> {
  const { report } = await audit({
    cwd: repo,
    config,
    env,
    cache: extra.cache ?? false,
    onDebug: (line) => extra.debug?.push(line),
  });
  return renderReport(report, 'json', { color: false });
}

describe('the churn scope of item globs', () => {
  it('is a superset pathspec per glob, narrowed by file name where the last segment says so', () => {
    const scope = churnScopeOf(
      ['src/**/*.py', 'src/weights.bin', 'conf/*.yaml', '!src/legacy/**', 'data/features/**'],
      // Few of these files are selected: the split pays.
      Array.from({ length: 20 }, (_, i) => `other/${i}.txt`),
      {},
    );
    expect(scope?.pathspecs).toEqual([
      ':(glob)conf/**/*.yaml',
      ':(literal)data/features',
      ':(glob)src/**/*.py',
      ':(literal)src/weights.bin',
    ]);
  });

  it('drops what a whole directory already holds, and coarsens too many pathspecs', () => {
    const few = churnScopeOf(['src/**', 'src/a/**/*.py', 'src/b.py', 'srcx/**'], [], {});
    expect(few?.pathspecs).toEqual([':(literal)src', ':(literal)srcx']);
    const many = Array.from({ length: MAX_PATHSPECS + 1 }, (_, i) => `pkg/**/m${i}_*.py`);
    expect(churnScopeOf(many, [], {})?.pathspecs).toEqual([':(literal)pkg']);
    const dirs = Array.from({ length: MAX_PATHSPECS + 1 }, (_, i) => `m${i}/**`);
    expect(churnScopeOf(dirs, [], {})).toBeNull();
  });

  it('is every path for a glob without a base, an escape, most of the files, or the knob', () => {
    const files = ['a/1.txt', 'b/2.txt', 'c/3.txt'];
    expect(churnScopeOf(['**'], files, {})).toBeNull();
    expect(churnScopeOf(['src/{a,b}/**', '**/x*'], files, {})).not.toBeNull();
    expect(churnScopeOf(['{src,lib}/**'], files, {})).toBeNull();
    expect(churnScopeOf(['src/\\*odd.py'], files, {})).toBeNull();
    expect(churnScopeOf(['a/**', 'b/**'], files, {})).toBeNull();
    expect(churnScopeOf(['a/**'], files, {})).not.toBeNull();
    expect(churnScopeOf(['a/**'], files, { [CHURN_SCOPE_VARIABLE]: 'all' })).toBeNull();
  });

  it('reads MLDEBT_CHURN_SCOPE as "all" or unset, and refuses anything else before git runs', async () => {
    expect(churnForAllPaths({})).toBe(false);
    expect(churnForAllPaths({ [CHURN_SCOPE_VARIABLE]: ' ' })).toBe(false);
    expect(churnForAllPaths({ [CHURN_SCOPE_VARIABLE]: ' all ' })).toBe(true);
    const message =
      'MLDEBT_CHURN_SCOPE (a testing and benchmarking knob) must be "all" (line churn read for every path) or unset';
    for (const bad of ['ALL', 'none', 'yes']) {
      expect(() => churnForAllPaths({ [CHURN_SCOPE_VARIABLE]: bad }), bad).toThrow(message);
    }
    expect(await auditError(repo, { env: testEnv(repo, { [CHURN_SCOPE_VARIABLE]: 'al' }) })).toBe(
      message,
    );
    // The CLI: one line, exit 2, nothing left pending behind it.
    const cli = await runInProcess(['audit', '--format', 'json'], {
      cwd: repo,
      env: { [CHURN_SCOPE_VARIABLE]: 'al' },
    });
    expect(cli.status).toBe(2);
    expect(cli.stdout).toBe('');
    expect(cli.stderr).toBe(`mldebt: ${message}\n`);
  });

  it('selects in JavaScript exactly what git selects, and everything the globs select', () => {
    const globs = ['src/**/*.py', 'src/weights.bin', 'docs/g*', '**/*.yaml'];
    const scope = new ChurnScope([]);
    expect(scope.includes('anything')).toBe(false);
    const made = churnScopeOf(
      globs,
      tracked.slice(0, 1).map((f) => `x/${f}`),
      {},
    )!;
    const byGit = git(repo, ['ls-files', '--', ...made.pathspecs])
      .trim()
      .split('\n');
    expect(tracked.filter((path) => made.includes(path))).toEqual(byGit);
    const matcher = compileItemGlobs(globs);
    const selected = tracked.filter(matcher);
    expect(selected.length).toBeGreaterThan(4);
    for (const path of selected) expect(made.includes(path)).toBe(true);
    // and it is narrower than everything
    expect(byGit).not.toContain('README.md');
    expect(byGit).not.toContain('docs/api.md');
  });
});

describe('joining names and limited line counts', () => {
  const scope = churnScopeOf(['src/**/*.py'], [], {})!;
  const commit = (changes: LogCommit['changes']): LogCommit => ({
    hash: 'a'.repeat(40),
    root: false,
    email: 'ana@example.com',
    name: 'Ana',
    time: 0,
    subject: 's',
    changes,
  });

  it('takes each count from the same path and old path, and leaves the rest unmeasured', () => {
    const named = commit([
      { path: 'src/a.py', churn: null },
      { path: 'docs/x.md', churn: null },
    ]);
    expect(joinChurn(named, commit([{ path: 'src/a.py', churn: 7 }]), scope)).toBe(true);
    expect(named.changes).toEqual([
      { path: 'src/a.py', churn: 7 },
      { path: 'docs/x.md', churn: null },
    ]);
  });

  it('refuses a commit whose rename crosses the scope’s edge (git saw an addition)', () => {
    const named = commit([{ path: 'src/u.py', oldPath: 'lib/u.py', churn: null }]);
    expect(joinChurn(named, commit([{ path: 'src/u.py', churn: 8 }]), scope)).toBe(false);
    const extra = commit([{ path: 'src/a.py', churn: null }]);
    const counted = commit([
      { path: 'src/a.py', churn: 1 },
      { path: 'src/b.py', churn: 2 },
    ]);
    expect(joinChurn(extra, counted, scope)).toBe(false);
  });

  it('asks for the churn of a name a later commit renames into the scope, at any depth', () => {
    const guard = new ChurnGuard(scope);
    // Newest first: c.py → src/c.py, then (older) b.py → c.py, then a change to b.py.
    expect(guard.complete(commit([{ path: 'src/c.py', oldPath: 'c.py', churn: 1 }]))).toBe(true);
    expect(guard.complete(commit([{ path: 'c.py', oldPath: 'b.py', churn: null }]))).toBe(false);
    expect(guard.complete(commit([{ path: 'b.py', churn: null }]))).toBe(false);
    expect(guard.complete(commit([{ path: 'elsewhere.py', churn: null }]))).toBe(true);
    expect(new ChurnGuard(null).complete(commit([{ path: 'x', churn: null }]))).toBe(false);
  });
});

describe('an audit with churn read within its items’ globs', () => {
  it('is the audit with churn for every path, and says so under --debug', async () => {
    const debug: string[] = [];
    const scoped = await auditJson('debt.yaml', testEnv(repo), { debug });
    const whole = await auditJson('debt.yaml', testEnv(repo, { [CHURN_SCOPE_VARIABLE]: 'all' }));
    expect(scoped).toBe(whole);
    expect(debug).toContain(
      'history: names of every path; line churn only within :(glob)src/**/*.py :(literal)src/weights.bin',
    );
    // The renames across the edge were caught and their commits diffed again in full.
    expect(debug.some((line) => /^history: \d+ commits diffed again in full/.test(line))).toBe(
      true,
    );
    const item = JSON.parse(scoped).items.find((i: { id: string }) => i.id === 'SRC-001');
    // util.py's history under lib/ counts: the churn before its rename into src/ is measured.
    expect(item.signals.git.hotFiles.map((f: { path: string }) => f.path)).toContain('src/util.py');
    expect(item.signals.git.churn).toBeGreaterThan(0);
  });

  it('is the same warm, from a cache an audit of other items filled, and scan after it too', async () => {
    const env = testEnv(repo);
    const whole = testEnv(repo, { [CHURN_SCOPE_VARIABLE]: 'all' });
    // The docs audit caches counts for docs/ only; the src audit must count src/ again.
    expect(await auditJson('docs.yaml', env, { cache: true })).toBe(
      await auditJson('docs.yaml', whole),
    );
    const debug: string[] = [];
    expect(await auditJson('debt.yaml', env, { cache: true, debug })).toBe(
      await auditJson('debt.yaml', whole),
    );
    expect(debug.find((line) => line.includes('from the cache'))).toMatch(/; 30 of 30 commits/);
    expect(debug.some((line) => / commits diffed again in full/.test(line))).toBe(true);
    // Now the cache holds every count the src audit needs: nothing is diffed again.
    const again: string[] = [];
    await auditJson('debt.yaml', env, { cache: true, debug: again });
    expect(again.some((line) => / diffed again/.test(line))).toBe(false);
    // scan reads every path's churn: what the cache lacks is diffed again.
    const warmScan = await scan({ cwd: repo, env, cache: true });
    const coldScan = await scan({ cwd: repo, env: testEnv(repo), cache: false });
    expect(warmScan.report.rows.some((row) => (row.churn ?? 0) > 0)).toBe(true);
    expect(await renderScan(warmScan.report, 'json', { color: false })).toBe(
      await renderScan(coldScan.report, 'json', { color: false }),
    );
  });
});
