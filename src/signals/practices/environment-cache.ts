/**
 * The warm cache of environment files' parses (requirements files, setup.cfg, pyproject.toml,
 * Pipfile, environment.yml): the requirements each declares, with their lines and version
 * bounds, and the files it names. A later run parses only the files that changed, and loads
 * the TOML or YAML library only for them (how, and when an entry is trusted, is
 * stamped-facts.ts's). It never holds a file's text: package names, bounds, line numbers and
 * the paths the file names, which findings show anyway.
 */
import { codeDigest } from '../../util/code-digest.js';
import { isRecord, type FactsKind } from '../stamped-facts.js';
import type {
  EnvironmentParse,
  Requirement,
  VersionBound,
  WrittenReference,
} from './requirement.js';

const BOUNDS: readonly VersionBound[] = ['none', 'lower', 'range', 'exact'];

/** The parses of environment files, as kept facts (open them with `StampedFacts.open`). */
export const ENVIRONMENT_PARSES: FactsKind<EnvironmentParse> = {
  suffix: 'environments',
  format: 1,
  // Every practice module (the parsers and what they share) and the parsing libraries.
  rules: () => codeDigest(['signals/practices'], ['smol-toml', 'yaml']),
  fromJson: (value) => {
    if (!isRecord(value)) return null;
    if (value.ok === false)
      return typeof value.reason === 'string' ? { ok: false, reason: value.reason } : null;
    if (value.ok !== true || !isRecord(value.parsed)) return null;
    const { requirements, includes, constraints } = value.parsed;
    if (
      !Array.isArray(requirements) ||
      !requirements.every(isRequirement) ||
      !Array.isArray(includes) ||
      !includes.every(isReference) ||
      !Array.isArray(constraints) ||
      !constraints.every(isReference)
    ) {
      return null;
    }
    return { ok: true, parsed: { requirements, includes, constraints } };
  },
};

function isLine(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 1;
}

function isRequirement(value: unknown): value is Requirement {
  return (
    isRecord(value) &&
    typeof value.name === 'string' &&
    isLine(value.line) &&
    BOUNDS.includes(value.bound as VersionBound) &&
    typeof value.hashed === 'boolean'
  );
}

function isReference(value: unknown): value is WrittenReference {
  return isRecord(value) && typeof value.path === 'string' && isLine(value.line);
}
