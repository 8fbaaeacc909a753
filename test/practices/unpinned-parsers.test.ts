/**
 * The environment-file parsers on their own: each format's forms, the line each requirement
 * is reported at, and how tightly each one bounds its version.
 */
import { describe, expect, it } from 'vitest';
import {
  parseCondaEnvironment,
  parseMatchSpec,
} from '../../src/signals/practices/conda-environment.js';
import { parsePipRequirement } from '../../src/signals/practices/pip-requirement.js';
import { parsePipfile } from '../../src/signals/practices/pipfile.js';
import { parsePyproject } from '../../src/signals/practices/pyproject-dependencies.js';
import {
  boundOfConstraint,
  normalizePackageName,
  type EnvironmentParse,
  type ParsedRequirements,
} from '../../src/signals/practices/requirement.js';
import { parseRequirementsTxt } from '../../src/signals/practices/requirements-txt.js';
import { parseSetupCfg } from '../../src/signals/practices/setup-cfg-dependencies.js';

/** `name:line:bound` per requirement, `+` when hashed: compact enough to read a whole file's result. */
function summary(parsed: ParsedRequirements): string[] {
  return parsed.requirements.map((r) => `${r.name}:${r.line}:${r.bound}${r.hashed ? '+' : ''}`);
}

function ok(parse: EnvironmentParse): ParsedRequirements {
  if (!parse.ok) throw new Error(`expected a parse, got: ${parse.reason}`);
  return parse.parsed;
}

describe('boundOfConstraint', () => {
  it.each([
    ['', 'pep440', 'none'],
    ['*', 'poetry', 'none'],
    ['!=1.2', 'pep440', 'none'],
    ['!=1.*', 'pep440', 'none'],
    ['>=1.2', 'pep440', 'lower'],
    ['> 1', 'pep440', 'lower'],
    ['>=1.2, <2', 'pep440', 'range'],
    ['~=1.2', 'pep440', 'range'],
    ['==1.2.*', 'pep440', 'range'],
    ['==1.2.3', 'pep440', 'exact'],
    ['===1.2.3', 'pep440', 'exact'],
    ['^1.2', 'poetry', 'range'],
    ['~1.2', 'poetry', 'range'],
    ['>= 1.2 < 1.5', 'poetry', 'range'],
    ['1.2.3', 'poetry', 'exact'],
    ['=1.2.3', 'poetry', 'exact'],
    ['>=1.2 || <0.5', 'poetry', 'lower'],
    ['^1.0 || ^2.0', 'poetry', 'range'],
    ['=1.26', 'conda', 'range'],
    ['1.26.*', 'conda', 'range'],
    ['>=1.2,<2|1.0', 'conda', 'range'],
    ['>=1.2|1.0', 'conda', 'lower'],
  ] as const)('%j (%s) is %s', (constraint, dialect, bound) => {
    expect(boundOfConstraint(constraint, dialect)).toBe(bound);
  });

  it('normalizes names as PEP 503 does', () => {
    expect(normalizePackageName('Scikit_Learn')).toBe('scikit-learn');
    expect(normalizePackageName('zope.interface')).toBe('zope-interface');
    expect(normalizePackageName('a-_.b')).toBe('a-b');
  });
});

describe('parsePipRequirement', () => {
  it.each([
    ['numpy', 'numpy', 'none'],
    ['numpy[extra1,extra2]', 'numpy', 'none'],
    ['requests [security] >= 2.8.1, == 2.8.*', 'requests', 'range'],
    ['requests [security] >= 2.8.1, == 2.8.1', 'requests', 'exact'],
    ['pandas>=2 ; python_version < "3.12"', 'pandas', 'lower'],
    ['torch ; sys_platform == "linux"', 'torch', 'none'],
    ['name (>=1.0,<2)', 'name', 'range'],
    ['urllib3 @ https://example.com/urllib3-1.26.8.zip', 'urllib3', 'exact'],
    [
      'git+https://github.com/org/lib.git@0123456789abcdef0123456789abcdef01234567#egg=lib',
      'lib',
      'exact',
    ],
    ['git+https://github.com/org/lib.git@v1.2.0', 'lib', 'exact'],
    ['git+https://github.com/org/lib.git@main#egg=lib', 'lib', 'none'],
    ['git+ssh://git@github.com/org/my_lib.git', 'my_lib', 'none'],
    ['mylib @ git+https://github.com/org/mylib@develop ; python_version > "3"', 'mylib', 'none'],
    ['mylib @ git+https://github.com/org/mylib@abc1234', 'mylib', 'exact'],
    ['https://example.com/dist/torch-2.1.0-cp311-none-linux_x86_64.whl', 'torch', 'exact'],
  ] as const)('%s -> %s, %s', (text, name, bound) => {
    expect(parsePipRequirement(text)).toEqual({ name, bound });
  });

  it.each([
    '.',
    './pkg',
    '../sibling',
    '/abs/path',
    'file:///tmp/pkg',
    'dist/pkg-1.0.tar.gz',
    'pkg.whl',
    '',
  ])('a local path or nothing is no dependency: %j', (text) => {
    expect(parsePipRequirement(text)).toBeNull();
  });
});

describe('parseRequirementsTxt', () => {
  it('reads requirements, options, includes, constraints, comments and continuations', () => {
    const text = [
      '# a comment line',
      '--index-url https://example.com/simple',
      'numpy',
      'pandas==2.1.0  # pinned for the feature store',
      'scikit-learn>=1.3',
      'torch \\',
      '    >=2.0,<3',
      '-r base.txt',
      '--requirement=dev/extra.txt',
      '-c constraints.txt',
      '-e .',
      '-e git+https://github.com/org/tool.git@main#egg=tool',
      'matplotlib; python_version >= "3.9"',
      'lib @ https://example.com/lib.tar.gz#sha256=abc',
      '   ',
      'requests==2.31.0 \\',
      '    --hash=sha256:aaa \\',
      '    --hash=sha256:bbb',
      '-i https://example.com',
    ].join('\n');
    const parsed = parseRequirementsTxt(text);
    expect(summary(parsed)).toEqual([
      'numpy:3:none',
      'pandas:4:exact',
      'scikit-learn:5:lower',
      'torch:6:range',
      'tool:12:none',
      'matplotlib:13:none',
      'lib:14:exact',
      'requests:16:exact+',
    ]);
    expect(parsed.includes).toEqual([
      { path: 'base.txt', line: 8 },
      { path: 'dev/extra.txt', line: 9 },
    ]);
    expect(parsed.constraints).toEqual([{ path: 'constraints.txt', line: 10 }]);
  });

  it('keeps a # that no whitespace precedes (a URL fragment), and reads CRLF files', () => {
    const parsed = parseRequirementsTxt('git+https://h/o/r.git@main#egg=r\r\nx==1\r\n');
    expect(summary(parsed)).toEqual(['r:1:none', 'x:2:exact']);
  });

  it('reads text that is no requirement as nothing, never as a package', () => {
    const parsed = parseRequirementsTxt('this is not a requirement\n<html>\n==1.0\n');
    expect(parsed.requirements).toEqual([]);
  });
});

describe('parsePyproject', () => {
  it('reads PEP 621 dependencies, extras and dependency groups at their lines', () => {
    const text = `[build-system]
requires = ["setuptools", "wheel"]

[project]
name = "demo"
requires-python = ">=3.10"
dependencies = [
  "numpy",
  "pandas>=2",
  'torch==2.1.0',
]

[project.optional-dependencies]
viz = ["matplotlib", "seaborn<1"]

[dependency-groups]
test = ["pytest", {include-group = "viz"}]
`;
    expect(summary(ok(parsePyproject(text)))).toEqual([
      'numpy:8:none',
      'pandas:9:lower',
      'torch:10:exact',
      'matplotlib:14:none',
      'seaborn:14:range',
      'pytest:17:none',
    ]);
  });

  it('reads Poetry dependencies and groups: "*" is unpinned, "^1.2" is not, python is no package', () => {
    const text = `[tool.poetry]
name = "demo"

[tool.poetry.dependencies]
python = "^3.10"
numpy = "*"
pandas = "^1.2"
torch = { version = ">=2.0" }
mylib = { path = "../mylib", develop = true }
fork = { git = "https://github.com/org/fork.git", branch = "next" }
fixed = { git = "https://github.com/org/fixed.git", rev = "38eb5d3b" }
tagged = { git = "https://github.com/org/tagged.git", tag = "v0.13.2" }
wheel = { url = "https://example.com/wheel-1.0.tar.gz" }
split = [
  { version = "^1.0", python = "<3.11" },
  { version = "*", python = ">=3.11" },
]

[tool.poetry.group.dev.dependencies]
pytest = "*"

[tool.poetry.dev-dependencies]
black = "23.1.0"
`;
    expect(summary(ok(parsePyproject(text)))).toEqual([
      'numpy:6:none',
      'pandas:7:range',
      'torch:8:lower',
      'fork:10:none',
      'fixed:11:exact',
      'tagged:12:exact',
      'wheel:13:exact',
      'split:14:none',
      'black:23:exact',
      'pytest:20:none',
    ]);
  });

  it('fails on malformed TOML with the line, never quoting the file', () => {
    const result = parsePyproject('[project]\ndependencies = ["numpy",\nsecret = "hunter2" oops\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toMatch(/^invalid TOML at line \d+$/);
    expect(result.reason).not.toContain('hunter2');
  });

  it('reads a pyproject with no dependencies as none', () => {
    expect(ok(parsePyproject('[tool.black]\nline-length = 100\n')).requirements).toEqual([]);
  });
});

describe('parseSetupCfg', () => {
  it('reads install_requires and extras_require as setuptools does', () => {
    const text = `[metadata]
name = demo

[options]
packages = find:
install_requires =
    numpy
    # a comment inside the value
    pandas>=2; python_version >= "3.9"
    requests==2.31.0
python_requires = >=3.9

[options.extras_require]
viz = matplotlib; seaborn~=0.12
Test =
  pytest

[flake8]
install_requires = not-a-dependency
`;
    expect(summary(parseSetupCfg(text))).toEqual([
      'numpy:7:none',
      'pandas:9:lower',
      'requests:10:exact',
      'matplotlib:14:none',
      'seaborn:14:range',
      'pytest:16:none',
    ]);
  });

  it('follows file: directives as includes', () => {
    const parsed = parseSetupCfg(
      '[options]\ninstall_requires = file: requirements.in, extra.txt\n',
    );
    expect(parsed.requirements).toEqual([]);
    expect(parsed.includes).toEqual([
      { path: 'requirements.in', line: 2 },
      { path: 'extra.txt', line: 2 },
    ]);
  });
});

describe('parseCondaEnvironment', () => {
  it('reads conda match specs and the nested pip list', () => {
    const text = `name: train
channels:
  - conda-forge
dependencies:
  - python=3.11
  - pip
  - numpy
  - conda-forge::pandas>=2
  - scipy=1.11=py311_0
  - pytorch 2.1.*
  - cudatoolkit[version='>=11.8,<12']
  - pip:
      - -r requirements-extra.txt
      - wandb
      - transformers==4.35.0
      - -e .
`;
    const parsed = ok(parseCondaEnvironment(text));
    expect(summary(parsed)).toEqual([
      'python:5:range',
      'numpy:7:none',
      'pandas:8:lower',
      'scipy:9:range',
      'pytorch:10:range',
      'cudatoolkit:11:range',
      'wandb:14:none',
      'transformers:15:exact',
    ]);
    expect(parsed.includes).toEqual([{ path: 'requirements-extra.txt', line: 13 }]);
  });

  it('reads the match spec forms', () => {
    expect(parseMatchSpec('numpy')).toEqual({ name: 'numpy', bound: 'none' });
    expect(parseMatchSpec('numpy==1.26.0')).toEqual({ name: 'numpy', bound: 'exact' });
    expect(parseMatchSpec('numpy 1.26.0 py311_0')).toEqual({ name: 'numpy', bound: 'exact' });
    expect(parseMatchSpec('conda-forge/linux-64::numpy')).toEqual({ name: 'numpy', bound: 'none' });
    expect(parseMatchSpec('')).toBeNull();
  });

  it('fails on malformed YAML with the line, and reads a file without dependencies as none', () => {
    const bad = parseCondaEnvironment('dependencies:\n  - numpy\n  - [token-XYZ\n');
    expect(bad).toEqual({ ok: false, reason: expect.stringMatching(/^invalid YAML at line \d+$/) });
    expect(ok(parseCondaEnvironment('name: x\n')).requirements).toEqual([]);
    expect(ok(parseCondaEnvironment('- just\n- a list\n')).requirements).toEqual([]);
  });
});

describe('parsePipfile', () => {
  it('reads [packages] and [dev-packages]: "*" is unpinned', () => {
    const text = `[[source]]
url = "https://pypi.org/simple"
verify_ssl = true
name = "pypi"

[packages]
numpy = "*"
pandas = "==2.1.0"
"scikit-learn" = {version = ">=1.3", extras = ["x"]}
mylib = {path = ".", editable = true}
branch = {git = "https://github.com/org/branch.git", ref = "main"}
commit = {git = "https://github.com/org/commit.git", ref = "0123abc"}

[dev-packages]
pytest = "*"

[requires]
python_version = "3.11"
`;
    expect(summary(ok(parsePipfile(text)))).toEqual([
      'numpy:7:none',
      'pandas:8:exact',
      'scikit-learn:9:lower',
      'branch:11:none',
      'commit:12:exact',
      'pytest:15:none',
    ]);
  });

  it('fails on malformed TOML', () => {
    expect(parsePipfile('[packages\nnumpy = "*"\n').ok).toBe(false);
  });
});
