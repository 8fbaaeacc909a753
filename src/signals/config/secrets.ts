/**
 * Hardcoded secrets: a secret-like key with a literal value. Both halves are judged here,
 * from the key's name and the value's shape; the value itself never leaves this module's
 * callers as text (findings carry the file, the key path and the line only).
 */
import type { ConfigFinding } from '../../model/index.js';
import { plural } from '../../util/text.js';
import { formatKeyPath, keyEntries, pathKey } from './key-paths.js';
import type { ParsedConfig } from './parse/index.js';

/** Whole words (or run-together words) that make a key secret-like when its name ends with them. */
const SECRET_WORD_ENDINGS = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'accesskey',
  'privatekey',
  'secretkey',
  'credentials',
  'credential',
];

/** `pwd` only as a whole word: as an ending it is too common (`cwd`/`pwd` paths aside). */
const SECRET_WORDS = new Set(['pwd']);

/** `<word> key` pairs that name a key (`api_key`, `AWS_SECRET_ACCESS_KEY`, `privateKey`). */
const KEY_QUALIFIERS = new Set(['api', 'access', 'private', 'secret', 'signing', 'encryption']);

/**
 * Words before `token` that make it a tokenizer setting, not a credential: ML configs are
 * full of `pad_token: "[PAD]"`, `eos_token: "</s>"` and `max_tokens: 512`.
 */
const VOCABULARY_TOKENS = new Set([
  'pad',
  'eos',
  'bos',
  'unk',
  'cls',
  'sep',
  'mask',
  'start',
  'end',
  'special',
  'max',
  'min',
  'num',
  'n',
  'total',
]);

/** The words of a key name: camelCase, `_`, `-`, `.` and spaces split it; lower-cased. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * Whether a key names a secret: its last word is or ends with password, passwd, passphrase,
 * secret, token, apikey, accesskey, privatekey, secretkey, credential(s); or it is `pwd`; or
 * it ends with `<api|access|private|secret|signing|encryption> key`. So `db_password`,
 * `AWS_SECRET_ACCESS_KEY`, `apiKey`, `x-api-key`, `client_secret`, `githubToken` are secret-
 * like; `password_file`, `token_url`, `tokenizer`, `secret_name` and tokenizer settings
 * (`pad_token`, `max_tokens`) are not.
 */
export function isSecretKey(key: string): boolean {
  const words = keyWords(key);
  const last = words.at(-1);
  if (last === undefined) return false;
  const before = words.at(-2);
  if (SECRET_WORDS.has(last)) return true;
  if (last === 'key') return before !== undefined && KEY_QUALIFIERS.has(before);
  if (last === 'token' && before !== undefined && VOCABULARY_TOKENS.has(before)) return false;
  return SECRET_WORD_ENDINGS.some((ending) => last.endsWith(ending));
}

/** Values that stand for "no value here" or a placeholder to fill in. */
const PLACEHOLDER_WORDS = new Set([
  'null',
  'nil',
  'none',
  'undefined',
  '~',
  'true',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'changeme',
  'change_me',
  'change-me',
  'change me',
  'redacted',
  'todo',
  'tbd',
  'placeholder',
  'dummy',
  'example',
  'secret-here',
  '...',
]);

/**
 * References to a value kept elsewhere: environment variables (`${VAR}`, `$VAR`, `$(cmd)`),
 * templates (`{{ ... }}`, `{% ... %}`), configparser interpolation (`%(name)s`), environment
 * lookups written as code (`os.environ[...]`, `os.getenv(...)`, `env(...)`, `ENV[...]`,
 * `process.env.X`), values encrypted by sops (`ENC[...]`), and file paths (`/run/secrets/db`,
 * `./creds.json`, `~/.aws/credentials`): a key file named in config is not the key.
 */
const REFERENCE_PATTERNS: readonly RegExp[] = [
  /\$\{/,
  /^\$[A-Za-z_][A-Za-z0-9_]*$/,
  /^\$\(/,
  /\{\{/,
  /\{%/,
  /%\([^)]*\)[sdi]/,
  /\bos\.environ\b/,
  /\bos\.getenv\s*\(/,
  /^env\s*\(/i,
  /^ENV\s*\[/,
  /\bprocess\.env\./,
  /^ENC\[/,
  /^(~|\.{1,2})?\/[^\s]*$/,
  /^[\w.-]+(\/[\w.-]+)*\.(json|pem|key|p12|pfx|crt|cer|der|jks|keystore|txt|ya?ml|toml|ini|cfg|env)$/i,
];

/** Placeholders by shape: `<changeme>`, `xxx`, `***`, `your-api-key-here`. */
const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /^<[^<>]*>$/,
  /^x{3,}$/i,
  /^\*{3,}$/,
  /^(your|my)[-_ ].*|.*[-_ ]here$/i,
];

/**
 * Whether a value under a secret-like key is a literal secret: a non-empty string that is
 * neither a reference nor a placeholder, or a number (a numeric PIN is still committed).
 * Empty values, null, booleans, dates, mappings (their own keys are judged one by one) and
 * values tagged as environment lookups (YAML `!ENV`) are not; a list is when any of its
 * scalar entries is.
 */
export function isLiteralSecret(value: unknown, envLookup = false): boolean {
  if (envLookup) return false;
  if (Array.isArray(value))
    return value.some((entry) => !isCollection(entry) && isLiteralSecret(entry));
  if (typeof value === 'number' || typeof value === 'bigint') return true;
  if (typeof value !== 'string') return false;
  const text = value.trim();
  if (text === '') return false;
  if (PLACEHOLDER_WORDS.has(text.toLowerCase())) return false;
  if (REFERENCE_PATTERNS.some((pattern) => pattern.test(text))) return false;
  return !PLACEHOLDER_PATTERNS.some((pattern) => pattern.test(text));
}

function isCollection(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

/** Secrets reported per file; the last one listed gives the count of the rest. */
export const MAX_SECRETS_PER_FILE = 20;

/**
 * The hardcoded secrets of a parsed file: every secret-like key, at any depth (inside lists
 * too), whose value is a literal. Each finding names the file, the dotted key path and its
 * line, never the value.
 */
export function findSecrets(file: string, parsed: ParsedConfig): ConfigFinding[] {
  const findings: ConfigFinding[] = [];
  let more = 0;
  for (const entry of keyEntries(parsed.value)) {
    if (!isSecretKey(entry.key)) continue;
    if (!isLiteralSecret(entry.value, parsed.envLookups.has(pathKey(entry.path)))) continue;
    if (findings.length === MAX_SECRETS_PER_FILE) {
      more++;
      continue;
    }
    const key = formatKeyPath(entry.path);
    findings.push({
      kind: 'secret',
      file,
      line: parsed.lines.lineOf(entry.path),
      key,
      detail: `hardcoded secret: a literal value under ${key} (the value is never shown)`,
    });
  }
  const last = findings.at(-1);
  if (last && more > 0)
    last.detail += `; ${plural(more, 'more secret-like key')} in this file not listed`;
  return findings;
}
