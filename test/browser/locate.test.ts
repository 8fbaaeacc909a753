/**
 * Where the browser tests look for Chromium, and what a browser suite does when it is not
 * there: it fails, saying how to install it (never a skip). Real
 * executable files in a temp dir stand in for Chromium; nothing is launched.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/audit-repo.js';
import { INSTALL_COMMAND, locateChromium, planBrowserSuite } from '../helpers/browser.js';

const temp = tempDir('browser-locate');
afterAll(temp.remove);

/** Writes a file at `path`, executable unless told otherwise, and returns the path. */
function fakeBinary(path: string, executable = true): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, executable ? 0o755 : 0o644);
  return path;
}

const override = fakeBinary(join(temp.dir, 'override', 'my-chromium'));
const debian = fakeBinary(join(temp.dir, 'usr-bin', 'chromium'));
const onPath = fakeBinary(join(temp.dir, 'on-path', 'chromium'));
const notExecutable = fakeBinary(join(temp.dir, 'plain', 'chromium'), false);
const absent = join(temp.dir, 'absent', 'chromium');
const pathDirs = [join(temp.dir, 'plain'), join(temp.dir, 'on-path')].join(':');

describe('locateChromium', () => {
  it('uses MLDEBT_CHROMIUM before anything else', () => {
    expect(locateChromium({ MLDEBT_CHROMIUM: override, PATH: pathDirs }, debian)).toEqual({
      found: true,
      path: override,
    });
  });

  it('does not fall back when MLDEBT_CHROMIUM names no executable file', () => {
    for (const value of [absent, notExecutable, temp.dir]) {
      expect(locateChromium({ MLDEBT_CHROMIUM: value, PATH: pathDirs }, debian)).toEqual({
        found: false,
        looked: `MLDEBT_CHROMIUM=${value}`,
      });
    }
  });

  it("uses Debian's /usr/bin/chromium next", () => {
    expect(locateChromium({ MLDEBT_CHROMIUM: '', PATH: pathDirs }, debian)).toEqual({
      found: true,
      path: debian,
    });
  });

  it('then the first executable chromium on PATH', () => {
    expect(locateChromium({ PATH: pathDirs }, absent)).toEqual({ found: true, path: onPath });
  });

  it('says where it looked when there is none', () => {
    expect(locateChromium({ PATH: join(temp.dir, 'plain') }, absent)).toEqual({
      found: false,
      looked: `${absent} and chromium on PATH`,
    });
  });
});

describe('planBrowserSuite', () => {
  const missing = { found: false, looked: '/nowhere/chromium' } as const;

  it('runs with the binary that was found', () => {
    expect(planBrowserSuite({ found: true, path: debian })).toEqual({
      kind: 'run',
      executablePath: debian,
    });
  });

  it('fails without Chromium, saying where it looked and how to install it', () => {
    expect(planBrowserSuite(missing)).toEqual({
      kind: 'fail',
      message:
        'Chromium not found (looked at /nowhere/chromium): install it with ' +
        `\`${INSTALL_COMMAND}\` (npm test does, as root or with sudo) or point MLDEBT_CHROMIUM at it`,
    });
  });
});
