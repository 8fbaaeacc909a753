/**
 * One entry for every config format: text in, the document and its key lines out, or a
 * failure with a line and no message. Nothing a parser throws escapes (deep nesting can
 * exhaust a recursive parser's stack): any exception is a failure to parse.
 */
import type { ConfigType } from '../config-types.js';
import { parseDotenv } from './dotenv.js';
import { parseIni } from './ini.js';
import { parseJson } from './json.js';
import { parseProperties } from './properties.js';
import { parseToml } from './toml.js';
import type { ParseResult } from './types.js';
import { parseYaml } from './yaml.js';

export type { ParsedConfig, ParseFailure, ParseResult } from './types.js';

const PARSERS: Record<ConfigType, (text: string) => ParseResult> = {
  yaml: parseYaml,
  json: parseJson,
  toml: parseToml,
  ini: parseIni,
  env: parseDotenv,
  properties: parseProperties,
};

/** Parses a config file's text (decoded, byte-order mark removed) as its type. */
export function parseConfig(text: string, type: ConfigType): ParseResult {
  try {
    return PARSERS[type](text);
  } catch {
    return { ok: false, failure: { line: null } };
  }
}
