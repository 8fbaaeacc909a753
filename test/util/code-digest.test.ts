/**
 * Code digests name the installed version of each library: the package Node resolves a bare
 * import to, found in the nearest node_modules above mldebt's modules.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeDigest, directoryDigest } from '../../src/util/code-digest.js';

const require = createRequire(import.meta.url);

/** The version in the package.json above the entry Node resolves `library` to. */
function resolvedVersion(library: string): string {
  for (let dir = dirname(require.resolve(library)); ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (pkg.name === library) return pkg.version;
    } catch {
      // Not here: further up.
    }
  }
}

describe('codeDigest', () => {
  it.each(['yaml', 'zod', 'picomatch', 're2js', 'smol-toml'])(
    "names %s's version as Node resolves it",
    (library) => {
      const expected = createHash('sha256')
        .update(`${library}@${resolvedVersion(library)}\0`)
        .digest('hex');
      expect(codeDigest([], [library])).toBe(expected);
    },
  );

  it('digests each directory of modules by name and content, once', () => {
    expect(directoryDigest('util')).toMatch(/^[0-9a-f]{64}$/);
    expect(directoryDigest('util')).toBe(directoryDigest('util'));
    expect(directoryDigest('util')).not.toBe(directoryDigest('inventory'));
    expect(codeDigest(['util'])).not.toBe(codeDigest(['util'], ['yaml']));
  });
});
