/**
 * The bench's verdict: ratios against peers, "not built" rows shown without failing, rows too
 * small to judge said so, and each missed budget named.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import {
  bestRatioOf,
  formatCpu,
  formatTable,
  judge,
  verdictOf,
  type BenchRow,
} from '../../scripts/lib/bench-budgets.js';
import { childrenCpuSeconds, ownCpuSeconds } from '../../scripts/lib/process-cpu.js';
import { itemsFromFiles } from '../../scripts/lib/bench-items.js';

const row = (over: Partial<BenchRow>): BenchRow => ({
  repository: 'generated 50000',
  measure: 'cold audit',
  peer: 'git log --numstat',
  value: 8,
  peerValue: 10,
  unit: 's',
  budget: 0.8,
  kind: 'ratio',
  strict: false,
  ...over,
});

describe('bench budgets', () => {
  it('judges a ratio against its budget, at the bound included unless strict', () => {
    expect(verdictOf(row({ value: 8 }))).toBe('ok');
    expect(verdictOf(row({ value: 8.1 }))).toBe('MISS');
    expect(verdictOf(row({ kind: 'absolute', value: 250, budget: 250, strict: true }))).toBe(
      'MISS',
    );
    expect(verdictOf(row({ kind: 'floor', value: 120, budget: 100 }))).toBe('ok');
    expect(verdictOf(row({ kind: 'floor', value: 43, budget: 100 }))).toBe('MISS');
  });

  it('names every budget missed; a row not built is listed apart and never fails', () => {
    const rows = [
      row({ value: 12 }),
      row({ measure: 'warm re-run', value: null, budget: 0.1, skip: 'not built' }),
      row({ measure: 'trend, 6 points', peer: 'one audit', value: 12, budget: 1.2 }),
      row({ measure: 'next commit', value: null, budget: 0.15 }),
    ];
    expect(judge(rows)).toEqual({
      missed: [
        'generated 50000: cold audit vs git log --numstat: 1.20× (budget ≤ 0.8×)',
        'generated 50000: next commit vs git log --numstat: — (budget ≤ 0.15×)',
      ],
      notBuilt: ['generated 50000: warm re-run vs git log --numstat'],
    });
    const table = formatTable(rows).split('\n');
    expect(table).toHaveLength(6);
    expect(table[2]).toMatch(
      /^\| generated 50000 \| cold audit +\| 12\.00 s \| git log --numstat \| 10\.00 s \| 1\.20× \| +\| ≤ 0\.8× +\| MISS/,
    );
    expect(table[3]).toMatch(/\| — +\| .* \| not built/);
  });
});

describe('bench CPU', () => {
  const cpu = { cores: 2, total: 10.6, own: 3.6, peer: 6 };

  it('says how fast the CPU a run used allows it to be at best, spread over every core', () => {
    expect(bestRatioOf(row({ value: 6, peerValue: 6, cpu }))).toBe(0.88);
    expect(bestRatioOf(row({ value: 6, peerValue: 6, cpu: { ...cpu, cores: 4 } }))).toBe(0.44);
    expect(bestRatioOf(row({ cpu: { ...cpu, total: null } }))).toBeNull();
    expect(bestRatioOf(row({}))).toBeNull();
    expect(bestRatioOf(row({ kind: 'absolute', cpu }))).toBeNull();
  });

  it('calls a missed budget out of reach only when the CPU alone forbids it', () => {
    const out = judge([row({ value: 6, peerValue: 6, cpu })]).missed;
    expect(out).toEqual([
      'generated 50000: cold audit vs git log --numstat: 1.00× (budget ≤ 0.8×; out of reach ' +
        'on 2 cores: its CPU alone allows 0.88× at best)',
    ]);
    const reachable = judge([row({ value: 6, peerValue: 6, cpu: { ...cpu, cores: 4 } })]);
    expect(reachable.missed).toEqual([
      'generated 50000: cold audit vs git log --numstat: 1.00× (budget ≤ 0.8×)',
    ]);
    const table = formatTable([row({ value: 6, peerValue: 6, cpu }), row({})]).split('\n');
    expect(table[0]).toMatch(/\| ratio \| at best \| budget \|/);
    expect(table[2]).toMatch(/\| 1\.00× \| 0\.88× {3}\| ≤ 0\.8× \| MISS/);
    expect(table[3]).toMatch(/\| 0\.80× \| {9}\| ≤ 0\.8× \| ok/);
    expect(formatCpu([row({ value: 6, peerValue: 6, cpu }), row({})])).toEqual([
      'generated 50000 · cold audit: 10.60 s of CPU (mldebt 3.60 s, its git processes 7.00 s); ' +
        'git log --numstat 6.00 s; on 2 cores at best 0.88×',
    ]);
  });

  it('reads the CPU of the children it waited for, and of their own children', () => {
    const before = childrenCpuSeconds();
    if (process.platform !== 'linux') return expect(before).toBeNull();
    // A child that waits for a grandchild spinning ~0.3 s of CPU, and spins nothing itself.
    const spin = 'const end = Date.now() + 300; while (Date.now() < end);';
    const res = spawnSync(process.execPath, [
      '-e',
      `require('child_process').spawnSync(process.execPath, ['-e', ${JSON.stringify(spin)}])`,
    ]);
    expect(res.status).toBe(0);
    const used = childrenCpuSeconds()! - before!;
    expect(used).toBeGreaterThanOrEqual(0.25);
    expect(used).toBeLessThan(5);
    expect(ownCpuSeconds('x\nmldebt-bench-cpu 1500000\n')).toBe(1.5);
    expect(ownCpuSeconds('no such line')).toBeNull();
  });
});

describe('bench inventories', () => {
  const files = ['src/a/m_1.py', 'src/a/m_2.py', 'src/b/n_1.py', 'conf/x.yaml', 'weird [1].py'];

  it('rotate through directories, extensions, negations, single files and wildcards', () => {
    const { items } = itemsFromFiles(files, 12);
    expect(items).toHaveLength(12);
    const globs = items.flatMap((item) => item.paths);
    expect(globs.some((g) => g.endsWith('/**'))).toBe(true);
    expect(globs.some((g) => g.includes('**/*.py'))).toBe(true);
    expect(globs.some((g) => g.startsWith('!'))).toBe(true);
    expect(globs.some((g) => files.includes(g) && !g.includes('*'))).toBe(true);
    expect(globs.some((g) => !g.includes('**') && g.endsWith('*'))).toBe(true);
    expect(globs.every((g) => !g.includes('//'))).toBe(true);
    expect(itemsFromFiles(files, 12)).toEqual(itemsFromFiles(files, 12));
  });
});
