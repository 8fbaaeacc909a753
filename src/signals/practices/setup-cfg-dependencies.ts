/**
 * Dependencies declared in `setup.cfg`: `install_requires` in `[options]` and every key of
 * `[options.extras_require]`. The file is read as Python's configparser reads it (keys are
 * case-insensitive, `=` or `:` separates a key from its value, a value continues on the
 * indented lines below it, whole-line `#` and `;` comments are dropped) and each value as
 * setuptools reads it: one requirement per line when the value spans lines, else split on
 * `;`, lines starting with `#` ignored, and `file: a.txt, b.txt` reads requirements files
 * (setuptools' `_parse_requirements_list` / `_parse_list_semicolon`; see
 * https://setuptools.pypa.io/en/latest/userguide/declarative_config.html).
 */
import { parsePipRequirement } from './pip-requirement.js';
import type { ParsedRequirements } from './requirement.js';

interface Value {
  section: string;
  key: string;
  /** Each line of the value: the text on the key's line first, then continuation lines. */
  lines: { text: string; line: number }[];
}

/** Reads the requirements of a setup.cfg. configparser's syntax is lenient: this never fails. */
export function parseSetupCfg(text: string): ParsedRequirements {
  const parsed: ParsedRequirements = { requirements: [], includes: [], constraints: [] };
  for (const value of configValues(text)) {
    const isInstall =
      value.section === 'options' &&
      (value.key === 'install_requires' || value.key === 'install-requires');
    if (!isInstall && value.section !== 'options.extras_require') continue;
    addRequirements(parsed, value);
  }
  return parsed;
}

function addRequirements(parsed: ParsedRequirements, value: Value): void {
  const first = value.lines.find((l) => l.text !== '');
  if (first === undefined) return;
  const fileDirective = /^file:\s*(.*)$/.exec(first.text);
  if (fileDirective) {
    for (const path of fileDirective[1]!.split(',')) {
      if (path.trim() !== '') parsed.includes.push({ path: path.trim(), line: first.line });
    }
    return;
  }
  // configparser keeps the newline after an empty first line: any continuation is "multiline".
  const multiline = value.lines.length > 1;
  const items = multiline
    ? value.lines
    : first.text.split(';').map((text) => ({ text, line: first.line }));
  for (const item of items) {
    const text = item.text.trim();
    if (text === '' || text.startsWith('#')) continue;
    const requirement = parsePipRequirement(text);
    if (requirement === null || requirement.name === null) continue;
    parsed.requirements.push({
      name: requirement.name,
      line: item.line,
      bound: requirement.bound,
      hashed: false,
    });
  }
}

/** Every key's value, with the lines it spans. */
function configValues(text: string): Value[] {
  const values: Value[] = [];
  let section = '';
  let current: Value | null = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (/^[#;]/.test(trimmed)) return;
    if (current !== null && /^\s/.test(raw) && trimmed !== '') {
      current.lines.push({ text: trimmed, line });
      return;
    }
    if (trimmed === '') return;
    const header = /^\[([^\]]+)\]/.exec(trimmed);
    if (header) {
      section = header[1]!.trim();
      current = null;
      return;
    }
    const entry = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(trimmed);
    if (!entry) {
      current = null;
      return;
    }
    current = { section, key: entry[1]!.toLowerCase(), lines: [{ text: entry[2]!, line }] };
    values.push(current);
  });
  return values;
}
