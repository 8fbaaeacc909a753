/**
 * One entry for every config format: text in, the document and its key lines out, or a
 * failure with a line and no message. Nothing a parser throws escapes (deep nesting can
 * exhaust a recursive parser's stack): any exception is a failure to parse.
 *
 * Each format's parser is loaded the first time a file of that format is parsed: most
 * repositories hold YAML and JSON only, and every CLI run would otherwise pay for loading
 * the TOML, INI, .env and .properties parsers.
 */
import type { ConfigType } from '../config-types.js';
import type { ParseResult } from './types.js';

export type { ParsedConfig, ParseFailure, ParseResult } from './types.js';

type Parser = (text: string) => ParseResult;

const LOADERS: Record<ConfigType, () => Promise<Parser>> = {
  yaml: async () => (await import('./yaml.js')).parseYaml,
  json: async () => (await import('./json.js')).parseJson,
  toml: async () => (await import('./toml.js')).parseToml,
  ini: async () => (await import('./ini.js')).parseIni,
  env: async () => (await import('./dotenv.js')).parseDotenv,
  properties: async () => (await import('./properties.js')).parseProperties,
};

/** Parses a config file's text (decoded, byte-order mark removed) as its type. */
export async function parseConfig(text: string, type: ConfigType): Promise<ParseResult> {
  const parse = await LOADERS[type]();
  try {
    return parse(text);
  } catch {
    return { ok: false, failure: { line: null } };
  }
}
