/**
 * The git stream parser, on its own: commits rendered exactly as `git log -z` frames them,
 * cut into chunks at every possible place. Paths and subjects may hold any character but
 * NUL (0x1E, tabs, newlines, text that looks like a hash or a diff entry), and the parser
 * must give back exactly the commits that went in — or refuse the stream, never crash in
 * another way. Bounded by MLDEBT_FUZZ_RUNS (default 200 cases) so `npm test` stays fast.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LogParser, type FileChange, type LogCommit } from '../../src/signals/git/log-stream.js';

const RUNS = Number(process.env.MLDEBT_FUZZ_RUNS ?? 200);

/** The bytes git writes for one commit (see FORMAT in log-stream.ts). */
function frame(commit: LogCommit, numstat: boolean): string {
  const parents = commit.root ? '' : 'a'.repeat(40);
  let out = `${commit.hash}\0${parents}\0${commit.email}\0${commit.name}\0${commit.time}\0${commit.subject}\0\0`;
  commit.changes.forEach((change, i) => {
    const lead = i === 0 ? '\n' : '';
    if (numstat) {
      const counts = change.churn === 0 ? '-\t-\t' : `${change.churn! - 1}\t1\t`;
      out +=
        change.oldPath === undefined
          ? `${lead}${counts}${change.path}\0`
          : `${lead}${counts}\0${change.oldPath}\0${change.path}\0`;
    } else {
      out +=
        change.oldPath === undefined
          ? `${lead}M\0${change.path}\0`
          : `${lead}R087\0${change.oldPath}\0${change.path}\0`;
    }
  });
  return out;
}

const text = fc.string({ unit: 'binary', maxLength: 12 }).map((s) => s.replaceAll('\0', ''));
const path = text.filter((s) => s !== '');
const change = (numstat: boolean): fc.Arbitrary<FileChange> =>
  fc
    .record({
      path,
      oldPath: fc.option(path, { nil: undefined }),
      churn: numstat ? fc.integer({ min: 0, max: 1000 }) : fc.constant(null),
    })
    .map((c) => (c.oldPath === undefined ? { path: c.path, churn: c.churn } : c));
const commit = (numstat: boolean): fc.Arbitrary<LogCommit> =>
  fc.record({
    hash: fc.stringMatching(/^[0-9a-f]{40}$/),
    root: fc.boolean(),
    email: text.map((s) => s.toLowerCase()),
    name: text,
    time: fc.integer({ min: 0, max: 4_102_444_800 }),
    subject: text.map((s) => s.replaceAll('\n', ' ')),
    changes: fc.array(change(numstat), { maxLength: 5 }),
  });

function parse(stream: string, cuts: number[], numstat: boolean): LogCommit[] {
  const out: LogCommit[] = [];
  const parser = new LogParser(numstat, (c) => out.push(c));
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    parser.push(stream.slice(at, cut));
    at = cut;
  }
  parser.push(stream.slice(at));
  parser.end();
  return out;
}

describe('LogParser', () => {
  for (const numstat of [true, false]) {
    it(`gives back every commit of a ${numstat ? '--numstat' : '--name-status'} stream, however it is chunked`, () => {
      fc.assert(
        fc.property(
          fc.array(commit(numstat), { maxLength: 6 }),
          fc.array(fc.nat(), { maxLength: 8 }),
          (commits, cuts) => {
            const stream = commits.map((c) => frame(c, numstat)).join('');
            const parsed = parse(
              stream,
              cuts.map((c) => c % (stream.length + 1)),
              numstat,
            );
            expect(parsed).toEqual(commits);
          },
        ),
        { numRuns: RUNS },
      );
    });
  }

  it('refuses garbage with an Error that quotes none of it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (garbage) => {
        try {
          parse(garbage, [], true);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).message).toMatch(/^unexpected git log output: the stream /);
          // A subject or a path is the repository's content: never echoed in a message.
          const quoted = (error as Error).message.replace(/^[^:]*: the stream [^(]*/, '');
          expect(quoted).toMatch(/^\(after \d+ commits\)$/);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('reads every --name-status entry: copies name the copy only, statuses carry a score', () => {
    const hash = 'c'.repeat(40);
    const header = `${hash}\0\0a@x\0A\0${7}\0Copy\0\0`;
    const entries = [
      'A\0new.py',
      'D\0gone.py',
      'T\0link',
      'M\0mod.py',
      'C075\0src.py\0copy.py',
      'R100\0old.py\0moved.py',
      'R\0old2.py\0moved2.py',
    ];
    const [parsed] = parse(`${header}\n${entries.join('\0')}\0`, [], false);
    expect(parsed!.changes).toEqual([
      { path: 'new.py', churn: null },
      { path: 'gone.py', churn: null },
      { path: 'link', churn: null },
      { path: 'mod.py', churn: null },
      { path: 'copy.py', churn: null },
      { path: 'moved.py', oldPath: 'old.py', churn: null },
      { path: 'moved2.py', oldPath: 'old2.py', churn: null },
    ]);
    // A status letter followed by more than three digits, or in lower case, is no entry.
    for (const bad of ['M1234', 'm']) {
      expect(() => parse(`${header}\n${bad}\0x.py\0`, [], false)).toThrow(
        /does not start with a hash/,
      );
    }
  });

  it('reads numstat counts as lines changed, binary files as 0, and huge counts exactly', () => {
    const header = `${'d'.repeat(40)}\0${'e'.repeat(40)}\0a@x\0A\0${7}\0Counts\0\0`;
    const entries = ['3\t4\ta.py', '-\t-\tlogo.png', '0\t0\tempty', '12345678901234567\t1\tbig'];
    const [parsed] = parse(`${header}\n${entries.join('\0')}\0`, [], true);
    expect(parsed!.changes).toEqual([
      { path: 'a.py', churn: 7 },
      { path: 'logo.png', churn: 0 },
      { path: 'empty', churn: 0 },
      { path: 'big', churn: Number('12345678901234567') + 1 },
    ]);
    for (const bad of ['3\t4 a.py', '3 4\ta.py', '-3\t4\ta.py']) {
      expect(() => parse(`${header}\n${bad}\0`, [], true)).toThrow(/does not start with a hash/);
    }
  });

  it('reads the byte 0x1E in a path and a subject as text (it once split commits)', () => {
    const c: LogCommit = {
      hash: 'b'.repeat(40),
      root: true,
      email: 'a@x',
      name: 'A',
      time: 1,
      subject: 'fix \x1e this',
      changes: ['a', 'b', 'c', 'w\x1eird'].map((p) => ({ path: p, churn: 2 })),
    };
    expect(parse(frame(c, true), [], true)).toEqual([c]);
  });
});

describe('what the parser hands on', () => {
  it('keeps no chunk of git output alive: kept paths, names, emails and subjects are copies', () => {
    // What an aggregator keeps of a long walk: every commit's email, name, subject and paths.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    let kept = new Set<string>();
    const heap = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const before = heap();
    // 2,000 chunks of about 12 KB, as git's output arrives: one commit each, whose own
    // strings are a few dozen bytes and whose 400 other paths are those of every commit.
    // The parser lives in this function only: what outlives it is what was kept.
    (() => {
      const parser = new LogParser(true, (c) => {
        for (const text of [c.email, c.name, c.subject, ...c.changes.map((ch) => ch.path)])
          kept.add(text);
      });
      const shared = Array.from({ length: 400 }, (_, k) => `3\t1\tsrc/common/shared_file_${k}.py`);
      for (let i = 0; i < 2000; i++) {
        const email = `developer.${i}@example.com`;
        const own = `1\t1\tsrc/pkg/module_number_${i}.py`;
        parser.push(
          `${i.toString(16).padStart(40, '0')}\0\0${email}\0Developer Number ${i}\0${i}\0` +
            `fix: a step numbered ${i}\0\0\n${[own, ...shared].join('\0')}\0`,
        );
      }
      parser.end();
    })();
    expect(kept.size).toBe(2000 * 4 + 400);
    expect(kept.has('developer.1999@example.com')).toBe(true);
    // 24 MB of output went through; what stays is the distinct strings (about 0.3 MB) and the
    // set holding them, not a chunk behind each.
    expect(heap() - before).toBeLessThan(4 * 1024 * 1024);
    kept = new Set();
  });
});
