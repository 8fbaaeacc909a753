/**
 * Line semantics of each reader on the cases the tool fixtures do not happen to contain
 * (OpenClover's count-less conditions, lcov concatenated from several runs, CRLF files,
 * non-ASCII paths across read boundaries...). Small inputs written here on purpose.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCoverageReport, type FileHits } from '../../src/signals/coverage/index.js';
import { computeLineCoverage } from '../../src/signals/coverage/istanbul.js';

const dir = mkdtempSync(join(tmpdir(), 'mldebt-readers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(name: string, content: string): Promise<Map<string, FileHits>> {
  const path = join(dir, name);
  writeFileSync(path, content);
  return (await readCoverageReport(path)).files;
}

const lines = (pairs: [number, number][]): FileHits => ({ kind: 'lines', lines: new Map(pairs) });

describe('lcov', () => {
  it('adds hits of the same file across test-name records and skips non-line records', async () => {
    const files = await read(
      'runs.info',
      'TN:unit\nSF:a.c\nFN:1,f\nFNDA:1,f\nDA:1,1\nDA:2,0\nBRDA:2,0,0,-\nend_of_record\n' +
        'TN:e2e\nSF:a.c\nDA:2,3,abcdefMD5==\nDA:3,0\nend_of_record\n',
    );
    expect(files.get('a.c')).toEqual(
      lines([
        [1, 1],
        [2, 3],
        [3, 0],
      ]),
    );
  });

  it('keeps a record with only LF/LH as totals, and one with nothing as a measured empty file', async () => {
    const files = await read(
      'totals.info',
      'SF:a.c\nLF:10\nLH:4\nend_of_record\nSF:b.c\nend_of_record\n',
    );
    expect(files.get('a.c')).toEqual({ kind: 'totals', covered: 4, coverable: 10 });
    expect(files.get('b.c')).toEqual(lines([]));
  });

  it('reads DA lines, not LF/LH, where a record has both (coverage.py 6.5 writes LF:0, LH:1)', async () => {
    const files = await read(
      'docstring.info',
      'SF:a.py\nDA:1,1,3wABB4w\nLF:0\nLH:1\nend_of_record\n',
    );
    expect(files.get('a.py')).toEqual(lines([[1, 1]]));
  });

  it('reads CRLF files and a last line without a newline', async () => {
    const files = await read(
      'crlf.info',
      'TN:\r\nSF:C:\\src\\a.c\r\nDA:1,1\r\nDA:2,0\r\nend_of_record',
    );
    expect(files.get('C:\\src\\a.c')).toEqual(
      lines([
        [1, 1],
        [2, 0],
      ]),
    );
  });

  it('decodes UTF-8 paths, even where a read boundary splits a character', async () => {
    // 64 KiB reads: pad so that the first byte of "é" in "données" is the last byte of the
    // first read and its second byte the first of the next.
    const head = 'SF:a.c\nDA:1,1\nend_of_record\n';
    const padding = 65535 - head.length - 'TN:\n'.length - 'SF:donn'.length;
    const content = `${head}TN:${'x'.repeat(padding)}\nSF:données/été.c\nDA:7,2\nend_of_record\n`;
    expect(Buffer.from(content).subarray(65535, 65537)).toEqual(Buffer.from('é'));
    const files = await read('utf8.info', content);
    expect(files.get('données/été.c')).toEqual(lines([[7, 2]]));
    expect([...files.keys()]).toEqual(['a.c', 'données/été.c']);
  });
});

describe('Cobertura', () => {
  it('counts a line listed under its class and its method once, and keeps empty classes', async () => {
    const files = await read(
      'cobertura.xml',
      `<?xml version="1.0" ?>
<coverage line-rate="0.5"><sources><source>/ci/app</source><source>
  /ci/lib
</source></sources><packages><package name="p"><classes>
<class filename="a.py"><methods><method name="f"><lines><line number="2" hits="4"/></lines></method></methods>
<lines><line number="1" hits="1"/><line number="2" hits="4"/><line number="3" hits="0"/></lines></class>
<class filename="empty.py"><lines/></class>
</classes></package></packages></coverage>`,
    );
    expect(files.get('a.py')).toEqual(
      lines([
        [1, 1],
        [2, 4],
        [3, 0],
      ]),
    );
    expect(files.get('empty.py')).toEqual(lines([]));
    const report = await readCoverageReport(join(dir, 'cobertura.xml'));
    expect(report.sourceRoots).toEqual(['/ci/app', '/ci/lib']);
  });
});

describe('Clover', () => {
  it('counts stmt and cond lines (OpenClover conds by true/false counts), not method lines', async () => {
    const files = await read(
      'clover.xml',
      `<coverage generated="1" clover="4.4.1"><project><package name="p">
<file name="A.java" path="/ci/src/A.java">
<line num="3" count="1" type="method" signature="f()"/>
<line num="4" count="2" type="stmt"/>
<line num="5" truecount="0" falsecount="1" type="cond"/>
<line num="6" truecount="0" falsecount="0" type="cond"/>
<line num="7" count="0" type="stmt"/>
</file><file name="B.php"><line num="1" count="1" type="stmt"/></file></package></project></coverage>`,
    );
    expect(files.get('/ci/src/A.java')).toEqual(
      lines([
        [4, 2],
        [5, 1],
        [6, 0],
        [7, 0],
      ]),
    );
    expect(files.get('B.php')).toEqual(lines([[1, 1]]));
  });
});

describe('JaCoCo', () => {
  it('covers a line when any of its instructions ran, partly covered included', async () => {
    const files = await read(
      'jacoco.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd">
<report name="r"><group name="module"><package name="com/x"><class name="com/x/A" sourcefilename="A.java"><method name="f" desc="()V" line="3"/></class>
<sourcefile name="A.java"><line nr="3" mi="0" ci="2" mb="0" cb="0"/><line nr="4" mi="3" ci="1" mb="1" cb="1"/><line nr="5" mi="4" ci="0" mb="0" cb="0"/></sourcefile>
</package></group><package name=""><sourcefile name="Top.java"><line nr="1" mi="1" ci="0" mb="0" cb="0"/></sourcefile></package></report>`,
    );
    expect(files.get('com/x/A.java')).toEqual(
      lines([
        [3, 2],
        [4, 1],
        [5, 0],
      ]),
    );
    expect(files.get('Top.java')).toEqual(lines([[1, 0]]));
  });
});

describe('coverage.py JSON', () => {
  it('counts the line lists (executed hit, missing not), never the summary', async () => {
    const files = await read(
      'coverage.json',
      JSON.stringify({
        meta: { version: '7.4.0' },
        files: {
          'ok.py': {
            executed_lines: [1, 2],
            missing_lines: [3],
            summary: { covered_lines: 2, num_statements: 3 },
          },
          // coverage.py 6.x: an executed docstring line that its summary does not count.
          'docstring.py': {
            executed_lines: [1, 2],
            missing_lines: [],
            summary: { covered_lines: 1, num_statements: 1 },
          },
          // A summary that contradicts its own lists: it read as "300% (9/3)".
          'claims.py': {
            executed_lines: [1, 2, 3],
            missing_lines: [],
            summary: { covered_lines: 9, num_statements: 3 },
          },
        },
      }),
    );
    expect(files.get('ok.py')).toEqual(
      lines([
        [1, 1],
        [2, 1],
        [3, 0],
      ]),
    );
    expect(files.get('docstring.py')).toEqual(
      lines([
        [1, 1],
        [2, 1],
      ]),
    );
    expect(files.get('claims.py')).toEqual(
      lines([
        [1, 1],
        [2, 1],
        [3, 1],
      ]),
    );
  });

  it('takes a line listed both executed and missing as missing, and never counts line 0', async () => {
    const files = await read(
      'both.json',
      JSON.stringify({
        meta: {},
        files: { 'a.py': { executed_lines: [0, 1, 2], missing_lines: [0, 2, 3] } },
      }),
    );
    expect(files.get('a.py')).toEqual(
      lines([
        [1, 1],
        [2, 0],
        [3, 0],
      ]),
    );
  });
});

describe('Istanbul coverage-final (getLineCoverage)', () => {
  it('counts each statement on its start line, the largest count per line', () => {
    const statementMap = {
      '0': { start: { line: 1 }, end: { line: 3 } },
      '1': { start: { line: 1 }, end: { line: 1 } },
      '2': { start: { line: 5 }, end: { line: 5 } },
    };
    expect(computeLineCoverage(statementMap, { '0': 0, '1': 2, '2': 0, '9': 4 })).toEqual(
      new Map([
        [1, 2],
        [5, 0],
      ]),
    );
  });
});

describe('Istanbul coverage-final', () => {
  it('skips counts whose statement id is no own statementMap key, Object.prototype names included', async () => {
    // `s.constructor` looked up `statementMap.constructor` (Object) and crashed on `.start.line`.
    const files = await read(
      'final.json',
      '{"a.js": {"statementMap": {"0": {"start": {"line": 2}}}, ' +
        '"s": {"0": 1, "constructor": 1, "toString": 3, "hasOwnProperty": 0, "__proto__": 2}}}',
    );
    expect(files.get('a.js')).toEqual(lines([[2, 1]]));
  });
});

describe('Go cover profile', () => {
  it('covers a line any running block spans, skips empty blocks and repeated mode lines', async () => {
    const files = await read(
      'cover.out',
      'mode: count\nm/a.go:3.10,5.2 2 0\nm/a.go:5.2,6.3 1 7\nm/a.go:9.1,9.5 0 0\nmode: count\nm/b.go:1.1,1.9 1 0\n',
    );
    expect(files.get('m/a.go')).toEqual(
      lines([
        [3, 0],
        [4, 0],
        [5, 7],
        [6, 7],
      ]),
    );
    expect(files.get('m/b.go')).toEqual(lines([[1, 0]]));
  });
});
