/**
 * The one place that finds and launches Chromium for the browser tests, opens a local HTML
 * file in it with collectors for what must never happen (console errors, uncaught errors,
 * requests), checks colour contrast with axe-core and writes screenshots.
 *
 * The browser is Debian's `chromium`, driven by playwright-core with `executablePath`; no tool
 * ever downloads a browser of its own. Where Chromium is absent the browser suites fail with
 * the command that installs it (`npm test` installs it first: scripts/ensure-test-packages.sh);
 * they are never skipped, so a green run always means the dashboard was tested.
 *
 * Usage, one browser per test file:
 *
 *     describeWithBrowser('dashboard', (suite) => {
 *       it('opens', async () => {
 *         const opened = await openPage(suite.browser, { path: file, colorScheme: 'dark' });
 *         expect(opened.consoleErrors).toEqual([]);
 *         await opened.close();
 *       });
 *     });
 */
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AxeResults, RunOptions } from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';

/** Path of the Chromium binary to use instead of the usual places. */
export const CHROMIUM_ENV = 'MLDEBT_CHROMIUM';
/** Where Debian's `chromium` package puts its launcher. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';
/** The command that installs the browser these tests use. */
export const INSTALL_COMMAND = 'apt-get install --no-install-recommends chromium';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Where `screenshot` writes; ignored by git, kept after the run for people and CI artifacts. */
export const SCREENSHOT_DIR = join(ROOT, 'test-output', 'browser');

/**
 * Flags for a headless Chromium running as root on a machine with no network. playwright
 * already passes most of them (and its own temporary --user-data-dir, removed on close); they
 * are repeated so that these tests do not depend on its defaults. The networking ones matter:
 * without them Chromium keeps trying to reach Google's services and floods a closed network.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox', // root cannot use Chromium's sandbox
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where Chromium was found, or where it was looked for in vain. */
export type ChromiumLookup = { found: true; path: string } | { found: false; looked: string };

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Finds Chromium: `$MLDEBT_CHROMIUM` when it is set (and then nothing else, so a wrong value
 * is noticed instead of quietly replaced), else Debian's `/usr/bin/chromium`, else `chromium`
 * on PATH.
 */
export function locateChromium(
  env: NodeJS.ProcessEnv = process.env,
  debianPath: string = DEBIAN_CHROMIUM,
): ChromiumLookup {
  const override = env[CHROMIUM_ENV];
  if (override !== undefined && override !== '') {
    return isExecutableFile(override)
      ? { found: true, path: override }
      : { found: false, looked: `${CHROMIUM_ENV}=${override}` };
  }
  if (isExecutableFile(debianPath)) return { found: true, path: debianPath };
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, 'chromium');
    if (isExecutableFile(candidate)) return { found: true, path: candidate };
  }
  return { found: false, looked: `${debianPath} and chromium on PATH` };
}

/** What a browser suite does: run with the binary found, or fail saying how to install it. */
export type BrowserSuitePlan =
  { kind: 'run'; executablePath: string } | { kind: 'fail'; message: string };

/** Decides what a browser suite does, given where Chromium was looked for. */
export function planBrowserSuite(lookup: ChromiumLookup): BrowserSuitePlan {
  if (lookup.found) return { kind: 'run', executablePath: lookup.path };
  return {
    kind: 'fail',
    message:
      `Chromium not found (looked at ${lookup.looked}): install it with \`${INSTALL_COMMAND}\` ` +
      `(npm test does, as root or with sudo) or point ${CHROMIUM_ENV} at it`,
  };
}

/**
 * Launches headless Chromium from `executablePath` with {@link CHROMIUM_FLAGS}. The caller
 * closes it.
 */
export async function launchChromium(executablePath: string): Promise<Browser> {
  // Imported here, not at the top: loading playwright-core takes 0.6 s of CPU, which test
  // files that only look for Chromium need not pay.
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, headless: true, args: [...CHROMIUM_FLAGS] });
}

/** The browser of a {@link describeWithBrowser} suite, available inside its tests and hooks. */
export interface BrowserSuite {
  readonly browser: Browser;
}

/**
 * A `describe` whose tests share one Chromium, launched before the first test and closed
 * after the last one whatever their outcome. Without Chromium the suite is one failing test,
 * "finds Chromium", whose message says how to install it. `env` is for the harness's own tests.
 */
export function describeWithBrowser(
  title: string,
  body: (suite: BrowserSuite) => void,
  env: NodeJS.ProcessEnv = process.env,
): void {
  const plan = planBrowserSuite(locateChromium(env));
  let browser: Browser | undefined;
  const suite: BrowserSuite = {
    get browser(): Browser {
      if (browser === undefined) {
        throw new Error('the browser is launched in beforeAll: use suite.browser inside a test');
      }
      return browser;
    },
  };
  if (plan.kind === 'fail') {
    // One failing test in place of the suite: vitest would report the suite's tests as
    // skipped if a hook threw, and a browser test must never read as skipped.
    describe(title, () => {
      it('finds Chromium', () => {
        throw new Error(plan.message);
      });
    });
    return;
  }
  describe(title, () => {
    beforeAll(async () => {
      browser = await launchChromium(plan.executablePath);
    });
    afterAll(async () => {
      await browser?.close();
    });
    body(suite);
  });
}

/** What to open: an HTML file on disk, or HTML text written to a temporary file first. */
export type OpenPageOptions = ({ path: string; html?: never } | { html: string; path?: never }) & {
  /** The emulated `prefers-color-scheme`; light by default. */
  colorScheme?: 'light' | 'dark';
};

/** A page opened by {@link openPage}, with what it did from before navigation on. */
export interface OpenedPage {
  page: Page;
  /** The `file://` URL of the document. */
  url: string;
  /** The text of every console message of type error (a blocked request logs one too). */
  consoleErrors: string[];
  /** Every uncaught exception, as `Name: message`. */
  pageErrors: string[];
  /**
   * Every request but the document's own navigation, in the order seen: http(s), ws(s), other
   * files and data: URLs (the latter cut to 80 characters). All but data: URLs, which need no
   * network, are aborted before they leave the browser.
   */
  requests: string[];
  /** Closes the page's browser context and removes the temporary file of `html`. */
  close(): Promise<void>;
}

const DATA_URL_SHOWN = 80;

/**
 * Opens a local HTML file from its `file://` URL (the dashboard must work opened from disk)
 * in a fresh browser context with the given colour scheme, a fixed 1280×800 viewport, UTC and
 * en-US, and waits for the load event. Every request other than the document is recorded and
 * blocked, so a test cannot reach the network even by accident.
 */
export async function openPage(browser: Browser, options: OpenPageOptions): Promise<OpenedPage> {
  let tempDir: string | undefined;
  let file: string;
  if (options.html !== undefined) {
    tempDir = mkdtempSync(join(tmpdir(), 'mldebt-browser-'));
    file = join(tempDir, 'page.html');
    writeFileSync(file, options.html);
  } else {
    file = resolve(options.path);
  }
  const url = pathToFileURL(file).href;
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    locale: 'en-US',
    timezoneId: 'UTC',
    reducedMotion: 'reduce', // no transition caught half-way in a screenshot
    serviceWorkers: 'block',
  });
  const close = async (): Promise<void> => {
    await context.close();
    if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true });
  };
  try {
    const opened: OpenedPage = {
      page: await context.newPage(),
      url,
      consoleErrors: [],
      pageErrors: [],
      requests: [],
      close,
    };
    const { page, consoleErrors, pageErrors, requests } = opened;
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
    // The context's routes also see requests from workers. data: URLs never reach a route.
    await context.route('**/*', async (route) => {
      const request = route.request();
      if (request.url() === url && request.isNavigationRequest()) return route.continue();
      requests.push(request.url());
      return route.abort();
    });
    await context.routeWebSocket(/.*/, (socket) => {
      requests.push(socket.url());
      return socket.close(); // never connected to the server: the page sees a closed socket
    });
    const cdp = await context.newCDPSession(page);
    cdp.on('Network.requestWillBeSent', (event) => {
      const requested = event.request.url;
      if (!requested.startsWith('data:')) return; // the routes record the others
      requests.push(
        requested.length > DATA_URL_SHOWN ? `${requested.slice(0, DATA_URL_SHOWN)}…` : requested,
      );
    });
    await cdp.send('Network.enable');
    await page.goto(url, { waitUntil: 'load' });
    return opened;
  } catch (error) {
    await close();
    throw error;
  }
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

/** One problem axe-core found on one element. */
export interface AxeViolation {
  /** The axe rule, e.g. `color-contrast`. */
  rule: string;
  /** CSS selector of the element. */
  target: string;
  /** For contrast: the measured ratio, the colours and the ratio needed; else axe's summary. */
  summary: string;
  contrastRatio?: number;
  foreground?: string;
  background?: string;
  expectedRatio?: string;
}

interface ContrastData {
  fgColor?: string;
  bgColor?: string;
  contrastRatio?: number;
  expectedContrastRatio?: string;
}

/**
 * Evaluates axe-core's script in the page. Through the DevTools protocol rather than a script
 * tag: it takes a third of the time (about 0.3 s instead of 0.7-1 s for the 550 kB script on
 * two cores) and a page's Content-Security-Policy cannot block it.
 */
async function injectAxe(page: Page): Promise<void> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const cdp = await page.context().newCDPSession(page);
  try {
    const { exceptionDetails } = await cdp.send('Runtime.evaluate', { expression: axeSource });
    if (exceptionDetails !== undefined) {
      throw new Error(`axe-core failed to load in the page: ${exceptionDetails.text}`);
    }
  } finally {
    await cdp.detach();
  }
}

/**
 * Runs the axe-core `rules` (WCAG 2 AA colour contrast by default, and only the rules named)
 * on the page and returns their violations, one per element. axe-core is injected from
 * node_modules, not fetched.
 */
export async function checkContrast(
  page: Page,
  rules: readonly string[] = ['color-contrast'],
): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await injectAxe(page);
  const options: RunOptions = {
    runOnly: { type: 'rule', values: [...rules] },
    resultTypes: ['violations'],
  };
  const results = await page.evaluate(
    (runOptions) =>
      (globalThis as unknown as { axe: { run(o: RunOptions): Promise<AxeResults> } }).axe.run(
        runOptions,
      ),
    options,
  );
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node): AxeViolation => {
      const target = node.target.map(String).join(' ');
      const data = node.any.find((check) => check.id === 'color-contrast')?.data as
        ContrastData | undefined;
      if (data?.contrastRatio === undefined) {
        return { rule: violation.id, target, summary: node.failureSummary ?? violation.help };
      }
      return {
        rule: violation.id,
        target,
        summary: `contrast ${data.contrastRatio}:1 (${data.fgColor} on ${data.bgColor}), needs ${data.expectedContrastRatio}`,
        contrastRatio: data.contrastRatio,
        ...(data.fgColor !== undefined && { foreground: data.fgColor }),
        ...(data.bgColor !== undefined && { background: data.bgColor }),
        ...(data.expectedContrastRatio !== undefined && {
          expectedRatio: data.expectedContrastRatio,
        }),
      };
    }),
  );
}

/**
 * Writes a full-page PNG of `page` to `test-output/browser/<name>.png` under the project root
 * and returns its path. `name` is a plain file name: letters, digits, `.`, `_` and `-`.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new Error(`screenshot name must be a plain file name, got ${JSON.stringify(name)}`);
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
