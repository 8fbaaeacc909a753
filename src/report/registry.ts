/**
 * Every output format there is, by name: the one list the CLI's `--format` choices, the API
 * and the tests read. A new format is one entry here and one module in `renderers/`.
 *
 * Renderers load on first use, so a run pays only for the format it prints (the table's
 * library, for one, is not needed to write JSON).
 */
import type { Report } from '../model/index.js';
import type { RenderOptions, Renderer } from './format.js';

const RENDERERS = {
  table: async () => (await import('./renderers/table.js')).renderTable,
  json: async () => (await import('./renderers/json.js')).renderJson,
  markdown: async () => (await import('./renderers/markdown.js')).renderMarkdown,
  sarif: async () => (await import('./renderers/sarif.js')).renderSarif,
  csv: async () => (await import('./renderers/csv.js')).renderCsv,
  github: async () => (await import('./renderers/github.js')).renderGithub,
  html: async () => (await import('./renderers/html.js')).renderHtml,
  codeclimate: async () => (await import('./renderers/codeclimate.js')).renderCodeClimate,
} satisfies Record<string, () => Promise<Renderer>>;

export type OutputFormat = keyof typeof RENDERERS;

/** The format names, in the order `--help` lists them. */
export const OUTPUT_FORMATS = Object.keys(RENDERERS) as OutputFormat[];

/** The renderer of a format. */
export async function loadRenderer(format: OutputFormat): Promise<Renderer> {
  return RENDERERS[format]();
}

/** Renders the Report in a format: a pure function of the Report and the options. */
export async function renderReport(
  report: Report,
  format: OutputFormat,
  options: RenderOptions,
): Promise<string> {
  return (await loadRenderer(format))(report, options);
}
