/**
 * Dependencies of a conda `environment.yml`: the `dependencies` list of match specs
 * (`numpy`, `numpy=1.26`, `numpy>=1.2,<2`, `numpy 1.26.* py311_0`, `conda-forge::numpy`,
 * `numpy[version='>=1.2']`; https://docs.conda.io/projects/conda/en/stable/user-guide/concepts/pkg-search.html)
 * and its nested `pip:` list, read as lines of a requirements file (so `-r` and `-e` work).
 * `pip` itself, listed so that the `pip:` list can be installed, is the installer and not
 * counted; `python` is counted like any package (the interpreter is part of the environment).
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { addRequirementLine } from './requirements-txt.js';
import {
  boundOfConstraint,
  PACKAGE_NAME,
  type EnvironmentParse,
  type ParsedRequirements,
  type VersionBound,
} from './requirement.js';

/** Reads an environment.yml; a file that is not valid YAML fails. */
export function parseCondaEnvironment(text: string): EnvironmentParse {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: false,
  });
  // The nodes are read as written, never converted to values: aliases are not expanded.
  const [error] = document.errors;
  if (error) {
    return { ok: false, reason: `invalid YAML at line ${lineCounter.linePos(error.pos[0]).line}` };
  }
  const parsed: ParsedRequirements = { requirements: [], includes: [], constraints: [] };
  const root = document.contents;
  if (!isMap(root)) return { ok: true, parsed };
  const dependencies = root.get('dependencies', true) as Node | undefined;
  if (!isSeq(dependencies)) return { ok: true, parsed };
  const lineOf = (node: Node): number => lineCounter.linePos(node.range?.[0] ?? 0).line;
  for (const item of dependencies.items) {
    if (isScalar(item) && typeof item.value === 'string') {
      const spec = parseMatchSpec(item.value);
      if (spec !== null && spec.name.toLowerCase() !== 'pip') {
        parsed.requirements.push({ ...spec, line: lineOf(item), hashed: false });
      }
    } else if (isMap(item)) {
      const pip = item.get('pip', true) as Node | undefined;
      if (!isSeq(pip)) continue;
      for (const line of pip.items) {
        if (isScalar(line) && typeof line.value === 'string') {
          addRequirementLine(parsed, { text: line.value.trim(), line: lineOf(line) });
        }
      }
    }
  }
  return { ok: true, parsed };
}

const MATCH_SPEC = /^([A-Za-z0-9_][A-Za-z0-9_.+-]*)\s*(\[[^\]]*\])?\s*(.*)$/;

/** A conda match spec's name and bound; null when it names no package. */
export function parseMatchSpec(text: string): { name: string; bound: VersionBound } | null {
  // `channel::name` and `channel/subdir::name`: the channel is not a version.
  const spec = text.trim().replace(/^[^\s:[]*::/, '');
  const match = MATCH_SPEC.exec(spec);
  if (!match || !PACKAGE_NAME.test(match[1]!)) return null;
  const name = match[1]!;
  const keyValues = match[2] ?? '';
  const keyedVersion = /version\s*=\s*["']?([^"',\]]+(?:,[^"',\]]+)*)["']?/.exec(keyValues)?.[1];
  let rest = match[3]!.trim();
  // `name=1.2=build`: the second `=` starts the build string.
  if (/^=[^=]/.test(rest)) rest = `=${rest.slice(1).split('=')[0]!}`;
  // `name 1.2 build`: the version is the first word.
  const version = keyedVersion ?? rest.split(/\s+/)[0]!;
  return { name, bound: boundOfConstraint(version, 'conda') };
}
