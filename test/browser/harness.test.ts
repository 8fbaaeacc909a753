/**
 * The browser harness itself, on tiny pages written to a temp dir: each collector catches
 * what it exists for and stays empty on a clean page, contrast is judged in both colour
 * schemes, screenshots are real PNGs, and the browser is closed even after a failing test.
 * Opening a page costs about half a second of CPU (a new renderer process): the tests share
 * the few pages they need.
 */
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/audit-repo.js';
import {
  checkContrast,
  describeWithBrowser,
  openPage,
  type OpenedPage,
  screenshot,
  SCREENSHOT_DIR,
} from '../helpers/browser.js';

const temp = tempDir('browser-harness');

/** Writes `body` as a small HTML page named `name` and returns its path. */
function writePage(name: string, body: string, style = ''): string {
  const path = join(temp.dir, `${name}.html`);
  writeFileSync(
    path,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title>` +
      `<style>${style}</style></head><body>${body}</body></html>`,
  );
  return path;
}

// A clean page that follows the colour scheme: readable text (black on white, white on
// black) around one grey-on-grey paragraph, an inline script and SVG, and an image without
// alt text (and without a source, so no request) for the rule-selection test.
const themed = writePage(
  'themed',
  `<main><h1>Debt</h1><p id="plain">Readable in both schemes.</p>
  <section class="faint"><p id="faint">Grey on grey.</p></section>
  <svg width="40" height="10" role="img" aria-label="bar"><rect width="30" height="10"/></svg>
  <img width="1" height="1"><p id="out"></p></main>
  <script>document.getElementById('out').textContent = 'script ran';</script>`,
  'body { color: #000; background: #fff; font: 16px sans-serif; }' +
    '.faint { color: #777; background: #888; }' +
    '@media (prefers-color-scheme: dark) {' +
    ' body { color: #fff; background: #000; } .faint { color: #555; background: #444; } }',
);

/** The first 8 bytes of every PNG file. */
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// Set by the deliberately failing test; checked once the suite has closed its browser.
let browserOfFailingTest: Browser | undefined;

describeWithBrowser('browser harness', (suite) => {
  describe('errors', () => {
    let opened: OpenedPage;
    beforeAll(async () => {
      // Two scripts: the first logs, the second throws.
      const page = writePage(
        'errors',
        `<script>console.error('dashboard broke', 42)</script>` +
          `<script>throw new TypeError('kaboom')</script>`,
      );
      opened = await openPage(suite.browser, { path: page });
    });
    afterAll(() => opened.close());

    it('collects console.error messages', () => {
      expect(opened.consoleErrors).toEqual(['dashboard broke 42']);
    });

    it('collects uncaught exceptions', () => {
      expect(opened.pageErrors).toEqual(['TypeError: kaboom']);
    });
  });

  describe('requests', () => {
    // A real server on this machine: a request that got past the browser would arrive here.
    const server = createServer((_request, response) => response.end('reached'));
    let connections = 0;
    server.on('connection', () => connections++);
    let origin = '';
    beforeAll(async () => {
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      origin = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((done) => server.close(() => done())));

    it('records every request but the document and lets none leave the browser', async () => {
      writeFileSync(join(temp.dir, 'sibling.txt'), 'sibling');
      const page = writePage(
        'network',
        `<img src="http://example.invalid/x.png"><img src="http://${origin}/probe.png">
        <script>
          const settled = (promise) => promise.then(() => 'ok', () => 'failed');
          const socketClosed = new Promise((done) => {
            const socket = new WebSocket('ws://${origin}/socket');
            socket.onclose = done;
          });
          Promise.all([
            settled(fetch('https://example.invalid')),
            settled(fetch('http://${origin}/probe.json')),
            settled(fetch('sibling.txt')),
            settled(fetch('data:text/plain,inline')),
            socketClosed,
            ...[...document.images].map((img) => settled(img.decode())),
          ]).then(() => { document.body.dataset.settled = 'yes'; });
        </script>`,
      );
      const opened = await openPage(suite.browser, { path: page });
      await opened.page.waitForSelector('body[data-settled="yes"]', { timeout: 10_000 });
      expect([...opened.requests].sort()).toEqual(
        [
          'http://example.invalid/x.png',
          `http://${origin}/probe.png`,
          'https://example.invalid/',
          `http://${origin}/probe.json`,
          pathToFileURL(join(temp.dir, 'sibling.txt')).href,
          'data:text/plain,inline',
          `ws://${origin}/socket`,
        ].sort(),
      );
      expect(connections).toBe(0);
      await opened.close();
    });
  });

  describe.each(['light', 'dark'] as const)('a clean page in the %s scheme', (colorScheme) => {
    const dark = colorScheme === 'dark';
    let opened: OpenedPage;
    beforeAll(async () => {
      opened = await openPage(suite.browser, { path: themed, colorScheme });
    });
    afterAll(() => opened.close());

    it('records nothing on a clean page', async () => {
      expect(await opened.page.textContent('#out')).toBe('script ran');
      expect(opened.consoleErrors).toEqual([]);
      expect(opened.pageErrors).toEqual([]);
      expect(opened.requests).toEqual([]);
    });

    it(`emulates prefers-color-scheme: ${colorScheme}`, async () => {
      // The tests' TypeScript has no DOM types: page-side code is given as text.
      const emulated = `matchMedia('(prefers-color-scheme: dark)').matches`;
      expect(await opened.page.evaluate<boolean>(emulated)).toBe(dark);
      const text = await opened.page.evaluate<string>('getComputedStyle(document.body).color');
      expect(text).toBe(dark ? 'rgb(255, 255, 255)' : 'rgb(0, 0, 0)');
    });

    it('finds the grey-on-grey text, with its ratio and colours, and nothing else', async () => {
      const violations = await checkContrast(opened.page);
      expect(violations).toEqual([
        expect.objectContaining({
          rule: 'color-contrast',
          target: '#faint',
          foreground: dark ? '#555555' : '#777777',
          background: dark ? '#444444' : '#888888',
          expectedRatio: '4.5:1',
        }),
      ]);
      expect(violations[0]?.contrastRatio).toBeLessThan(1.5);
      expect(violations[0]?.summary).toMatch(
        /^contrast 1\.\d+:1 \(#\w{6} on #\w{6}\), needs 4\.5:1$/,
      );
    });

    it('runs only the axe rules it is given', async () => {
      // The image has no alt text: only a check that names image-alt reports it.
      expect((await checkContrast(opened.page)).map((v) => v.rule)).toEqual(['color-contrast']);
      const both = await checkContrast(opened.page, ['color-contrast', 'image-alt']);
      expect(both.map((v) => v.rule).sort()).toEqual(['color-contrast', 'image-alt']);
    });
  });

  describe('HTML text and screenshots', () => {
    let opened: OpenedPage;
    beforeAll(async () => {
      opened = await openPage(suite.browser, {
        html: '<title>inline</title><body style="margin:0"><div style="height:1500px;background:#036"></div></body>',
      });
    });

    it('opens HTML text from a temporary file', async () => {
      expect(opened.url).toMatch(/^file:\/\/\/.*\/page\.html$/);
      expect(await opened.page.title()).toBe('inline');
    });

    it('writes a full-page PNG under test-output/browser', async () => {
      const path = await screenshot(opened.page, 'harness-full-page');
      expect(path).toBe(join(SCREENSHOT_DIR, 'harness-full-page.png'));
      const png = readFileSync(path);
      expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      // IHDR, the first chunk, holds the width and height: the whole page, not the viewport.
      expect(png.readUInt32BE(16)).toBe(1280);
      expect(png.readUInt32BE(20)).toBe(1500);
    });

    it('refuses a screenshot name that is not a plain file name', async () => {
      await expect(screenshot(opened.page, '../escape')).rejects.toThrow(/plain file name/);
    });

    it('removes the temporary file on close', async () => {
      await opened.close();
      expect(() => readFileSync(new URL(opened.url))).toThrow(/ENOENT/);
    });
  });

  it.fails('closes the browser even after a failing test (this test fails on purpose)', () => {
    browserOfFailingTest = suite.browser;
    expect(browserOfFailingTest.isConnected()).toBe(false);
  });
});

// Runs after the suite's own afterAll: the browser of the failed test must be gone by now.
afterAll(() => {
  temp.remove();
  if (browserOfFailingTest !== undefined) expect(browserOfFailingTest.isConnected()).toBe(false);
});
