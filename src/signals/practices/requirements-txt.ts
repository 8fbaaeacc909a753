/**
 * pip requirements files (`requirements.txt`, `requirements/dev.txt`, the `pip:` list of a
 * conda environment). Rules from https://pip.pypa.io/en/stable/reference/requirements-file-format/ :
 * a line ending in an unescaped `\` continues on the next one; comments (a line starting with
 * `#`, or whitespace then `#`) are stripped after continuations are joined; a line starting
 * with `-` is an option: `-r`/`--requirement` includes a file, `-c`/`--constraint` names a
 * constraints file, `-e`/`--editable` installs a path or VCS URL, and the rest (`-i`,
 * `--extra-index-url`, `--require-hashes`, ...) install nothing. A requirement may carry
 * options of its own after it (`--hash=sha256:...`).
 */
import { parsePipRequirement } from './pip-requirement.js';
import type { ParsedRequirements } from './requirement.js';

/** One logical line of a requirements file, continuations joined, with its first line. */
export interface LogicalLine {
  text: string;
  line: number;
}

/** Reads a requirements file: its requirements (with lines), includes and constraints files. */
export function parseRequirementsTxt(text: string): ParsedRequirements {
  const parsed: ParsedRequirements = { requirements: [], includes: [], constraints: [] };
  for (const logical of logicalLines(text)) addRequirementLine(parsed, logical);
  return parsed;
}

/** Joins continuation lines and strips comments; blank results are dropped. */
export function logicalLines(text: string): LogicalLine[] {
  const result: LogicalLine[] = [];
  const physical = text.split(/\r?\n/);
  for (let i = 0; i < physical.length; i++) {
    const line = i + 1;
    let joined = physical[i]!;
    while (/(?:^|[^\\])\\$/.test(joined) && i + 1 < physical.length) {
      joined = joined.slice(0, -1) + physical[++i]!;
    }
    if (/(?:^|[^\\])\\$/.test(joined)) joined = joined.slice(0, -1);
    const stripped = joined.replace(/(?:^|\s)#.*$/, '').trim();
    if (stripped !== '') result.push({ text: stripped, line });
  }
  return result;
}

const INCLUDE = /^(?:-r|--requirement)(?:\s*=\s*|\s+|(?=[^\s=-]))(\S+)/;
const CONSTRAINT = /^(?:-c|--constraint)(?:\s*=\s*|\s+|(?=[^\s=-]))(\S+)/;
const EDITABLE = /^(?:-e|--editable)(?:\s*=\s*|\s+)(.+)$/;

/**
 * Adds what one logical line declares to `parsed`: a requirement, an include, a constraints
 * file, or nothing (an option, a local path, text that is no requirement).
 */
export function addRequirementLine(parsed: ParsedRequirements, logical: LogicalLine): void {
  const { text, line } = logical;
  if (text.startsWith('-')) {
    const include = INCLUDE.exec(text);
    if (include) {
      parsed.includes.push({ path: include[1]!, line });
      return;
    }
    const constraint = CONSTRAINT.exec(text);
    if (constraint) {
      parsed.constraints.push({ path: constraint[1]!, line });
      return;
    }
    const editable = EDITABLE.exec(text);
    if (editable) addRequirement(parsed, editable[1]!, line);
    return;
  }
  addRequirement(parsed, text, line);
}

function addRequirement(parsed: ParsedRequirements, text: string, line: number): void {
  // Per-requirement options start at the first ` -` (`--hash=...`, `--config-settings ...`).
  const optionsAt = text.search(/\s-/);
  const spec = optionsAt === -1 ? text : text.slice(0, optionsAt);
  const options = optionsAt === -1 ? '' : text.slice(optionsAt);
  const requirement = parsePipRequirement(spec);
  if (requirement === null || requirement.name === null) return;
  parsed.requirements.push({
    name: requirement.name,
    line,
    bound: requirement.bound,
    hashed: /(?:^|\s)--hash[=\s]/.test(options),
  });
}
