/**
 * Format name → renderer. The CLI picks from this map, so a format exists exactly when it
 * has an entry here (`table`, `json` and `html` are added by their own modules).
 */
import type { Format, Renderer } from '../render.js';
import { renderCsv } from './csv.js';
import { renderGithub } from './github.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';

/** The renderers of the export formats (`--format markdown|sarif|csv|github`). */
export const renderers: Record<Exclude<Format, 'table' | 'json' | 'html'>, Renderer> = {
  markdown: renderMarkdown,
  sarif: renderSarif,
  csv: renderCsv,
  github: renderGithub,
};
