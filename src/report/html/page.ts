/**
 * The HTML document around a dashboard's body: one self-contained file with the stylesheet
 * and script inline, no external resource of any kind, and a Content-Security-Policy that lets
 * only that stylesheet and that script run (by hash). Even if a value slipped past escaping,
 * the browser would neither run it nor fetch anything. Reused by every HTML view.
 */
import { createHash } from 'node:crypto';
import { DASHBOARD_SCRIPT } from './behaviour.js';
import { html, trustedHtml, type SafeHtml } from './markup.js';
import { DASHBOARD_STYLES } from './styles.js';

export interface PageOptions {
  /** The document title (the browser tab, the PDF's title). */
  title: string;
  body: SafeHtml;
}

export function renderPage(options: PageOptions): string {
  const policy = [
    "default-src 'none'",
    `style-src '${sha256(DASHBOARD_STYLES)}'`,
    `script-src '${sha256(DASHBOARD_SCRIPT)}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  // The style and script blocks are assembled as plain strings, not in the template, so no
  // formatter can add a byte to them: their CSP hashes must match their text exactly.
  const style = trustedHtml(`<style>${DASHBOARD_STYLES}</style>`);
  const script = trustedHtml(`<script>${DASHBOARD_SCRIPT}</script>`);
  const page = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta http-equiv="Content-Security-Policy" content="${policy}" />
        <title>${options.title}</title>
        ${style}
      </head>
      <body>
        ${options.body} ${script}
      </body>
    </html>`;
  return `${page.text}\n`;
}

/** A CSP source expression for an inline block: `sha256-<base64>` of its exact text. */
function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}
