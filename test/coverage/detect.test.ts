import { describe, expect, it } from 'vitest';
import { detectCoverageFormat } from '../../src/signals/coverage/index.js';
import { readFixture } from './fixtures.js';

describe('detectCoverageFormat on reports written by the real tools', () => {
  it.each([
    ['js-package/reports/lcov.info', 'lcov'],
    ['js-package/reports/cobertura-coverage.xml', 'cobertura'],
    ['js-package/reports/clover.xml', 'clover'],
    ['js-package/reports/coverage-final.json', 'istanbul-final'],
    ['js-package/reports/coverage-summary.json', 'istanbul-summary'],
    ['py-package/reports/coverage.xml', 'cobertura'],
    ['py-package/reports/coverage.json', 'coveragepy-json'],
    ['py-package/reports/coverage.lcov', 'lcov'],
    ['c-program/reports/gcovr-cobertura.xml', 'cobertura'],
    ['c-program/reports/lcov.info', 'lcov'],
    ['java-package/reports/jacoco.xml', 'jacoco'],
    ['go-module/reports/cover.out', 'go'],
  ])('%s is %s', (file, format) => {
    expect(detectCoverageFormat(readFixture(file).slice(0, 8192))).toBe(format);
  });
});

describe('detectCoverageFormat edge cases', () => {
  it('looks at content, not at what the name promises', () => {
    expect(detectCoverageFormat('# README\nnot a report\n')).toBeNull();
    expect(detectCoverageFormat('')).toBeNull();
    expect(detectCoverageFormat('{"name": "package.json"}')).toBeNull();
    expect(detectCoverageFormat('<html><body/></html>')).toBeNull();
    expect(detectCoverageFormat('\u001f\u008b\u0008binary')).toBeNull();
  });

  it('tells Clover from Cobertura when the root carries neither marker', () => {
    expect(detectCoverageFormat('<coverage>\n  <project name="x">')).toBe('clover');
    expect(detectCoverageFormat('<coverage>\n  <packages>')).toBe('cobertura');
    expect(detectCoverageFormat('<coverage version="1"/>')).toBeNull();
  });

  it('skips BOMs, declarations, comments and DOCTYPEs with internal subsets', () => {
    const head =
      '\uFEFF<?xml version="1.0"?>\n<!-- generated -->\n<!DOCTYPE report [ <!ENTITY a "b"> ]>\n<report name="x">';
    expect(detectCoverageFormat(head)).toBe('jacoco');
  });

  it('recognises lcov starting with SF or VER, and Go profiles of every mode', () => {
    expect(detectCoverageFormat('SF:/a.c\nDA:1,1\nend_of_record\n')).toBe('lcov');
    expect(detectCoverageFormat('VER:2.0\nTN:\n')).toBe('lcov');
    expect(detectCoverageFormat('mode: atomic\r\nx.go:1.1,2.2 1 0\r\n')).toBe('go');
    expect(detectCoverageFormat('mode: sometimes\n')).toBeNull();
  });
});
