/**
 * CODEOWNERS in GitHub's and GitLab's syntax: patterns (anchored, any depth, directories,
 * wildcards, escapes), comments, the last matching rule winning, and GitLab sections with
 * default owners.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  compileCodeownersPattern,
  ownerRuleOf,
  parseCodeowners,
} from '../../src/signals/owners/codeowners.js';
import { readCodeowners } from '../../src/signals/owners/index.js';
import { tempDir } from '../helpers/audit-repo.js';

const ownerOf = (text: string, path: string) =>
  ownerRuleOf(parseCodeowners(text), path)?.owners ?? null;

describe('CODEOWNERS patterns', () => {
  it.each([
    ['*', 'any/file.py', true],
    ['*.py', 'src/deep/file.py', true],
    ['*.py', 'src/deep/file.pyc', false],
    ['/build/', 'build/out/x.o', true],
    ['/build/', 'src/build/x.o', false],
    ['docs', 'src/docs/a.md', true],
    ['docs/', 'docs', false],
    ['src/common/', 'src/common/a.py', true],
    ['src/common', 'lib/src/common/a.py', false],
    ['apps/*/config.yaml', 'apps/web/config.yaml', true],
    ['apps/*/config.yaml', 'apps/web/deep/config.yaml', false],
    ['apps/**/config.yaml', 'apps/web/deep/config.yaml', true],
    ['Dockerfile', 'services/api/Dockerfile', true],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(compileCodeownersPattern(pattern)(path)).toBe(expected);
  });
});

describe('parseCodeowners', () => {
  it('lets the last matching rule win, and a rule without owners unowns', () => {
    const text = [
      '# comment',
      '*       @org/everyone',
      '/src/   @org/backend  # trailing comment',
      '/src/common/ @dara user@example.com',
      '/src/common/vendored/',
    ].join('\n');
    expect(ownerOf(text, 'README.md')).toEqual(['@org/everyone']);
    expect(ownerOf(text, 'src/app.py')).toEqual(['@org/backend']);
    expect(ownerOf(text, 'src/common/a.py')).toEqual(['@dara', 'user@example.com']);
    expect(ownerOf(text, 'src/common/vendored/x.py')).toEqual([]);
    expect(parseCodeowners(text).map((r) => r.line)).toEqual([2, 3, 4, 5]);
  });

  it('reads escaped # and spaces as part of the pattern', () => {
    const text = '\\#notes.md @scribe\nmy\\ file.txt @spacey\n';
    expect(ownerOf(text, '#notes.md')).toEqual(['@scribe']);
    expect(ownerOf(text, 'my file.txt')).toEqual(['@spacey']);
  });

  it("gives GitLab sections' default owners to entries without their own", () => {
    const text = [
      '[Backend] @backend-team',
      'src/',
      'src/api/ @api-team',
      '^[Optional docs][2] @writers',
      'docs/',
      '[Empty]',
      '*.md',
    ].join('\n');
    expect(ownerOf(text, 'src/x.py')).toEqual(['@backend-team']);
    expect(ownerOf(text, 'src/api/x.py')).toEqual(['@api-team']);
    expect(ownerOf(text, 'docs/a.txt')).toEqual(['@writers']);
    expect(ownerOf(text, 'docs/a.md')).toEqual([]);
    expect(ownerOf(text, 'lib/x.py')).toBeNull();
  });
});

describe('readCodeowners', () => {
  const { dir, remove } = tempDir('codeowners');
  afterAll(remove);

  it('reads the first of .github/, the root and docs/', async () => {
    expect(await readCodeowners(dir)).toBeNull();
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs/CODEOWNERS'), '* @docs\n');
    writeFileSync(join(dir, 'CODEOWNERS'), '* @root\n');
    expect((await readCodeowners(dir))?.file).toBe('CODEOWNERS');
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github/CODEOWNERS'), '* @github\n');
    const found = await readCodeowners(dir);
    expect(found?.file).toBe('.github/CODEOWNERS');
    expect(found?.rules[0]?.owners).toEqual(['@github']);
  });
});
