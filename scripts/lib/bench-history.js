// The benchmark's synthetic history: N commits over an ML-shaped tree, deterministic (seeded
// PRNG, fixed dates and identities) so every machine benchmarks the same repository.
//
// Commits edit real file contents (a line replaced or appended), so `git log --numstat`
// must diff blobs as it does on a real project; 15% of subjects are fixes; every 500th
// commit renames a file; a side branch is merged every 1,000 commits.

import { mulberry32 } from './demo-history.js';

const AREAS = [
  'src/ingest',
  'src/features',
  'src/training',
  'src/serving',
  'src/monitoring',
  'pipelines',
  'configs',
  'tests',
];
const FILES_PER_AREA = 250;
const MAX_LINES = 120;
export const BENCH_END = Date.parse('2026-06-30T12:00:00Z');
const SPAN_MS = 2 * 365 * 86_400_000;

/**
 * Yields `count` CommitSpecs, oldest first, ending at BENCH_END.
 * @param {number} count
 */
export function* benchCommits(count) {
  const rand = mulberry32(42);
  const pick = (n) => Math.floor(rand() * n);
  const authors = Array.from({ length: 40 }, (_, i) => ({
    name: `Dev ${i}`,
    email: `dev${i}@example.com`,
  }));
  const names = [];
  for (const area of AREAS)
    for (let f = 0; f < FILES_PER_AREA; f++) names.push(`${area}/module_${f}.py`);
  const content = new Map();
  const initial = {};
  for (const name of names) {
    const lines = Array.from({ length: 20 }, (_, l) => `x_${l} = ${l}`);
    content.set(name, lines);
    initial[name] = `${lines.join('\n')}\n`;
  }
  const step = SPAN_MS / count;
  const at = (i) =>
    new Date(BENCH_END - SPAN_MS + Math.round((i + 1) * step)).toISOString().replace('.000Z', 'Z');
  yield { date: at(-1), author: authors[0], message: 'Initial import', files: initial };
  let renames = 0;
  for (let i = 0; i < count - 1; i++) {
    const onBranch = i % 1000 >= 990 && i % 1000 < 999;
    const isMerge = i % 1000 === 999;
    if (isMerge) {
      yield {
        date: at(i),
        author: authors[pick(40)],
        message: `Merge branch topic-${Math.floor(i / 1000)}`,
        merge: ['topic'],
      };
      continue;
    }
    const files = {};
    const renamesNow = [];
    if (i % 500 === 250) {
      const from = names[pick(names.length)];
      const to = from.replace('.py', `_v${++renames}.py`);
      renamesNow.push([from, to]);
      content.set(to, content.get(from));
      content.delete(from);
      names[names.indexOf(from)] = to;
    }
    const touched = 1 + pick(4);
    for (let t = 0; t < touched; t++) {
      // Skewed choice: low indices are hot files, as in real repositories.
      const name = names[Math.floor(Math.pow(rand(), 2.5) * names.length)];
      const lines = content.get(name);
      if (lines.length < MAX_LINES && rand() < 0.6)
        lines.push(`y_${i}_${t} = compute(${pick(1000)})`);
      else lines[pick(lines.length)] = `z_${i}_${t} = patch(${pick(1000)})`;
      files[name] = `${lines.join('\n')}\n`;
    }
    const fix = rand() < 0.15;
    const subject = fix ? `fix: wrong value in step ${i}` : `Change ${i}: update computations`;
    const commit = {
      date: at(i),
      author: authors[pick(40)],
      message: subject,
      files,
      renames: renamesNow,
    };
    if (onBranch) {
      commit.branch = 'topic';
      if (i % 1000 === 990) commit.from = 'main';
    }
    yield commit;
  }
}
