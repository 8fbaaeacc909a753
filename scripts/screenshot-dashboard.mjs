#!/usr/bin/env node
// `npm run docs:screenshot`: the README's picture of the dashboard. Builds the demo, renders
// its HTML report, opens it in Debian's Chromium (playwright-core drives it; no browser is
// downloaded) and writes the top of the page, light theme, to docs/dashboard.png.
//
//   MLDEBT_CHROMIUM=/path/to/chromium npm run docs:screenshot   to use another binary

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const project = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'mldebt-screenshot-'));
try {
  const html = join(work, 'debt.html');
  const demo = spawnSync(
    process.execPath,
    [join(project, 'scripts', 'demo.js'), '--format', 'html', '-o', html],
    { cwd: project, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (demo.status !== 0) throw new Error(`the demo exited with ${demo.status}`);
  const browser = await chromium.launch({
    executablePath: process.env.MLDEBT_CHROMIUM || '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-quic', '--disable-background-networking', '--no-sandbox'],
  });
  try {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 1600 },
      colorScheme: 'light',
      deviceScaleFactor: 1,
    });
    await page.goto(pathToFileURL(html).href);
    const out = join(project, 'docs', 'dashboard.png');
    await page.screenshot({ path: out, clip: { x: 0, y: 0, width: 1280, height: 1600 } });
    process.stderr.write(`wrote ${out}\n`);
  } finally {
    await browser.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
