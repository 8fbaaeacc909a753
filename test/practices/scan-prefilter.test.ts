/**
 * The scan's pre-filter skips tokenizing a file when nothing the rules read can be in it: it
 * must give the very findings a full tokenization gives, on files that pass it and files it
 * rules out, near-misses included (a library name only in part, a marker in a comment).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { magicNumberFindings } from '../../src/signals/practices/magic-numbers.js';
import { practiceHintsOf } from '../../src/signals/practices/practice-hints.js';
import {
  scanPython,
  scanPythonFile,
  type PythonFileScan,
} from '../../src/signals/practices/scan-python.js';

const demo = fileURLToPath(new URL('../../fixtures/demo/files/', import.meta.url));

function pythonFiles(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.py'))
    .map((e) => {
      const full = join(e.parentPath, e.name);
      return { path: relative(dir, full).split('\\').join('/'), text: readFileSync(full, 'utf8') };
    })
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

const snippets = [
  { path: 'lib/util.py', text: 'lr = 0.1\nseed = 42\n' },
  { path: 'lib/model.py', text: '# model.fit(X)\nlr = 0.1\n' },
  { path: 'lib/model2.py', text: 'model.fit(X)\nlr = 0.1\n' },
  { path: 'lib/log.py', text: 'import mlflow\n' },
  { path: 'lib/log2.py', text: 'from dvc import api\n' },
  { path: 'lib/log3.py', text: 'import dvc\n' },
  { path: 'lib/io.py', text: 'df = pd.read_csv(p)\nthreshold = 0.5\n' },
  { path: 'lib/schema.py', text: 'from pydantic import BaseModel\n' },
  { path: 'src/train/a.py', text: 'batch_size = 32\n' },
  { path: 'src/serving/app.py', text: 'THRESHOLD = 0.8\n' },
];

/** What the rules take from scans: magic findings per file, hints for the whole set. */
function rulesOf(scans: PythonFileScan[]) {
  return {
    magic: scans.flatMap((s) => magicNumberFindings(s)),
    hints: practiceHintsOf(scans),
    roles: scans.map((s) => [s.path, s.roles]),
  };
}

describe('the scan pre-filter', () => {
  it('gives the findings of a full scan, on the demo and on near-misses', () => {
    for (const files of [pythonFiles(demo), snippets]) {
      const fast = files.map((f) => scanPythonFile(f.path, f.text)!);
      const full = files.map((f) => scanPythonFile(f.path, f.text, { prefilter: false })!);
      expect(rulesOf(fast)).toEqual(rulesOf(full));
    }
  });

  it('rules out a file with no role, no marker and no listed library', () => {
    const scan = scanPythonFile('lib/util.py', 'lr = 0.1\nimport numpy\n')!;
    expect(scan.imports).toEqual([]);
    const full = scanPythonFile('lib/util.py', 'lr = 0.1\nimport numpy\n', { prefilter: false })!;
    expect(full.imports).toEqual(['numpy']);
    // The literal is there, and counts for no rule: the file is neither training nor serving code.
    expect(scanPython('lr = 0.1\n').magic).toHaveLength(1);
    expect(full.magic).toEqual([]);
    expect(magicNumberFindings(full)).toEqual([]);
  });
});
