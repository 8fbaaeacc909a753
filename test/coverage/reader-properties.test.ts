/**
 * What the property tests of the coverage readers found, each pinned by a plain test. (The
 * properties themselves follow in this file.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { readCoverageReport } from '../../src/signals/coverage/index.js';
import type { ReportSource } from '../../src/signals/coverage/report-errors.js';

const dir = mkdtempSync(join(tmpdir(), 'mldebt-coverage-props-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let written = 0;
/** Writes a report to a fresh file and returns it as a reader's source. */
function writeTemp(bytes: Buffer): ReportSource {
  const path = join(dir, `r${++written}.report`);
  writeFileSync(path, bytes);
  return { path, name: path };
}

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('found by the properties', () => {
  it('a Go block with a 2,000-digit line number is refused in a short message', async () => {
    const source = writeTemp(utf8(`mode: set\nm/a.go:${'9'.repeat(2000)}.1,2.1 1 1\n`));
    const error = await readCoverageReport(source.path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    // It once echoed all 2,000 digits.
    expect((error as UserError).format()).toBe(
      `${source.name}:2:8: block lines <2,000 digits>..2 are not a line range`,
    );
  });
});
