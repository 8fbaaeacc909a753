#!/usr/bin/env node
// `npm run demo [-- <audit options>]`: builds the sample ML repository described in
// fixtures/demo/ in a temporary directory and runs `mldebt audit` on it with
// debt.example.yaml and the demo's coverage.py report. Extra arguments go to the audit
// (`npm run demo -- --format markdown`).
//
//   node scripts/demo.js --build-only [dir]   build the repository only and print its path
//   node scripts/demo.js --keep ...           reuse an existing build instead of rebuilding

import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { generateDemoCommits, loadDemoSpec, writeDemoWorkingTree } from './lib/demo-history.js';
import { buildRepo } from './lib/repo-builder.js';

const project = fileURLToPath(new URL('..', import.meta.url));

function build(dir) {
  const spec = loadDemoSpec();
  const commits = generateDemoCommits(spec);
  rmSync(dir, { recursive: true, force: true });
  buildRepo(dir, commits);
  writeDemoWorkingTree(dir, spec);
  return { commits: commits.length };
}

function main(argv) {
  const args = [...argv];
  const flag = (name) => {
    const i = args.indexOf(name);
    if (i >= 0) args.splice(i, 1);
    return i >= 0;
  };
  const buildOnly = flag('--build-only');
  const keep = flag('--keep');

  if (buildOnly) {
    const dir = args[0] && !args[0].startsWith('-') ? args[0] : join(tmpdir(), 'mldebt-demo');
    const { commits } = build(dir);
    process.stderr.write(`demo: built ${commits} commits\n`);
    process.stdout.write(`${dir}\n`);
    return 0;
  }

  const dir = join(tmpdir(), 'mldebt-demo');
  // Real coverage.py output for this repository, made where CI would make it (another
  // checkout path); scripts/regen-demo-coverage.sh regenerates it.
  const coverage = join(project, 'fixtures', 'demo', 'coverage', 'coverage.xml');
  if (keep && existsSync(join(dir, '.git'))) {
    process.stderr.write(`demo: reusing the sample repository in ${dir}\n`);
  } else {
    const started = Date.now();
    const built = build(dir);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stderr.write(
      `demo: built a sample ML repository (${built.commits} commits, ${seconds}s) in ${dir}\n`,
    );
  }

  const audit = [
    join(project, 'bin', 'mldebt.js'),
    'audit',
    '--repo',
    dir,
    '--config',
    join(project, 'debt.example.yaml'),
    '--coverage',
    coverage,
    '--exit-zero',
    ...args,
  ];
  const res = spawnSync(process.execPath, audit, { stdio: 'inherit' });
  if (res.error) throw res.error;
  return res.status ?? 3;
}

process.exitCode = main(process.argv.slice(2));
