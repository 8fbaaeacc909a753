/**
 * findUnpinned on parsed files, without a file system: which lock fixes which file, pip-tools
 * outputs as locks, includes and constraints, lower bounds, and the finding's detail.
 */
import { describe, expect, it } from 'vitest';
import { parseCondaEnvironment } from '../../src/signals/practices/conda-environment.js';
import { environmentFormatOf } from '../../src/signals/practices/environment-files.js';
import {
  findUnpinned,
  isPipToolsOutput,
  type EnvironmentFile,
  type RequirementSource,
} from '../../src/signals/practices/find-unpinned.js';
import { parsePipfile } from '../../src/signals/practices/pipfile.js';
import { parsePyproject } from '../../src/signals/practices/pyproject-dependencies.js';
import type { EnvironmentParse } from '../../src/signals/practices/requirement.js';
import { parseRequirementsTxt } from '../../src/signals/practices/requirements-txt.js';

/** A requirements file's parse with the given resolved includes and constraints. */
function source(
  file: string,
  text: string,
  refs: { includes?: RequirementSource[]; constraints?: RequirementSource[] } = {},
): RequirementSource {
  const parsed = parseRequirementsTxt(text);
  const at = (list: { line: number }[], i: number): number => list[i]?.line ?? 1;
  return {
    file,
    requirements: parsed.requirements,
    includes: (refs.includes ?? []).map((s, i) => ({ line: at(parsed.includes, i), source: s })),
    constraints: (refs.constraints ?? []).map((s, i) => ({
      line: at(parsed.constraints, i),
      source: s,
    })),
  };
}

function env(src: RequirementSource): EnvironmentFile {
  const format = environmentFormatOf(src.file);
  if (format === null) throw new Error(`${src.file} is no environment file`);
  return { ...src, format };
}

function structured(file: string, parse: EnvironmentParse): EnvironmentFile {
  if (!parse.ok) throw new Error(parse.reason);
  return env({ file, requirements: parse.parsed.requirements, includes: [], constraints: [] });
}

const UNPINNED = 'numpy\npandas>=2\ntorch\nrequests==2.31.0\n';

describe('findUnpinned', () => {
  it('reports each file with unpinned packages: line of the first, count, sorted names', () => {
    const findings = findUnpinned(
      [
        env(source('requirements.txt', UNPINNED)),
        env(source('svc/requirements-dev.txt', 'pytest==8.0\nblack\n')),
        env(source('pinned/requirements.txt', 'numpy==1.26.0\nscipy~=1.11\n')),
      ],
      [],
    );
    expect(findings).toEqual([
      {
        kind: 'unpinned-dependency',
        file: 'requirements.txt',
        line: 1,
        count: 2,
        detail: '2 unpinned: numpy, torch; 1 with only a lower bound (no lock file)',
      },
      {
        kind: 'unpinned-dependency',
        file: 'svc/requirements-dev.txt',
        line: 2,
        count: 1,
        detail: '1 unpinned: black (no lock file)',
      },
    ]);
  });

  it('counts lower bounds alone as unpinned when asked to', () => {
    const [finding] = findUnpinned([env(source('requirements.txt', UNPINNED))], [], {
      listedNames: 5,
      lowerBoundIsUnpinned: true,
    });
    expect(finding).toMatchObject({
      count: 3,
      detail: '3 unpinned: numpy, pandas, torch (no lock file)',
    });
  });

  it('lists five names then +N more, sorted, and counts a package once', () => {
    const text = 'g\nf\ne\nd\nc\nb\na\nNumPy\nnumpy[extra]\n';
    const [finding] = findUnpinned([env(source('requirements.txt', text))], []);
    expect(finding).toMatchObject({
      line: 1,
      count: 8,
      detail: '8 unpinned: a, b, c, d, e +3 more (no lock file)',
    });
  });

  it('is pinned when any requirement on the package bounds it', () => {
    expect(findUnpinned([env(source('requirements.txt', 'numpy\nnumpy<2\n'))], [])).toEqual([]);
  });

  describe('lock files', () => {
    const pyproject = structured(
      'pyproject.toml',
      parsePyproject(
        '[tool.poetry.dependencies]\npython = "^3.11"\nnumpy = "*"\npandas = "^1.2"\n',
      ),
    );

    it('a Poetry "*" is unpinned without a lock, and "^1.2" is not', () => {
      expect(findUnpinned([pyproject], [])).toEqual([
        {
          kind: 'unpinned-dependency',
          file: 'pyproject.toml',
          line: 3,
          count: 1,
          detail: '1 unpinned: numpy (no lock file)',
        },
      ]);
    });

    it.each(['poetry.lock', 'uv.lock', 'pdm.lock'])('%s beside pyproject.toml fixes it', (lock) => {
      expect(findUnpinned([pyproject], [lock])).toEqual([]);
    });

    it('a lock covers its directory and below, never above or beside', () => {
      const nested = { ...pyproject, file: 'services/train/pyproject.toml' };
      expect(findUnpinned([nested], ['poetry.lock'])).toEqual([]);
      expect(findUnpinned([nested], ['services/poetry.lock'])).toEqual([]);
      expect(findUnpinned([nested], ['services/train/poetry.lock'])).toEqual([]);
      expect(findUnpinned([nested], ['services/serve/poetry.lock'])).toHaveLength(1);
      expect(findUnpinned([nested], ['services/train/sub/poetry.lock'])).toHaveLength(1);
      expect(findUnpinned([nested], ['services/trainer/poetry.lock'])).toHaveLength(1);
    });

    it('a lock fixes only the files its tool writes it from', () => {
      const requirements = env(source('requirements.txt', 'numpy\n'));
      const pipfile = structured('Pipfile', parsePipfile('[packages]\nnumpy = "*"\n'));
      const conda = structured(
        'environment.yml',
        parseCondaEnvironment('dependencies:\n  - numpy\n'),
      );
      const all = [requirements, pipfile, conda, pyproject];
      const files = (locks: string[]): string[] => findUnpinned(all, locks).map((f) => f.file);
      expect(files([])).toEqual([
        'Pipfile',
        'environment.yml',
        'pyproject.toml',
        'requirements.txt',
      ]);
      expect(files(['poetry.lock'])).toEqual(['Pipfile', 'environment.yml', 'requirements.txt']);
      expect(files(['Pipfile.lock'])).toEqual([
        'environment.yml',
        'pyproject.toml',
        'requirements.txt',
      ]);
      expect(files(['conda-lock.yml'])).toEqual(['Pipfile', 'pyproject.toml', 'requirements.txt']);
      expect(files(['gpu.conda-lock.yml'])).toEqual([
        'Pipfile',
        'pyproject.toml',
        'requirements.txt',
      ]);
      expect(files(['conda-linux-64.lock'])).toEqual([
        'Pipfile',
        'pyproject.toml',
        'requirements.txt',
      ]);
      expect(files(['conda-lock.yaml', 'Pipfile.lock', 'uv.lock'])).toEqual(['requirements.txt']);
      // Not lock files: a name that only looks alike.
      expect(files(['poetry.lock.bak', 'my-uv.lock', 'requirements.lock'])).toHaveLength(4);
    });

    it('a hashed pip-tools output is a lock, never a finding, and fixes its own directory only', () => {
      const compiled = env(
        source(
          'requirements.txt',
          [
            '# This file is autogenerated by pip-compile with Python 3.11',
            'numpy==1.26.0 \\',
            '    --hash=sha256:aaa',
            'pandas==2.1.0 --hash=sha256:bbb --hash=sha256:ccc',
            '    # via -r requirements.in',
          ].join('\n'),
        ),
      );
      expect(isPipToolsOutput(compiled)).toBe(true);
      const unpinned = env(source('requirements-dev.txt', 'pytest\n'));
      expect(findUnpinned([compiled, unpinned, pyproject], [])).toEqual([]);
      // It locks the inputs beside it, not the directories below or beside it.
      const below = { ...unpinned, file: 'docs/requirements.txt' };
      expect(findUnpinned([compiled, below], []).map((f) => f.file)).toEqual([
        'docs/requirements.txt',
      ]);
      const beside = { ...unpinned, file: 'serve/requirements.txt' };
      expect(
        findUnpinned([{ ...compiled, file: 'train/requirements.txt' }, beside], []),
      ).toHaveLength(1);
    });

    it('a requirements file with one unhashed or unpinned line is no pip-tools output', () => {
      const partial = env(
        source('requirements.txt', 'numpy==1.26.0 --hash=sha256:aaa\nscipy==1.11.0\n'),
      );
      const loose = env(
        source('requirements.txt', 'numpy==1.26.0 --hash=sha256:aaa\nscipy --hash=sha256:b\n'),
      );
      const empty = env(source('requirements.txt', '# nothing yet\n'));
      expect([partial, loose, empty].map(isPipToolsOutput)).toEqual([false, false, false]);
      expect(
        findUnpinned([loose, env(source('requirements-dev.txt', 'pytest\n'))], []).map(
          (f) => f.file,
        ),
      ).toEqual(['requirements-dev.txt', 'requirements.txt']);
    });
  });

  describe('includes and constraints', () => {
    it('reports the packages of an included plain file at the -r line', () => {
      const common = source('deps/common.txt', 'scipy==1.11\nmatplotlib\n');
      const file = env(
        source('requirements.txt', 'numpy==1.26\n-r deps/common.txt\n', { includes: [common] }),
      );
      expect(findUnpinned([file], [])).toEqual([
        expect.objectContaining({
          line: 2,
          count: 1,
          detail: '1 unpinned: matplotlib (no lock file)',
        }),
      ]);
    });

    it('reports an included environment file once, in its own finding', () => {
      const base = source('requirements.txt', 'numpy\npandas\n');
      const dev = source('requirements-dev.txt', '-r requirements.txt\npytest\npandas==2.1\n', {
        includes: [base],
      });
      expect(findUnpinned([env(base), env(dev)], [])).toEqual([
        expect.objectContaining({
          file: 'requirements-dev.txt',
          line: 2,
          detail: '1 unpinned: pytest (no lock file)',
        }),
        expect.objectContaining({ file: 'requirements.txt', line: 1, count: 2 }),
      ]);
    });

    it('a package pinned in an included file is pinned', () => {
      const base = source('requirements.txt', 'numpy==1.26\n');
      const dev = source('requirements-dev.txt', '-r requirements.txt\nnumpy\n', {
        includes: [base],
      });
      expect(findUnpinned([env(dev)], [])).toEqual([]);
    });

    it('a package pinned in a constraints file is pinned; the constraints file installs nothing', () => {
      const constraints = source('constraints.txt', 'numpy==1.26.0\nunused-package\n');
      const file = source('requirements.txt', '-c constraints.txt\nnumpy\ntorch\n', {
        constraints: [constraints],
      });
      expect(findUnpinned([env(file)], [])).toEqual([
        expect.objectContaining({ line: 3, count: 1, detail: '1 unpinned: torch (no lock file)' }),
      ]);
    });

    it('follows constraints named in an included file, and survives an include cycle', () => {
      const constraints = source('constraints.txt', 'torch==2.1.0\n');
      const a = source('deps/a.txt', '-c ../constraints.txt\ntorch\n', {
        constraints: [constraints],
      });
      const b = source('deps/b.txt', 'pandas\n');
      // a -> b -> a
      (b.includes as { line: number; source: RequirementSource }[]).push({ line: 2, source: a });
      (a.includes as { line: number; source: RequirementSource }[]).push({ line: 3, source: b });
      const file = env(source('requirements.txt', '-r deps/a.txt\n', { includes: [a] }));
      expect(findUnpinned([file], [])).toEqual([
        expect.objectContaining({ line: 1, count: 1, detail: '1 unpinned: pandas (no lock file)' }),
      ]);
    });
  });
});
