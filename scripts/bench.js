// `npm run bench`: SPEC §8's budgets, measured side by side in one run and reported as ratios.
//
//   node scripts/bench.js [--commits 50000] [--runs 3] [--repo <checkout> --since <20y>]...
//
// For each repository (the generated one, plus any --repo given) it times, alternating runs
// and taking the median:
//   git log --no-merges -M --numstat      the peer pass mldebt must stay within 1.3x of
//   mldebt audit                          full pass, line churn included
//   mldebt audit --no-line-churn          must beat code-complexity on the same commits
//   code-complexity --cs sloc             the peer (counts commits per file, no lines)
// and mldebt's peak RSS (via /usr/bin/time when present). Then `mldebt --version` against a
// bare `node -e 0`, and coverage parsing throughput (scripts/bench-coverage.js).
// Exit code 1 when a budget is missed, so the bench can gate a release.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { benchCommits, benchInventory } from './lib/bench-history.js';
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
  return opts;
}

/** Runs a command to completion, draining stdout (as a reader of its output would). */
function timed(cmd, args, cwd) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(cmd, args, {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let bytes = 0;
    let stderr = '';
    child.stdout.on('data', (d) => (bytes += d.length));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (code !== 0 && code !== 1)
        reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.slice(0, 500)}`));
      else resolve({ seconds, bytes, stderr });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Peak RSS of the mldebt process itself (a preload reports process.resourceUsage().maxRSS at
 * exit), and of the whole process tree via /usr/bin/time when present: git's own diffing
 * memory is not ours to budget, but it is shown.
 */
function peakRssMb(args, cwd) {
  const preload = join(root, 'scripts', 'lib', 'report-rss.js');
  const res = spawnSync(process.execPath, ['--import', preload, bin, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const own = /mldebt-bench-rss (\d+)/.exec(res.stderr);
  let tree = null;
  if (existsSync('/usr/bin/time')) {
    const timed = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bin, ...args], {
      cwd,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
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

async function benchRepository(name, dir, inventory, opts) {
  const since = gitSince(dir, opts.since);
  const commits = spawnSync(
    'git',
    ['rev-list', '--count', '--no-merges', `--since=@${since.seconds}`, 'HEAD'],
    { cwd: dir, encoding: 'utf8' },
  ).stdout.trim();
  const mldebtArgs = [
    'audit',
    '--repo',
    dir,
    '--config',
    inventory,
    '--since',
    opts.since,
    '--format',
    'json',
  ];
  const runs = {
    gitLog: () =>
      timed(
        'git',
        ['log', '--no-merges', '-M', '--numstat', `--since=@${since.seconds}`, 'HEAD'],
        dir,
      ),
    mldebt: () => timed(process.execPath, [bin, ...mldebtArgs], dir),
    mldebtNoChurn: () => timed(process.execPath, [bin, ...mldebtArgs, '--no-line-churn'], dir),
    codeComplexity: () =>
      timed(
        process.execPath,
        [codeComplexity, '.', `--since=${since.iso}`, '-cs', 'sloc', '--format', 'json'],
        dir,
      ),
  };
  const times = Object.fromEntries(Object.keys(runs).map((k) => [k, []]));
  for (let r = 0; r < opts.runs; r++) {
    for (const [k, run] of Object.entries(runs)) times[k].push((await run()).seconds);
  }
  const t = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  return {
    name,
    commitsInWindow: Number(commits),
    seconds: Object.fromEntries(
      Object.entries(t).map(([k, v]) => [k, Math.round(v * 1000) / 1000]),
    ),
    auditVsGitLog: Math.round((t.mldebt / t.gitLog) * 100) / 100,
    noChurnVsCodeComplexity: Math.round((t.mldebtNoChurn / t.codeComplexity) * 100) / 100,
    peakRssMb: peakRssMb(mldebtArgs, dir),
  };
}

async function benchStartup(runs = 15) {
  const node = [];
  const version = [];
  for (let i = 0; i < runs; i++) {
    node.push((await timed(process.execPath, ['-e', '0'], root)).seconds);
    version.push((await timed(process.execPath, [bin, '--version'], root)).seconds);
  }
  return {
    nodeSeconds: Math.round(median(node) * 1000) / 1000,
    versionSeconds: Math.round(median(version) * 1000) / 1000,
    ratio: Math.round((median(version) / median(node)) * 100) / 100,
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!existsSync(join(root, 'dist', 'cli', 'main.js')))
    throw new Error('bench: build first (npm run build)');
  const work = join(tmpdir(), `mldebt-bench-${opts.commits}`);
  const repo = join(work, 'repo');
  const inventory = join(work, 'debt.yaml');
  if (!existsSync(join(repo, '.git'))) {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    process.stderr.write(
      `bench: generating ${opts.commits} commits in ${repo} (once; reused next time)\n`,
    );
    await buildRepoStreaming(repo, benchCommits(opts.commits));
  }
  writeFileSync(inventory, stringify(benchInventory()));

  const results = [];
  process.stderr.write('bench: generated repository\n');
  results.push(
    await benchRepository(`generated (${opts.commits} commits)`, repo, inventory, {
      ...opts,
      since: '3y',
    }),
  );
  for (const dir of opts.repos) {
    process.stderr.write(`bench: ${dir}\n`);
    const inv = join(work, `debt-${results.length}.yaml`);
    writeFileSync(
      inv,
      stringify({
        version: 1,
        project: 'real',
        items: [
          {
            id: 'ALL-1',
            title: 'everything',
            category: 'model',
            risk: 3,
            cost_of_delay: 3,
            paths: ['**'],
          },
          ...benchInventory().items.slice(0, 3),
        ],
      }),
    );
    results.push(await benchRepository(dir, dir, inv, opts));
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

  const budgets = [];
  for (const r of results) {
    if (r.commitsInWindow >= 10_000) {
      budgets.push([
        `${r.name}: audit ≤ 1.3× git log --numstat`,
        r.auditVsGitLog,
        r.auditVsGitLog <= 1.3,
      ]);
      budgets.push([
        `${r.name}: --no-line-churn < code-complexity`,
        r.noChurnVsCodeComplexity,
        r.noChurnVsCodeComplexity < 1,
      ]);
    }
    if (r.peakRssMb.own !== null)
      budgets.push([`${r.name}: mldebt peak RSS < 250 MB`, r.peakRssMb.own, r.peakRssMb.own < 250]);
  }
  budgets.push(['mldebt --version ≤ 2× node -e 0', startup.ratio, startup.ratio <= 2]);
  if (coverage && typeof coverage.mbPerSecond === 'number') {
    budgets.push(['lcov parsing ≥ 100 MB/s', coverage.mbPerSecond, coverage.mbPerSecond >= 100]);
  }

  for (const r of results) {
    console.log(`\n${r.name}: ${r.commitsInWindow} commits in the window`);
    console.log(
      `  git log --numstat ${r.seconds.gitLog}s · mldebt audit ${r.seconds.mldebt}s (×${r.auditVsGitLog})`,
    );
    console.log(
      `  code-complexity ${r.seconds.codeComplexity}s · mldebt --no-line-churn ${r.seconds.mldebtNoChurn}s (×${r.noChurnVsCodeComplexity})`,
    );
    console.log(
      `  peak RSS: mldebt ${r.peakRssMb.own ?? 'n/a'} MB; largest process in the tree (git) ${r.peakRssMb.tree ?? 'n/a'} MB`,
    );
  }
  console.log(
    `\nstart-up: node -e 0 ${startup.nodeSeconds}s · mldebt --version ${startup.versionSeconds}s (×${startup.ratio})`,
  );
  if (coverage) console.log(`coverage: ${JSON.stringify(coverage)}`);
  console.log('\nbudgets:');
  for (const [name, value, ok] of budgets)
    console.log(`  ${ok ? 'ok  ' : 'MISS'} ${name}: ${value}`);
  console.log(JSON.stringify({ results, startup, coverage }));
  if (budgets.some(([, , ok]) => !ok)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error.message);
  process.exitCode = 2;
});
