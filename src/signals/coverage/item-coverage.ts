/**
 * Which of an item's files a coverage report is expected to describe. Coverage tools measure
 * source code, so an item made of YAML, a Dockerfile or docs is not "unmeasured" (and its
 * risk is not raised) just because no report lists them.
 */
import type { CoverageSignal } from '../../model/index.js';
import { extensionOf } from './file-extension.js';
import { coverageForFiles } from './merge.js';
import type { CoverageIndex } from './types.js';

/** Extensions of files coverage tools instrument. */
export const SOURCE_EXTENSIONS = new Set([
  'py',
  'pyx',
  'js',
  'jsx',
  'mjs',
  'cjs',
  'ts',
  'tsx',
  'mts',
  'cts',
  'java',
  'kt',
  'kts',
  'scala',
  'go',
  'c',
  'cc',
  'cpp',
  'cxx',
  'h',
  'hh',
  'hpp',
  'hxx',
  'cu',
  'rs',
  'rb',
  'php',
  'cs',
  'swift',
  'r',
  'jl',
  'm',
  'mm',
  'lua',
  'dart',
  'ex',
  'exs',
  'erl',
  'clj',
  'groovy',
  'vue',
  'svelte',
]);

/** Whether a coverage tool would instrument the file, judged by its extension. */
export function isSourceFile(path: string): boolean {
  const extension = extensionOf(path);
  return extension !== null && SOURCE_EXTENSIONS.has(extension);
}

/** The item's coverage over its source files (files listed in a report count even if not source). */
export function coverageForItem(index: CoverageIndex, files: readonly string[]): CoverageSignal {
  return coverageForFiles(
    index,
    files.filter((f) => isSourceFile(f) || index.files.has(f)),
  );
}
