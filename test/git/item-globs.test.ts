/**
 * ItemGlobIndex answers "which items select this path" once per path, with the work shared
 * between items and globs. Whatever the shortcuts (literal base directories, groups of items
 * with the same globs), it must agree with the plain definition: some include glob matches
 * and no "!" glob does. Bounded by MLDEBT_FUZZ_RUNS.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import picomatch from 'picomatch';
import { compileGlob, compileItemGlobs, GLOB_OPTIONS } from '../../src/util/glob.js';
import { ItemGlobIndex } from '../../src/util/item-globs.js';

const RUNS = Number(process.env.MLDEBT_FUZZ_RUNS ?? 200);

const segment = fc.constantFrom('src', 'lib', 'a', 'b', '.github', 'x.py', 'y.yaml', 'a b', 'ñ');
const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
const globSegment = fc.constantFrom(
  'src',
  'a',
  'b',
  '*',
  '**',
  '*.py',
  '{a,b}',
  '[ab]',
  'x.py',
  '.github',
  '?',
);
const glob = fc
  .tuple(
    fc.boolean(),
    fc.constantFrom('', './'),
    fc.array(globSegment, { minLength: 1, maxLength: 4 }),
  )
  .map(([negated, prefix, parts]) => `${negated ? '!' : ''}${prefix}${parts.join('/')}`);

describe('compileGlob', () => {
  it("answers as picomatch's own matcher does, on any path and on the glob's own text", () => {
    fc.assert(
      fc.property(
        glob.map((g) => g.replace(/^!/, '')),
        fc.array(path, { maxLength: 6 }),
        (pattern, paths) => {
          const ours = compileGlob(pattern);
          const theirs = picomatch(pattern, GLOB_OPTIONS);
          // The glob's own text (`[ab]` is a path too) and the empty path, besides the paths.
          for (const p of [...paths, pattern, '', `${pattern}/x.py`]) {
            expect(ours(p)).toBe(theirs(p));
          }
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('ItemGlobIndex', () => {
  it('selects exactly the paths the plain definition selects, and finds the same dead globs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(glob, { maxLength: 4 }), { maxLength: 6 }),
        fc.array(fc.tuple(path, fc.constantFrom('counted', 'not counted', 'counted later')), {
          maxLength: 20,
        }),
        (items, asked) => {
          const index = new ItemGlobIndex(items);
          const plain = items.map((globs) => compileItemGlobs(globs));
          // Paths seen only in old history are not counted; one may be counted when asked again.
          for (const [p, how] of asked) index.groupsOf(p, how === 'counted');
          for (const [p, how] of asked) if (how === 'counted later') index.groupsOf(p, true);
          const paths = asked.filter(([, how]) => how !== 'not counted').map(([p]) => p);
          for (const [p] of asked) {
            const groups = index.groupsOf(p, false);
            const selected = groups.flatMap((g) => index.groups[g]!.items).sort((a, b) => a - b);
            const expected = items
              .map((globs, i) => (globs.some((g) => !g.startsWith('!')) && plain[i]!(p) ? i : -1))
              .filter((i) => i >= 0);
            expect(selected, p).toEqual(expected);
          }
          const dead = index.deadGlobs();
          items.forEach((globs, i) => {
            const expectedDead = globs.filter(
              (g) => !paths.some((p) => compileItemGlobs([g.replace(/^!/, '')])(p)),
            );
            expect(dead[i]).toEqual(expectedDead);
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('tries each distinct glob at most once per path, however many items share it', () => {
    const items = [
      ...Array.from({ length: 2000 }, () => ['src/**']),
      ...Array.from({ length: 2000 }, (_, i) => [`pkg${i}/**`, '!pkg0/skip.py']),
    ];
    const index = new ItemGlobIndex(items);
    expect(index.groups).toHaveLength(1 + 2000);
    const paths = Array.from({ length: 5000 }, (_, i) => `pkg${i % 2500}/f${i}.py`);
    const files = index.selectFiles(paths);
    // 2,000 identical items are one group: one list of files, not 2,000 copies.
    expect(files[0]).toEqual([]);
    expect(files.slice(1).reduce((n, f) => n + f.length, 0)).toBe(4000);
    // Each path is under one `pkgN` base: one include glob (plus the shared "!" glob for pkg0).
    expect(index.matcherCalls).toBeLessThanOrEqual(paths.length * 2);
  });
});
