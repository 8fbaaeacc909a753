/**
 * Coverage reports written from a random model, for the property tests: a model is a list
 * of files, each a map of line number -> hit count, and each format's writer turns it into
 * the text that format's real tool would write, varying everything the format leaves free
 * (record order, a file split over several records or classes, extra elements the reader
 * must skip, line endings, indentation, escapes, a byte-order mark). Reading the text back
 * must give exactly the model's coverable and covered lines per file.
 */
import fc from 'fast-check';
import { MAX_LINE_NUMBER } from '../../src/signals/coverage/report-errors.js';
import type { CoverageFormat } from '../../src/signals/coverage/types.js';

/** One source file of a model: line number -> hits (0 = coverable, not covered). */
export interface ModelFile {
  path: string;
  lines: ReadonlyMap<number, number>;
}

export const FORMATS: readonly CoverageFormat[] = [
  'lcov',
  'cobertura',
  'jacoco',
  'clover',
  'coveragepy-json',
  'istanbul-final',
  'istanbul-summary',
  'go',
];

/** The oracle: what reading a report of these files must give for each path. */
export function expectedLines(lines: ReadonlyMap<number, number>): {
  coverable: number[];
  covered: number[];
} {
  const coverable = [...lines.keys()].sort((a, b) => a - b);
  return { coverable, covered: coverable.filter((line) => (lines.get(line) ?? 0) > 0) };
}

// ---------------------------------------------------------------------------------------
// Models

/**
 * Characters a path may hold in every format: the ASCII punctuation that means something
 * to one of them (`&<>"'` in XML, `:` in Go and lcov, `%` in URLs, `\` in JSON), spaces
 * inside, and multi-byte UTF-8 up to an astral character. Never a lone surrogate (not
 * encodable as UTF-8); control characters come per format, below.
 */
const PATH_CHARS = [
  ...'abcdefghijklmnopqrstuvwxyz',
  ...'ABCXYZ0123456789_-.',
  ...' &<>"\'%#:;,=+@!$()[]{}~`^\\',
  'é',
  'ß',
  '日',
  '本',
  '😀',
  '\u00a0',
];

/**
 * Control characters and line separators each format can carry in a path: any in JSON
 * (escaped), the three XML allows (as character references, which attribute-value
 * normalisation leaves alone) and the C1 ones, and in lcov and Go any byte but a newline
 * (Go's block pattern stops at a CR or a Unicode line separator too). A path holding one
 * must still read back exactly, and a message quoting it must stay one printable line.
 */
const CONTROL_CHARS: Record<CoverageFormat, string[]> = {
  lcov: ['\r', '\x1b', '\x00', '\x07', '\x85', '\u2028'],
  go: ['\x1b', '\x00', '\x07', '\x85'],
  cobertura: ['\n', '\r', '\t', '\x85', '\u2028'],
  jacoco: ['\n', '\r', '\t', '\x85', '\u2028'],
  clover: ['\n', '\r', '\t', '\x85', '\u2028'],
  'coveragepy-json': ['\n', '\r', '\x1b', '\x00', '\x85', '\x9b', '\u2028'],
  'istanbul-final': ['\n', '\r', '\x1b', '\x00', '\x85', '\x9b', '\u2028'],
  'istanbul-summary': ['\n', '\r', '\x1b', '\x00', '\x85', '\x9b', '\u2028'],
};

/** Segment names that are special somewhere: object keys, lcov and Go syntax, dot dirs. */
const TRICKY_SEGMENTS = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'end_of_record',
  'SF:x',
  'DA:1,1',
  '.',
  '..',
];

const segment = (format: CoverageFormat): fc.Arbitrary<string> =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc.string({ unit: fc.constantFrom(...PATH_CHARS), minLength: 1, maxLength: 8 }),
    },
    { weight: 1, arbitrary: fc.constantFrom(...TRICKY_SEGMENTS) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...CONTROL_CHARS[format]), fc.constantFrom(...PATH_CHARS))
        .map(([control, c]) => `${c}${control}${c}`),
    },
  );

/**
 * A report path as `format` can carry it. Readers trim paths, so none starts or ends with
 * whitespace; JaCoCo builds a path from a package name and a file name, so it has no
 * leading `/`; a Go profile line starting `mode:` is a mode line; `total` in a
 * coverage-summary.json is the whole run, not a file.
 */
export function reportPath(format: CoverageFormat): fc.Arbitrary<string> {
  return fc
    .tuple(fc.array(segment(format), { minLength: 1, maxLength: 4 }), fc.boolean())
    .map(([segments, absolute]) => (absolute ? '/' : '') + segments.join('/'))
    .filter(
      (path) =>
        path === path.trim() &&
        !(format === 'jacoco' && path.startsWith('/')) &&
        !(format === 'go' && path.startsWith('mode:')) &&
        !(format === 'istanbul-summary' && path === 'total'),
    );
}

/** Mostly small line numbers, as in real files, and now and then any valid one. */
export const lineNumber = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 300 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: MAX_LINE_NUMBER }) },
);

/** Hit counts: often 0, usually small, now and then the largest any reader accepts. */
export const hitCount = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 1000 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 999_999_999_999_999 }) },
);

/**
 * A file's lines: possibly none (a measured file with nothing coverable). Lines from a
 * small range make the files of several reports share lines, as real runs of one code do.
 */
export function lineHits(lines = lineNumber): fc.Arbitrary<ReadonlyMap<number, number>> {
  return fc
    .uniqueArray(fc.tuple(lines, hitCount), { selector: ([line]) => line, maxLength: 25 })
    .map((entries) => new Map(entries));
}

/** A model of one report in `format`: one to five files with distinct paths. */
export function reportModel(format: CoverageFormat): fc.Arbitrary<ModelFile[]> {
  return fc.uniqueArray(fc.record({ path: reportPath(format), lines: lineHits() }), {
    selector: (file) => file.path,
    minLength: 1,
    maxLength: 5,
  });
}

// ---------------------------------------------------------------------------------------
// Writers

/** Random choices while writing, drawn from fast-check so failures shrink and replay. */
export class Draw {
  constructor(private readonly g: fc.GeneratorValue) {}
  bool(): boolean {
    return this.g(fc.boolean);
  }
  int(min: number, max: number): number {
    return this.g(fc.integer, { min, max });
  }
  pick<T>(values: readonly T[]): T {
    return values[this.int(0, values.length - 1)] as T;
  }
  shuffle<T>(values: readonly T[]): T[] {
    return this.g(fc.shuffledSubarray, [...values], {
      minLength: values.length,
      maxLength: values.length,
    });
  }
  /** Splits `hits` into two counts whose sum is `hits`. */
  split(hits: number): [number, number] {
    const first = hits === 0 ? 0 : this.pick([0, hits, Math.floor(hits / 2)]);
    return [first, hits - first];
  }
}

/** Options a writer needs beyond the files. */
export interface WriteOptions {
  /** Cobertura's `<sources>`. */
  sourceRoots?: readonly string[];
  /**
   * Whether an lcov record without DA lines carries `LF:0`/`LH:0` (read as totals of 0 of
   * 0) or no counts (read as line data with no lines); drawn at random when not given.
   * Either reads as 0 of 0, but they merge differently with another report's totals.
   */
  lcovEmptyCounts?: boolean;
}

/** Writes `files` as a report in `format`; reading it must give the files back. */
export function writeReport(
  format: CoverageFormat,
  files: readonly ModelFile[],
  draw: Draw,
  options: WriteOptions = {},
): Buffer {
  const text = WRITERS[format](files, draw, options);
  const bom = draw.int(0, 9) === 0 ? '\uFEFF' : '';
  return Buffer.from(bom + text, 'utf8');
}

type Writer = (files: readonly ModelFile[], draw: Draw, options: WriteOptions) => string;

const WRITERS: Record<CoverageFormat, Writer> = {
  lcov: writeLcov,
  cobertura: writeCobertura,
  jacoco: writeJacoco,
  clover: writeClover,
  'coveragepy-json': writeCoveragePyJson,
  'istanbul-final': writeIstanbulFinal,
  'istanbul-summary': writeIstanbulSummary,
  go: writeGoProfile,
};

/** Lines in file order or shuffled (merged tracefiles and Go profiles are in any order). */
function orderedLines(lines: ReadonlyMap<number, number>, draw: Draw): [number, number][] {
  const sorted = [...lines].sort(([a], [b]) => a - b);
  return draw.bool() ? sorted : draw.shuffle(sorted);
}

function joinLines(lines: readonly string[], draw: Draw): string {
  const eol = draw.int(0, 3) === 0 ? '\r\n' : '\n';
  return lines.join(eol) + (draw.int(0, 4) === 0 ? '' : eol);
}

/**
 * lcov: a file may be split over two records (two test names): a line in both has its
 * hits split between them, and they add up. LF/LH beside DA lines are ignored by the
 * reader (coverage.py writes contradictory ones), so they are written wrong on purpose.
 */
function writeLcov(files: readonly ModelFile[], draw: Draw, options: WriteOptions): string {
  const out: string[] = [];
  if (draw.bool()) out.push('VER:2.0');
  const records: { path: string; lines: [number, number][] }[] = [];
  for (const file of files) {
    const first: [number, number][] = [];
    const second: [number, number][] = [];
    const twoRecords = file.lines.size > 0 && draw.bool();
    for (const [line, hits] of orderedLines(file.lines, draw)) {
      if (!twoRecords) first.push([line, hits]);
      else {
        const where = draw.int(0, 2);
        const [a, b] = draw.split(hits);
        if (where === 0) first.push([line, hits]);
        else if (where === 1) second.push([line, hits]);
        else {
          first.push([line, a]);
          second.push([line, b]);
        }
      }
    }
    records.push({ path: file.path, lines: first });
    if (twoRecords) records.push({ path: file.path, lines: second });
  }
  for (const record of draw.shuffle(records)) {
    out.push(`TN:${draw.pick(['', 'unit', 'integration'])}`, `SF:${record.path}`);
    if (draw.bool()) out.push('FN:1,main', 'FNDA:0,main', 'FNF:1', 'FNH:0');
    for (const [line, hits] of record.lines) {
      const checksum = draw.int(0, 3) === 0 ? ',0x+Uf/RzLq2VGMCHhpbCnHQ' : '';
      out.push(`DA:${line},${hits}${checksum}`);
      if (draw.int(0, 5) === 0) out.push(`BRDA:${line},0,0,-`);
    }
    if (record.lines.length > 0) {
      out.push(`LF:${draw.int(0, 5)}`, `LH:${draw.int(0, 99)}`);
    } else if (options.lcovEmptyCounts ?? draw.bool()) {
      // Without DA lines LF/LH are the file's only evidence: 0 of 0, consistent.
      out.push('LF:0', 'LH:0');
    }
    out.push('end_of_record');
  }
  return joinLines(out, draw);
}

/**
 * Escapes text for a double-quoted XML attribute, non-ASCII now and then as character
 * references. Control characters always are: written raw, a tab or newline would read
 * back as a space (attribute-value normalisation).
 */
function xmlAttribute(text: string, draw: Draw): string {
  const byReference = draw.int(0, 3) === 0;
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (c === '&') out += '&amp;';
    else if (c === '<') out += '&lt;';
    else if (c === '"') out += '&quot;';
    else if (c === '>') out += draw.bool() ? '&gt;' : '>';
    else if (code < 0x20 || (byReference && code > 0x7e)) out += `&#x${code.toString(16)};`;
    else out += c;
  }
  return out;
}

function xmlDeclaration(draw: Draw): string {
  return draw.bool() ? '<?xml version="1.0" encoding="UTF-8"?>' : '';
}

/**
 * Cobertura: a file may be split over two `<class>`es (Java inner classes), and its lines
 * are repeated under `<methods>`; a line seen twice takes the larger hit count, so the
 * repeat carries no more hits than the model's.
 */
function writeCobertura(files: readonly ModelFile[], draw: Draw, options: WriteOptions): string {
  const out: string[] = [xmlDeclaration(draw)];
  if (draw.bool()) {
    out.push('<!DOCTYPE coverage SYSTEM "http://cobertura.sourceforge.net/xml/coverage-04.dtd">');
  }
  out.push(
    '<coverage line-rate="0.5" branch-rate="0" lines-covered="1" lines-valid="2" version="7.4.0" timestamp="1">',
  );
  const roots = options.sourceRoots ?? [];
  if (roots.length > 0 || draw.bool()) {
    out.push(
      '<sources>',
      ...roots.map((root) => `<source>${xmlText(root)}</source>`),
      '</sources>',
    );
  }
  out.push('<packages><package name="." line-rate="0.5" branch-rate="0" complexity="0"><classes>');
  const lineTag = (line: number, hits: number): string =>
    draw.int(0, 4) === 0
      ? `<line number="${line}" hits="${hits}" branch="true" condition-coverage="50% (1/2)"/>`
      : `<line number="${line}" hits="${hits}"/>`;
  for (const file of files) {
    const parts = file.lines.size > 0 && draw.bool() ? 2 : 1;
    const classes: [number, number][][] = Array.from({ length: parts }, () => []);
    for (const [line, hits] of orderedLines(file.lines, draw)) {
      classes[draw.int(0, parts - 1)]!.push([line, hits]);
      // The same line under the other class too, with no more hits (max wins).
      if (parts === 2 && draw.int(0, 3) === 0)
        classes[draw.int(0, 1)]!.push([line, draw.split(hits)[0]]);
    }
    for (const [i, lines] of classes.entries()) {
      out.push(
        `<class name="C${i}" filename="${xmlAttribute(file.path, draw)}" line-rate="0" branch-rate="0" complexity="0">`,
      );
      const inMethod = lines.filter(() => draw.bool());
      out.push('<methods>');
      if (inMethod.length > 0) {
        out.push('<method name="m" signature="()V" line-rate="0" branch-rate="0"><lines>');
        out.push(...inMethod.map(([line, hits]) => lineTag(line, draw.split(hits)[0])));
        out.push('</lines></method>');
      }
      out.push(
        '</methods><lines>',
        ...lines.map(([line, hits]) => lineTag(line, hits)),
        '</lines></class>',
      );
    }
  }
  out.push('</classes></package></packages></coverage>');
  return joinLines(
    out.filter((line) => line !== ''),
    draw,
  );
}

function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/**
 * JaCoCo: a path is its package's name and the source file's name. A line is coverable when
 * it has instructions (mi + ci > 0) and covered when one ran (ci > 0); lines with no
 * instructions at all are written too and must not count.
 */
function writeJacoco(files: readonly ModelFile[], draw: Draw): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd">',
    '<report name="model"><sessioninfo id="s" start="1" dump="2"/>',
  ];
  for (const file of files) {
    const slash = file.path.lastIndexOf('/');
    const pkg = slash < 0 ? '' : file.path.slice(0, slash);
    const name = file.path.slice(slash + 1);
    out.push(`<package name="${xmlAttribute(pkg, draw)}">`);
    out.push(
      `<class name="X" sourcefilename="${xmlAttribute(name, draw)}"><method name="m" desc="()V" line="1"><counter type="INSTRUCTION" missed="1" covered="0"/></method></class>`,
    );
    out.push(`<sourcefile name="${xmlAttribute(name, draw)}">`);
    const lines = orderedLines(file.lines, draw);
    for (const [line, hits] of lines) {
      const missed = hits > 0 ? draw.int(0, 5) : draw.int(1, 5);
      out.push(`<line nr="${line}" mi="${missed}" ci="${hits}" mb="0" cb="0"/>`);
    }
    const blank = draw.int(1, MAX_LINE_NUMBER);
    if (!file.lines.has(blank) && draw.bool())
      out.push(`<line nr="${blank}" mi="0" ci="0" mb="0" cb="0"/>`);
    out.push('<counter type="LINE" missed="0" covered="0"/></sourcefile></package>');
  }
  out.push('<counter type="LINE" missed="0" covered="0"/></report>');
  return joinLines(out, draw);
}

/**
 * Clover: `stmt` and `cond` lines count, `method` lines do not (written anywhere, even on a
 * model line). A `cond` line may carry only truecount/falsecount, covered when either is.
 */
function writeClover(files: readonly ModelFile[], draw: Draw): string {
  const out: string[] = [
    xmlDeclaration(draw),
    '<coverage generated="1795396801357" clover="3.2.0">',
    '<project timestamp="1795396801357" name="All files">',
    '<metrics statements="1" coveredstatements="0"/>',
  ];
  const inPackage = draw.bool();
  if (inPackage) out.push('<package name="p"><metrics statements="1"/>');
  for (const file of files) {
    const name = file.path.slice(file.path.lastIndexOf('/') + 1);
    // The path attribute, or (as some writers do) the whole path as the name alone.
    out.push(
      draw.bool()
        ? `<file name="${xmlAttribute(name, draw)}" path="${xmlAttribute(file.path, draw)}">`
        : `<file name="${xmlAttribute(file.path, draw)}">`,
    );
    out.push('<metrics statements="1"/>');
    for (const [line, hits] of orderedLines(file.lines, draw)) {
      if (draw.int(0, 4) === 0)
        out.push(`<line num="${line}" count="${draw.int(0, 9)}" type="method"/>`);
      const shape = draw.int(0, 3);
      if (shape === 0) {
        const [whenTrue, whenFalse] = draw.split(hits);
        out.push(
          `<line num="${line}" type="cond" truecount="${whenTrue}" falsecount="${whenFalse}"/>`,
        );
      } else {
        out.push(`<line num="${line}" count="${hits}" type="${shape === 1 ? 'cond' : 'stmt'}"/>`);
      }
    }
    out.push('</file>');
  }
  if (inPackage) out.push('</package>');
  out.push('</project></coverage>');
  return joinLines(
    out.filter((line) => line !== ''),
    draw,
  );
}

/** JSON text of a value, compact or pretty-printed as the tools do. */
function json(value: unknown, draw: Draw): string {
  return JSON.stringify(value, null, draw.pick([0, 2, '\t']));
}

/**
 * coverage.py JSON: the line lists are the data. The summary is written wrong on purpose
 * (the reader must not use it) and line 0, which coverage.py 6 lists for an empty module,
 * is no source line.
 */
function writeCoveragePyJson(files: readonly ModelFile[], draw: Draw): string {
  // Object.fromEntries defines own properties: a file named `__proto__` stays a key.
  const entries = files.map((file) => {
    const { coverable, covered } = expectedLines(file.lines);
    const executed = draw.shuffle(covered);
    if (draw.int(0, 5) === 0) executed.unshift(0);
    const entry = {
      executed_lines: executed,
      summary: {
        covered_lines: draw.int(0, 9),
        num_statements: draw.int(0, 3),
        percent_covered: 300,
      },
      missing_lines: draw.shuffle(coverable.filter((line) => !covered.includes(line))),
      excluded_lines: [],
    };
    return [file.path, entry] as const;
  });
  return json(
    {
      meta: {
        format: 2,
        version: '7.4.0',
        timestamp: '2026-01-01T00:00:00',
        branch_coverage: false,
      },
      files: Object.fromEntries(draw.shuffle(entries)),
      totals: { covered_lines: 0, num_statements: 0 },
    },
    draw,
  );
}

/**
 * Istanbul coverage-final.json: each line has one to three statements starting on it; the
 * line's hits are the largest of theirs, so the others carry no more. Statement ids are
 * shuffled, and an id in `s` without a statement is noise the reader must skip.
 */
function writeIstanbulFinal(files: readonly ModelFile[], draw: Draw): string {
  const entries = files.map((file) => {
    const statements: { line: number; hits: number }[] = [];
    for (const [line, hits] of orderedLines(file.lines, draw)) {
      statements.push({ line, hits });
      for (let extra = draw.int(0, 2); extra > 0; extra--)
        statements.push({ line, hits: draw.split(hits)[0] });
    }
    const ids = draw.shuffle(statements.map((_, i) => String(i)));
    const statementMap = Object.fromEntries(
      statements.map((s, i) => [
        ids[i]!,
        {
          start: { line: s.line, column: draw.int(0, 40) },
          end: { line: s.line + draw.int(0, 3), column: 1 },
        },
      ]),
    );
    const s = Object.fromEntries(statements.map((st, i) => [ids[i]!, st.hits]));
    if (draw.int(0, 4) === 0) s[String(statements.length + 7)] = 5;
    const entry = {
      ...(draw.bool() ? { path: file.path } : {}),
      statementMap,
      fnMap: {},
      branchMap: {},
      s,
      f: {},
      b: {},
    };
    return [file.path, entry] as const;
  });
  return json(Object.fromEntries(entries), draw);
}

/**
 * Istanbul coverage-summary.json: only totals, `total` first (the whole run), as Istanbul
 * streams it. Written member by member: JSON.stringify of one object would move a file
 * named like an integer (`6`) ahead of `total`.
 */
function writeIstanbulSummary(files: readonly ModelFile[], draw: Draw): string {
  const metric = (total: number, covered: number) => ({
    total,
    covered,
    skipped: 0,
    pct: total === 0 ? draw.pick([100, 'Unknown']) : Math.floor((10000 * covered) / total) / 100,
  });
  const summary = (total: number, covered: number) =>
    JSON.stringify({
      lines: metric(total, covered),
      statements: metric(draw.int(0, 9), 0),
      functions: metric(0, 0),
      branches: metric(0, 0),
    });
  let total = 0;
  let covered = 0;
  const members = files.map((file) => {
    const lines = expectedLines(file.lines);
    total += lines.coverable.length;
    covered += lines.covered.length;
    return `${JSON.stringify(file.path)}: ${summary(lines.coverable.length, lines.covered.length)}`;
  });
  const eol = draw.pick(['', '\n']);
  return `{"total": ${summary(total, covered)},${eol}${draw.shuffle(members).join(`,${eol}`)}}`;
}

/**
 * Go cover profile: runs of consecutive model lines become one block, and a line covered by
 * one block and spanned by an unrun one (`} else {`) stays covered; blocks without
 * statements make nothing coverable, and profiles concatenated from several runs repeat
 * the mode line.
 */
function writeGoProfile(files: readonly ModelFile[], draw: Draw): string {
  const mode = draw.pick(['set', 'count', 'atomic']);
  const count = (hits: number): number => (mode === 'set' ? Math.min(hits, 1) : hits);
  const blocks: string[] = [];
  const block = (path: string, first: number, last: number, statements: number, hits: number) =>
    `${path}:${first}.${draw.int(1, 80)},${last}.${draw.int(1, 80)} ${statements} ${hits}`;
  for (const file of files) {
    const sorted = [...file.lines].sort(([a], [b]) => a - b);
    let run: [number, number][] = [];
    const flush = (): void => {
      if (run.length === 0) return;
      const first = run[0]![0];
      const last = run[run.length - 1]![0];
      blocks.push(block(file.path, first, last, draw.int(1, 4), count(run[0]![1])));
      if (draw.int(0, 3) === 0) blocks.push(block(file.path, first, last, 1, 0));
      run = [];
    };
    for (const [line, hits] of sorted) {
      const previous = run[run.length - 1];
      if (previous && (previous[0] !== line - 1 || previous[1] !== hits || draw.int(0, 3) === 0))
        flush();
      run.push([line, hits]);
    }
    flush();
    if (file.lines.size === 0 || draw.int(0, 4) === 0) {
      const first = draw.int(1, 1000);
      blocks.push(block(file.path, first, first + draw.int(0, 50), 0, draw.int(0, 3)));
    }
  }
  const out = [`mode: ${mode}`, ...draw.shuffle(blocks)];
  if (out.length > 2 && draw.int(0, 3) === 0)
    out.splice(draw.int(2, out.length - 1), 0, `mode: ${mode}`);
  return joinLines(out, draw);
}
