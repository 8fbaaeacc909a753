// `npm run bench`: the performance budgets, measured side by side in one run and printed as
// one table of ratios against peers.
//
//   node scripts/bench.js [--commits 50000] [--runs 3] [--repo <checkout>]... [--since 20y]
//   quick mode for development: --commits 10000 --runs 1
//
// On the generated repository (--commits, built once in the temp directory and reused) and
// on each --repo (a real repository of 10,000+ commits), alternating runs, median of --runs:
//   cold audit                  vs one `git log --no-merges -M --numstat` pass   ≤ 0.8×
//   audit --no-line-churn       vs code-complexity on the same commits           ≤ 0.6×
//   warm re-run (same commit)   vs that git pass                                 ≤ 0.1×
//   next commit (one more)      vs that git pass                                 ≤ 0.15×
//   trend, 6 points             vs one audit                                     ≤ 1.2×
//   1,000 items                 vs 10 items, same history                        ≤ 1.5×
//   peak RSS of mldebt's own process at 10k, 25k and 50k commits: < 250 MB and flat
// then `mldebt --version` against a bare `node -e 0`, and lcov parsing throughput.
//
// Beside each time against git or code-complexity, the CPU the runs used (Linux: all their
// processes, from /proc; mldebt's own process from a preload) and the ratio that CPU allows
// at best, spread over every core with none idle: a budget below it is out of reach on this
// machine for any schedule of the same work, and the missed-budget line says so.
//
// Cold runs get an empty cache directory of their own (XDG_CACHE_HOME), so they are cold
// whether or not this build caches. The warm and next-commit rows need the cache: until
// `mldebt audit --help` offers --no-cache they print "not built" and never fail the run.
// Exit code 1 naming each budget missed, so the bench can gate a release.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { benchCommits } from './lib/bench-history.js';
import { formatCpu, formatTable, judge } from './lib/bench-budgets.js';
import { itemsFromFiles } from './lib/bench-items.js';
import { childrenCpuSeconds, ownCpuSeconds } from './lib/process-cpu.js';
import { buildRepoStreaming } from './lib/repo-builder.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'mldebt.js');
const codeComplexity = join(
  root,
  'node_modules',
  'code-complexity',
  'dist',
  'bin',
  'code-complexity.js',
);

function parseArgs(argv) {
  const opts = { commits: 50_000, runs: 3, repos: [], since: '20y' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--commits') opts.commits = Number(argv[++i]);
    else if (a === '--runs') opts.runs = Number(argv[++i]);
    else if (a === '--repo') opts.repos.push(argv[++i]);
    else if (a === '--since') opts.since = argv[++i];
    else throw new Error(`bench: unknown argument ${a}`);
  }
  if (!Number.isInteger(opts.commits) || opts.commits < 2)
    throw new Error('bench: --commits needs a whole number of at least 2');
  if (!Number.isInteger(opts.runs) || opts.runs < 1)
    throw new Error('bench: --runs needs a whole number of at least 1');
  return opts;
}

/**
 * Runs a command to completion, draining stdout (as a reader of its output would): its wall
 * time, and the CPU it and every process it waited for used (null where unreadable).
 */
function timed(cmd, args, cwd, env = {}) {
  return new Promise((resolve, reject) => {
    const cpuBefore = childrenCpuSeconds();
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', ...env },
    });
    let bytes = 0;
    let stderr = '';
    child.stdout.on('data', (d) => (bytes += d.length));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const cpuAfter = childrenCpuSeconds();
      const cpu = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
      if (code !== 0 && code !== 1)
        reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.slice(0, 500)}`));
      else resolve({ seconds, cpu, own: ownCpuSeconds(stderr), bytes, stderr });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Preloaded into every mldebt run the bench measures: it reports its own RSS and CPU. */
const preload = join(root, 'scripts', 'lib', 'report-usage.js');

/**
 * Peak RSS of the mldebt process itself (a preload reports process.resourceUsage().maxRSS at
 * exit), and of the whole process tree via /usr/bin/time when present: git's own diffing
 * memory is not ours to budget, but it is shown.
 */
function peakRssMb(args, cwd, env = {}) {
  const res = spawnSync(process.execPath, ['--import', preload, bin, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, ...env },
  });
  const own = /mldebt-bench-rss (\d+)/.exec(res.stderr);
  let tree = null;
  if (existsSync('/usr/bin/time')) {
    const timed = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bin, ...args], {
      cwd,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      env: { ...process.env, ...env },
    });
    const kb = Number(timed.stderr.trim().split('\n').at(-1));
    tree = Number.isFinite(kb) ? Math.round(kb / 1024) : null;
  }
  return { own: own ? Math.round(Number(own[1]) / 1024) : null, tree };
}

function gitSince(cwd, since) {
  // The same window start mldebt computes: `since` back from HEAD's committer date.
  const head = Number(
    spawnSync('git', ['log', '-1', '--format=%ct'], { cwd, encoding: 'utf8' }).stdout.trim(),
  );
  const n = Number(since.slice(0, -1));
  const unit = since.at(-1);
  const d = new Date(head * 1000);
  if (unit === 'd') d.setTime(d.getTime() - n * 86_400_000);
  else if (unit === 'w') d.setTime(d.getTime() - n * 7 * 86_400_000);
  else if (unit === 'm') d.setUTCMonth(d.getUTCMonth() - n);
  else d.setUTCMonth(d.getUTCMonth() - 12 * n);
  return { seconds: Math.ceil(d.getTime() / 1000), iso: d.toISOString().slice(0, 10) };
}

const round = (x) => Math.round(x * 1000) / 1000;

/** Whether this build caches history (then warm and next-commit runs are measured). */
function cacheBuilt() {
  const help = spawnSync(process.execPath, [bin, 'audit', '--help'], { encoding: 'utf8' });
  return help.stdout.includes('--no-cache');
}

/** A fresh, empty cache directory: a cold run, whether or not this build caches. */
function emptyCache(work) {
  return { XDG_CACHE_HOME: mkdtempSync(join(work, 'cache-')) };
}

function gitOut(cwd, args) {
  return spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 }).stdout.trim();
}

/**
 * Times each named run `runs` times, alternating between them (so a slower minute of the
 * machine hits every contender alike), one at a time (so each run's CPU is its own), and
 * returns each run's median in seconds (`t`), and the medians of its CPU seconds, all
 * processes and mldebt's own (`cpu`; null where not read).
 */
async function medians(runs, count) {
  const keys = Object.keys(runs);
  const results = Object.fromEntries(keys.map((k) => [k, []]));
  for (let r = 0; r < count; r++) {
    for (const [k, run] of Object.entries(runs)) {
      const res = await run();
      if (res !== null) results[k].push(res);
    }
  }
  const mid = (values) =>
    values.length === 0 || values.some((v) => v === null) ? null : round(median(values));
  return {
    t: Object.fromEntries(keys.map((k) => [k, mid(results[k].map((r) => r.seconds))])),
    cpu: Object.fromEntries(
      keys.map((k) => [
        k,
        { total: mid(results[k].map((r) => r.cpu)), own: mid(results[k].map((r) => r.own)) },
      ]),
    ),
  };
}

/**
 * The clone the next-commit row runs on: the repository plus one commit (on branch
 * `bench-next`, base at `bench-base`), made once; each run fills a fresh cache at the base,
 * then times the audit of the commit after it.
 */
function nextCommitClone(dir, work) {
  const clone = join(work, 'next-commit');
  if (!existsSync(join(clone, '.git'))) {
    rmSync(clone, { recursive: true, force: true });
    execGit(work, ['clone', '-q', '--no-hardlinks', dir, clone]);
    execGit(clone, ['branch', '-f', 'bench-base', 'HEAD']);
    execGit(clone, ['checkout', '-q', '-B', 'bench-next']);
    const file =
      gitOut(clone, ['ls-files'])
        .split('\n')
        .find((f) => f.endsWith('.py')) ?? 'NEXT';
    writeFileSync(
      join(clone, file),
      `${existsSync(join(clone, file)) ? readFileSync(join(clone, file), 'utf8') : ''}next = 1\n`,
    );
    execGit(clone, ['add', file]);
    const when = Number(gitOut(clone, ['log', '-1', '--format=%ct'])) + 3600;
    execGit(clone, ['commit', '-q', '-m', 'fix: the next commit'], {
      GIT_AUTHOR_DATE: `@${when}`,
      GIT_COMMITTER_DATE: `@${when}`,
      GIT_AUTHOR_NAME: 'Bench',
      GIT_AUTHOR_EMAIL: 'bench@example.com',
      GIT_COMMITTER_NAME: 'Bench',
      GIT_COMMITTER_EMAIL: 'bench@example.com',
    });
  }
  return clone;
}

function execGit(cwd, args, env = {}) {
  const res = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  if (res.status !== 0) throw new Error(`bench: git ${args.join(' ')}: ${res.stderr.trim()}`);
  return res.stdout;
}

/** The commit at which about `count` non-merge commits lie behind (for RSS at 10k, 25k...). */
function commitAtCount(dir, count) {
  const all = gitOut(dir, ['rev-list', '--no-merges', '--reverse', 'HEAD']).split('\n');
  return count >= all.length ? 'HEAD' : all[count - 1];
}

async function benchRepository(name, dir, opts, work, rssAt) {
  const since = gitSince(dir, opts.since);
  const commitsInWindow = Number(
    gitOut(dir, ['rev-list', '--count', '--no-merges', `--since=@${since.seconds}`, 'HEAD']),
  );
  const files = gitOut(dir, ['ls-files']).split('\n').filter(Boolean);
  const inventory = (count) => {
    const file = join(work, `debt-${name.replace(/\W+/g, '-')}-${count}.yaml`);
    writeFileSync(file, stringify(itemsFromFiles(files, count)));
    return file;
  };
  const inv10 = inventory(10);
  const inv1000 = inventory(1000);
  const audit = (inv, extra = []) => [
    'audit',
    '--repo',
    dir,
    '--config',
    inv,
    '--since',
    opts.since,
    '--format',
    'json',
    ...extra,
  ];
  const mldebt = (args, env) =>
    timed(process.execPath, ['--import', preload, bin, ...args], dir, env);
  const caching = cacheBuilt();
  const warmCache = caching ? emptyCache(work) : null;
  const nextClone = caching ? nextCommitClone(dir, work) : null;
  const runs = {
    gitLog: () =>
      timed(
        'git',
        ['log', '--no-merges', '-M', '--numstat', `--since=@${since.seconds}`, 'HEAD'],
        dir,
      ),
    cold: () => mldebt(audit(inv10), emptyCache(work)),
    noChurn: () => mldebt(audit(inv10, ['--no-line-churn']), emptyCache(work)),
    codeComplexity: () =>
      timed(
        process.execPath,
        [codeComplexity, '.', `--since=${since.iso}`, '-cs', 'sloc', '--format', 'json'],
        dir,
      ),
    // Six points: five month ends and the window's end.
    trend: () =>
      mldebt(
        [
          'trend',
          '--repo',
          dir,
          '--config',
          inv10,
          '--since',
          opts.since,
          '--months',
          '5',
          '--format',
          'json',
        ],
        emptyCache(work),
      ),
    items10: () => mldebt(audit(inv10), emptyCache(work)),
    items1000: () => mldebt(audit(inv1000), emptyCache(work)),
    warm: async () => {
      if (warmCache === null) return null;
      await mldebt(audit(inv10), warmCache); // fills it (the first time), then the timed run
      return mldebt(audit(inv10), warmCache);
    },
    next: async () => {
      if (nextClone === null) return null;
      const cache = emptyCache(work);
      execGit(nextClone, ['checkout', '-q', 'bench-base']);
      await timed(
        process.execPath,
        [bin, ...audit(inv10).map((a) => (a === dir ? nextClone : a))],
        nextClone,
        cache,
      );
      execGit(nextClone, ['checkout', '-q', 'bench-next']);
      return timed(
        process.execPath,
        ['--import', preload, bin, ...audit(inv10).map((a) => (a === dir ? nextClone : a))],
        nextClone,
        cache,
      );
    },
  };
  const { t, cpu } = await medians(runs, opts.runs);
  const cores = cpus().length;
  // Where the row's time went, beside its peer's: the CPU of every process of each run.
  const cpuOf = (key, peerKey) => ({
    cpu: { cores, ...cpu[key], peer: cpu[peerKey].total },
  });
  const small = commitsInWindow < 10_000 ? 'below 10,000 commits' : undefined;
  // Below 10,000 commits Node's start-up dominates a comparison with git or code-complexity;
  // mldebt against itself (trend, items) is judged at any size.
  const row = (measure, value, peer, peerValue, budget, extra = {}) => ({
    repository: name,
    measure,
    peer,
    value,
    peerValue,
    unit: 's',
    budget,
    kind: 'ratio',
    strict: false,
    ...(small && /git log|code-complexity/.test(peer) ? { skip: small } : {}),
    ...extra,
  });
  const notBuilt = caching ? {} : { skip: 'not built' };
  const rows = [
    row('cold audit', t.cold, 'git log --numstat', t.gitLog, 0.8, cpuOf('cold', 'gitLog')),
    row(
      'audit --no-line-churn',
      t.noChurn,
      'code-complexity',
      t.codeComplexity,
      0.6,
      cpuOf('noChurn', 'codeComplexity'),
    ),
    row('warm re-run', t.warm, 'git log --numstat', t.gitLog, 0.1, {
      ...notBuilt,
      ...cpuOf('warm', 'gitLog'),
    }),
    row('next commit', t.next, 'git log --numstat', t.gitLog, 0.15, {
      ...notBuilt,
      ...cpuOf('next', 'gitLog'),
    }),
    row('trend, 6 points', t.trend, 'one audit', t.cold, 1.2),
    row('1,000 items', t.items1000, '10 items', t.items10, 1.5),
  ];
  const rss = [];
  for (const count of rssAt) {
    const rev = commitAtCount(dir, count);
    const walked = Number(gitOut(dir, ['rev-list', '--count', '--no-merges', rev]));
    const mb = peakRssMb([...audit(inv10), '--until', rev], dir, emptyCache(work)).own;
    rss.push({ commits: walked, mb });
    rows.push({
      repository: name,
      measure: `peak RSS, ${walked} commits`,
      peer: 'budget',
      value: mb,
      peerValue: null,
      unit: 'MB',
      budget: 250,
      kind: 'absolute',
      strict: true,
    });
  }
  if (rss.length > 1 && rss.every((r) => r.mb !== null)) {
    // Flat: the longest history may take at most a quarter more than the shortest.
    rows.push({
      repository: name,
      measure: `peak RSS, ${rss.at(-1).commits} commits`,
      peer: `${rss[0].commits} commits`,
      value: rss.at(-1).mb,
      peerValue: rss[0].mb,
      unit: 'MB',
      budget: 1.25,
      kind: 'ratio',
      strict: false,
    });
  }
  return { name, commitsInWindow, seconds: t, cpu, rss, rows };
}

async function benchStartup(runs = 15) {
  const node = [];
  const version = [];
  for (let i = 0; i < runs; i++) {
    node.push((await timed(process.execPath, ['-e', '0'], root)).seconds);
    version.push((await timed(process.execPath, [bin, '--version'], root)).seconds);
  }
  return { node: round(median(node)), version: round(median(version)) };
}

/** The machine and the date the figures were measured on (README quotes them together). */
function machine() {
  const cpu = cpus();
  const gitVersion = gitOut(root, ['--version']).replace(/^git version /, '');
  const cc = JSON.parse(
    readFileSync(join(root, 'node_modules', 'code-complexity', 'package.json'), 'utf8'),
  ).version;
  return (
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${cpu.length} cores ` +
    `(${cpu[0]?.model.trim() ?? 'unknown'}) · ${Math.round(totalmem() / 2 ** 30)} GB RAM · ` +
    `node ${process.version} · git ${gitVersion} · code-complexity ${cc}`
  );
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(join(root, 'dist', 'cli', 'main.js')))
    throw new Error('bench: build first (npm run build)');
  const work = join(tmpdir(), `mldebt-bench-${opts.commits}`);
  const repo = join(work, 'repo');
  if (!existsSync(join(repo, '.git'))) {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    process.stderr.write(
      `bench: generating ${opts.commits} commits in ${repo} (once; reused next time)\n`,
    );
    await buildRepoStreaming(repo, benchCommits(opts.commits));
  }
  // Caches and the next-commit clone live in this run's own directory: a cold run stays cold.
  const scratch = mkdtempSync(join(work, 'run-'));

  const results = [];
  process.stderr.write(`bench: generated repository (${opts.commits} commits)\n`);
  const rssAt = [10_000, 25_000, 50_000].filter((n) => n <= opts.commits);
  results.push(
    await benchRepository(
      `generated ${opts.commits}`,
      repo,
      { ...opts, since: '3y' },
      scratch,
      rssAt.length ? rssAt : [opts.commits],
    ),
  );
  for (const [i, dir] of opts.repos.entries()) {
    process.stderr.write(`bench: ${dir}\n`);
    const sub = mkdtempSync(join(scratch, `repo${i}-`));
    results.push(
      await benchRepository(dir.split('/').filter(Boolean).at(-1), dir, opts, sub, [Infinity]),
    );
  }
  const startup = await benchStartup();
  let coverage = null;
  const covBench = join(root, 'scripts', 'bench-coverage.js');
  if (existsSync(covBench)) {
    const res = spawnSync(process.execPath, [covBench], { cwd: root, encoding: 'utf8' });
    try {
      coverage = JSON.parse(res.stdout.trim().split('\n').at(-1));
    } catch {
      coverage = { error: res.stderr.slice(0, 300) };
    }
  }

  const rows = results.flatMap((r) => r.rows);
  rows.push({
    repository: 'start-up',
    measure: 'mldebt --version',
    peer: 'node -e 0',
    value: startup.version,
    peerValue: startup.node,
    unit: 's',
    budget: 2,
    kind: 'ratio',
    strict: false,
  });
  if (coverage && typeof coverage.mbPerSecond === 'number') {
    rows.push({
      repository: 'coverage',
      measure: 'lcov parsing',
      peer: 'budget',
      value: coverage.mbPerSecond,
      peerValue: null,
      unit: 'MB/s',
      budget: 100,
      kind: 'floor',
      strict: false,
    });
  }

  console.log(`mldebt bench · ${machine()}`);
  for (const r of results) console.log(`${r.name}: ${r.commitsInWindow} commits in the window`);
  console.log(`runs: median of ${opts.runs}, alternating\n`);
  console.log(formatTable(rows));
  const cpuLines = formatCpu(rows);
  if (cpuLines.length > 0) {
    console.log('\nCPU, median run, all processes ("at best": that CPU spread over every core):');
    for (const line of cpuLines) console.log(`  ${line}`);
  }
  const { missed, notBuilt } = judge(rows);
  if (notBuilt.length > 0) console.log(`\nnot built yet (not judged): ${notBuilt.join('; ')}`);
  if (missed.length > 0) {
    console.log('\nbudgets missed:');
    for (const line of missed) console.log(`  ${line}`);
    process.exitCode = 1;
  } else console.log('\nevery budget met');
  console.log(JSON.stringify({ results, startup, coverage }));
  rmSync(scratch, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error.message);
  process.exitCode = 2;
});
