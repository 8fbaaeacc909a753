/**
 * Which files are configuration files, by name: the formats mldebt parses for config
 * evidence. Anything else under an item's globs is not examined here.
 */

export type ConfigType = 'yaml' | 'json' | 'toml' | 'ini' | 'env' | 'properties';

/** Display names, for messages ("does not parse as TOML"). */
export const CONFIG_TYPE_NAMES: Record<ConfigType, string> = {
  yaml: 'YAML',
  json: 'JSON',
  toml: 'TOML',
  ini: 'INI',
  env: '.env',
  properties: '.properties',
};

const BY_EXTENSION: Record<string, ConfigType> = {
  yaml: 'yaml',
  yml: 'yaml',
  json: 'json',
  toml: 'toml',
  ini: 'ini',
  cfg: 'ini',
  properties: 'properties',
};

/**
 * The config type of a repository path, or null when it is not a config file. `.env` and
 * `.env.<anything>` (`.env.production`, `.env.local`) are dotenv files whatever follows;
 * the others go by their extension, case-insensitively.
 */
export function configTypeOf(path: string): ConfigType | null {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (name === '.env' || name.startsWith('.env.')) return 'env';
  const dot = name.lastIndexOf('.');
  if (dot < 0) return null;
  return BY_EXTENSION[name.slice(dot + 1)] ?? null;
}
