import { describe, expect, it } from 'vitest';
import {
  combineHits,
  indexRepoFiles,
  listBases,
  mapCoverageReport,
  mapReportPath,
  normalizeSeparators,
  type PathMappingContext,
} from '../../src/signals/coverage/map-paths.js';
import type { RawCoverageReport } from '../../src/signals/coverage/types.js';

const repo = indexRepoFiles([
  'src/app.js',
  'src/util/index.js',
  'web/src/app.js',
  'web/src/util/index.js',
  'api/src/util/index.js',
  'pkg/stats.py',
  'src/main/java/com/example/Calc.java',
  'setup.py',
  'lib/helpers.py',
]);

const atRoot: PathMappingContext = { repoRoots: ['/home/dev/project'], bases: [''] };

function map(path: string, context = atRoot, sources: string[] = []): string | null {
  return mapReportPath(repo, context, path, sources);
}

describe('mapReportPath', () => {
  it('strips the repository root from absolute paths', () => {
    expect(map('/home/dev/project/src/app.js')).toBe('src/app.js');
    expect(map('/home/dev/project/./src/../src/app.js')).toBe('src/app.js');
  });

  it('does not take a sibling directory sharing the prefix for the root', () => {
    // /home/dev/project-old is not under /home/dev/project; suffix matching still finds it.
    expect(map('/home/dev/project-old/src/util/index.js')).toBe('src/util/index.js');
  });

  it('maps absolute paths from another machine checkout by their unique suffix', () => {
    expect(map('/builds/ci/runner/project/src/app.js')).toBe('src/app.js');
    expect(map('/builds/ci/runner/project/web/src/util/index.js')).toBe('web/src/util/index.js');
  });

  it('maps Windows paths, with backslashes and drive letters', () => {
    expect(map('C:\\a\\b\\project\\src\\app.js')).toBe('src/app.js');
    expect(map('src\\util\\index.js')).toBe('src/util/index.js');
    const windowsRoot: PathMappingContext = { repoRoots: ['C:\\Users\\dev\\project'], bases: [''] };
    // Drive letter and root compare case-insensitively, as on Windows.
    expect(map('c:\\users\\dev\\project\\pkg\\stats.py', windowsRoot)).toBe('pkg/stats.py');
  });

  it('handles ./, .. and file:// URLs in relative and absolute paths', () => {
    expect(map('./src/app.js')).toBe('src/app.js');
    expect(map('src/util/../app.js')).toBe('src/app.js');
    expect(map('file:///home/dev/project/setup.py')).toBe('setup.py');
    const inWebCoverage: PathMappingContext = {
      repoRoots: ['/r'],
      bases: ['web/coverage', 'web', ''],
    };
    expect(map('../src/app.js', inWebCoverage)).toBe('web/src/app.js');
  });

  it('resolves Cobertura <sources> roots, relative or absolute', () => {
    expect(map('stats.py', atRoot, ['/home/dev/project/pkg'])).toBe('pkg/stats.py');
    expect(map('stats.py', atRoot, ['pkg'])).toBe('pkg/stats.py');
    // A <source> from another machine: the joined path maps by suffix.
    expect(map('stats.py', atRoot, ['/ci/checkout/pkg'])).toBe('pkg/stats.py');
    // Several sources: the one under which the file exists wins.
    expect(map('app.js', atRoot, ['/home/dev/project/lib', '/home/dev/project/src'])).toBe(
      'src/app.js',
    );
  });

  it('prefers the monorepo sub-package nearest the report', () => {
    const bases = listBases('web/coverage', '');
    expect(map('src/app.js', { repoRoots: ['/r'], bases })).toBe('web/src/app.js');
    expect(map('src/app.js', { repoRoots: ['/r'], bases: listBases('coverage', '') })).toBe(
      'src/app.js',
    );
  });

  it('finds a Java package path under its source root by suffix', () => {
    expect(map('com/example/Calc.java')).toBe('src/main/java/com/example/Calc.java');
  });

  it('maps nothing when the suffix is ambiguous', () => {
    // util/index.js ends three tracked files; src/util/index.js still two (src/, api/src/, web/src/).
    expect(map('/elsewhere/util/index.js')).toBeNull();
    expect(map('/elsewhere/x/src/util/index.js')).toBe('src/util/index.js');
  });

  it('refuses a bare file-name match in another directory', () => {
    expect(map('/ci/project/tools/helpers.py')).toBeNull();
    // ...but a bare file name alone is fine when unique.
    expect(map('helpers.py')).toBe('lib/helpers.py');
  });

  it('does not suffix-match a path inside the repository that is not tracked', () => {
    expect(map('/home/dev/project/build/src/app.js')).toBeNull();
    expect(map('/home/dev/project/node_modules/x/index.js')).toBeNull();
  });

  it('maps nothing for an empty path or an unknown file', () => {
    expect(map('')).toBeNull();
    expect(map('/ci/project/src/missing.js')).toBeNull();
  });
});

describe('listBases', () => {
  it('lists the report directory and its parents, then the working directory, then the root', () => {
    expect(listBases('web/coverage', 'api')).toEqual(['web/coverage', 'web', 'api', '']);
    expect(listBases('.', '.')).toEqual(['']);
  });

  it('skips directories outside the repository', () => {
    expect(listBases('../elsewhere', 'web')).toEqual(['web', '']);
  });
});

describe('normalizeSeparators', () => {
  it('turns backslashes, doubled slashes and file URLs into plain paths', () => {
    expect(normalizeSeparators('C:\\a\\\\b\\c.js')).toBe('C:/a/b/c.js');
    expect(normalizeSeparators('file:///C:/a/b%20c.js')).toBe('C:/a/b c.js');
  });

  it('reads a malformed percent-escape in a file URL literally, decoding the rest', () => {
    expect(normalizeSeparators('file://%zz')).toBe('%zz');
    expect(normalizeSeparators('file:///r/caf%C3%A9%zz/b%20c.py')).toBe('/r/café%zz/b c.py');
    // %C3 alone is no UTF-8 character; %25 is the escape of % itself.
    expect(normalizeSeparators('file:///r/%C3/100%25%.py')).toBe('/r/%C3/100%%.py');
  });
});

describe('mapCoverageReport', () => {
  const report: RawCoverageReport = {
    file: 'lcov.info',
    format: 'lcov',
    sourceRoots: [],
    files: new Map([
      [
        './src/app.js',
        {
          kind: 'lines',
          lines: new Map([
            [1, 1],
            [2, 0],
          ]),
        },
      ],
      [
        '/home/dev/project/src/app.js',
        {
          kind: 'lines',
          lines: new Map([
            [2, 3],
            [3, 0],
          ]),
        },
      ],
      ['/usr/include/stdio.h', { kind: 'lines', lines: new Map([[1, 1]]) }],
      ...Array.from(
        { length: 25 },
        (_, i) =>
          [
            `gen/file${String(i).padStart(2, '0')}.js`,
            { kind: 'lines', lines: new Map() },
          ] as const,
      ),
    ]),
  };

  it('combines entries that meet on one file and counts what maps nowhere', () => {
    const mapped = mapCoverageReport(report, repo, atRoot);
    expect(mapped.files.get('src/app.js')).toEqual({
      kind: 'lines',
      lines: new Map([
        [1, 1],
        [2, 3],
        [3, 0],
      ]),
    });
    expect(mapped.summary).toMatchObject({ entries: 28, mapped: 2, unmappedCount: 26 });
    // At most 20 listed, sorted.
    expect(mapped.summary.unmapped).toHaveLength(20);
    expect(mapped.summary.unmapped[0]).toBe('/usr/include/stdio.h');
  });
});

describe('combineHits', () => {
  it('prefers line data to totals and the better-covered of two totals', () => {
    const lines = { kind: 'lines', lines: new Map([[1, 0]]) } as const;
    const low = { kind: 'totals', covered: 1, coverable: 10 } as const;
    const high = { kind: 'totals', covered: 5, coverable: 10 } as const;
    expect(combineHits(low, lines)).toBe(lines);
    expect(combineHits(lines, low)).toBe(lines);
    expect(combineHits(low, high)).toBe(high);
    expect(combineHits(high, low)).toBe(high);
  });
});
