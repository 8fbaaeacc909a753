/**
 * The warm cache of Python scans: what the practice rules read of each Python file (its
 * imports of listed libraries, its roles, its literal hyperparameters in training and serving
 * code), kept so that a later run reads and tokenizes only the files that changed (how, and
 * when an entry is trusted, is stamped-facts.ts's). It never holds a file's text: only
 * module names, role flags and the literal hyperparameters a finding names anyway.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OWN_EXTENSION, sourceRoot } from '../../util/own-files.js';
import { isRecord, type FactsKind } from '../stamped-facts.js';
import type { PythonFileScan } from './scan-python.js';

/**
 * The modules whose code decides a scan: their text is part of the cache's key, so a changed
 * rule (a new hyperparameter name, a tokenizer fix) never meets scans made by the old one.
 */
const RULE_MODULES = [
  'scan-python',
  'python-tokens',
  'python-imports',
  'python-magic',
  'code-roles',
  'practice-libraries',
  'notebook-code',
];

let rulesDigest: Promise<string> | undefined;

/** A digest of {@link RULE_MODULES}' own files (as built, or as sources under test). */
export function scanRulesDigest(): Promise<string> {
  rulesDigest ??= (async () => {
    const hash = createHash('sha256');
    const here = join(sourceRoot(), 'signals', 'practices');
    for (const name of RULE_MODULES) {
      hash.update(await readFile(join(here, `${name}${OWN_EXTENSION}`)));
    }
    return hash.digest('hex');
  })();
  return rulesDigest;
}

/** The Python scans as kept facts (open them with `StampedFacts.open`). */
export const PYTHON_SCANS: FactsKind<PythonFileScan> = {
  suffix: 'scans',
  format: 1,
  rules: scanRulesDigest,
  fromJson: (value, path) => (isScan(value, path) ? value : null),
};

/** A scan of the right shape for `path` (a file written by this format, not a stranger's). */
function isScan(value: unknown, path: string): value is PythonFileScan {
  if (!isRecord(value) || value.path !== path) return false;
  const roles = value.roles;
  return (
    Array.isArray(value.imports) &&
    value.imports.every((m) => typeof m === 'string') &&
    Array.isArray(value.magic) &&
    value.magic.every(
      (m) =>
        isRecord(m) &&
        typeof m.name === 'string' &&
        typeof m.value === 'string' &&
        typeof m.line === 'number' &&
        typeof m.form === 'string',
    ) &&
    isRecord(roles) &&
    ['training', 'dataLoading', 'serving'].every((key) => typeof roles[key] === 'boolean') &&
    (value.magicCells === null ||
      (Array.isArray(value.magicCells) && value.magicCells.every((c) => typeof c === 'number')))
  );
}
