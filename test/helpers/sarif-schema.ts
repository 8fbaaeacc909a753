/**
 * The official SARIF 2.1.0 schema (shipped in @microsoft/jest-sarif), compiled once with
 * ajv-draft-04 for the tests that validate SARIF output.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';

const require = createRequire(import.meta.url);
const schema = JSON.parse(
  readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
) as object;
// ajv-draft-04 is CommonJS whose `module.exports` is the class; NodeNext types it as the
// namespace, so take `.default` when the interop provides one.
const Ajv = ((AjvDraft04 as unknown as { default?: typeof AjvDraft04 }).default ??
  AjvDraft04) as unknown as new (options: object) => import('ajv-draft-04').default;
export const validateSarif = new Ajv({
  // The official schema is draft-04 with a few keywords strict mode rejects, and one pattern
  // that is not a valid `u`-flag regular expression.
  strict: false,
  unicodeRegExp: false,
  allErrors: true,
  // Check the formats the schema uses instead of ignoring them.
  formats: {
    uri: (value: string) => /^[a-z][a-z0-9+.-]*:\S*$/i.test(value),
    'uri-reference': (value: string) => !/\s/.test(value) && URL.canParse(value, 'file:///root/'),
    'date-time': (value: string) => !Number.isNaN(Date.parse(value)),
  },
}).compile(schema);
