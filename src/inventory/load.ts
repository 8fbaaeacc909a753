/**
 * Reading `debt.yaml`: YAML with positions, then the zod schema, then every problem turned
 * into `file:line:column: error: path: expected …, got …`.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { closestMatch } from '../util/did-you-mean.js';
import { DocumentLocator, formatDocPath, type DocPath } from './locate.js';
import { isSecretLikeKey, throwOnErrors, type Problem } from './problems.js';
import { inventorySchema, tagMultiplierSchema, type Inventory } from './schema.js';
import {
  checkInventorySize,
  decodeInventory,
  firstForbiddenCharacter,
  readBoundedFile,
} from './source.js';
import {
  excessiveNesting,
  firstAliasOffset,
  firstSyntaxProblem,
  firstUnresolvedAlias,
  unusedAnchors,
  type SyntaxProblem,
} from './yaml-syntax.js';
import { clipText } from '../util/text.js';

/** Aliases a document may expand before we call it an attack (billion laughs). */
const MAX_ALIAS_COUNT = 100;

export interface ParsedInventory {
  /** Present when the document passed the schema. */
  inventory?: Inventory;
  /** The document as plain data (even when the schema failed), for the semantic rules. */
  raw: unknown;
  problems: Problem[];
  locator: DocumentLocator;
}

/**
 * Reads the inventory file as UTF-8 text (at most 5 MB; see source.ts). A missing or
 * unreadable file is a one-line UserError; invalid UTF-8 is one error at its line:column.
 */
export async function readInventoryFile(path: string, displayPath: string): Promise<string> {
  return decodeInventoryOrThrow(await readBoundedFile(path, displayPath), displayPath);
}

/** The inventory's bytes as text; invalid UTF-8 is one error at its line:column. */
export function decodeInventoryOrThrow(bytes: Uint8Array, displayPath: string): string {
  const { text, problem } = decodeInventory(bytes);
  if (problem) {
    const locator = DocumentLocator.forText(text, displayPath);
    throwOnErrors([
      {
        severity: 'error',
        code: 'encoding',
        message: problem.message,
        location: locator.at(problem.offset),
      },
    ]);
  }
  return text;
}

/**
 * Parses and schema-checks inventory text. Never throws for bad input: it returns problems.
 * A document that is not well-formed YAML gets one problem, its first; a well-formed one
 * gets every schema problem.
 */
export function parseInventory(text: string, file: string): ParsedInventory {
  // Checked before parsing: each would cost the parser time or be read silently.
  const tooLarge = checkInventorySize(text);
  if (tooLarge) return failure('too-large', tooLarge, DocumentLocator.forText(text, file));
  const unreadable = firstForbiddenCharacter(text) ?? excessiveNesting(text);
  if (unreadable) return syntaxFailure(unreadable, DocumentLocator.forText(text, file));

  const lineCounter = new LineCounter();
  // The core schema keeps `2026-01-10` a string (no YAML 1.1 timestamps, no `yes` booleans),
  // and without the known YAML 1.1 tags `!!timestamp`, `!!binary` or `!!set` are errors
  // rather than a Date, bytes or a Set. No message of the library is shown (yaml-syntax.ts).
  const doc = parseDocument(text, {
    schema: 'core',
    resolveKnownTags: false,
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    merge: false,
  });
  const locator = new DocumentLocator(doc, lineCounter, file);
  const syntax =
    firstSyntaxProblem(text, [...doc.errors, ...doc.warnings]) ?? firstUnresolvedAlias(doc);
  if (syntax) return syntaxFailure(syntax, locator);

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    // Aliases were checked above: what is left is the expansion limit (billion laughs). The
    // library's message is not shown: it names the anchor, which may be the value itself.
    return syntaxFailure(
      {
        offset: firstAliasOffset(doc),
        message: `aliases ("*name") expand to more than ${MAX_ALIAS_COUNT} copies of their anchors (write the values out instead)`,
      },
      locator,
    );
  }
  const problems: Problem[] = unusedAnchors(doc, text).map((anchor) => ({
    severity: 'warning',
    code: 'yaml-anchor',
    message: anchor.message,
    location: locator.at(anchor.offset),
  }));
  if (raw === null || raw === undefined) {
    problems.push({
      severity: 'error',
      code: 'schema',
      message: '(document): expected a mapping with version, project and items, got an empty file',
      location: locator.at(0),
    });
    return { raw, problems, locator };
  }

  const result = inventorySchema.safeParse(raw, { reportInput: true });
  const proto = protoTagMultiplier(raw);
  for (const issue of proto.issues) problems.push(...describeIssue(issue, locator));
  if (result.success && proto.issues.length === 0) {
    if (proto.value !== undefined) keepProtoTag(result.data, proto.value);
    return { inventory: result.data, raw, problems, locator };
  }
  for (const issue of result.error?.issues ?? []) problems.push(...describeIssue(issue, locator));
  return { raw, problems, locator };
}

const MULTIPLIERS_PATH = ['settings', 'tag_multipliers'] as const;

/**
 * zod leaves a `__proto__` key out of a record without a word (it protects its own output
 * object), but in `tag_multipliers` it is a tag name like any other: the YAML loader made it
 * an own property, so it is checked here with the same rule as the others.
 */
function protoTagMultiplier(raw: unknown): { value?: number; issues: z.core.$ZodIssue[] } {
  const multipliers = (raw as { settings?: { tag_multipliers?: unknown } })?.settings
    ?.tag_multipliers;
  if (multipliers === null || typeof multipliers !== 'object') return { issues: [] };
  if (!Object.hasOwn(multipliers, '__proto__')) return { issues: [] };
  const value: unknown = Object.getOwnPropertyDescriptor(multipliers, '__proto__')?.value;
  const checked = tagMultiplierSchema.safeParse(value, { reportInput: true });
  if (checked.success) return { value: checked.data, issues: [] };
  const path = [...MULTIPLIERS_PATH, '__proto__'];
  return { issues: checked.error.issues.map((i) => ({ ...i, path: [...path, ...i.path] })) };
}

/** Puts the `__proto__` tag back into the parsed multipliers, as an own, plain property. */
function keepProtoTag(inventory: Inventory, value: number): void {
  const multipliers = inventory.settings.tag_multipliers;
  if (!multipliers) return;
  Object.defineProperty(multipliers, '__proto__', {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** The result for a document that could not be read: one `malformed YAML` problem. */
function syntaxFailure(problem: SyntaxProblem, locator: DocumentLocator): ParsedInventory {
  return failure('yaml', { ...problem, message: `malformed YAML: ${problem.message}` }, locator);
}

function failure(code: string, problem: SyntaxProblem, locator: DocumentLocator): ParsedInventory {
  return {
    raw: undefined,
    problems: [
      { severity: 'error', code, message: problem.message, location: locator.at(problem.offset) },
    ],
    locator,
  };
}

/** Turns one zod issue into problems (an unknown-keys issue becomes one per key). */
function describeIssue(issue: z.core.$ZodIssue, locator: DocumentLocator): Problem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const branch = mappingBranchIssues(issue);
  if (branch) {
    // `cost_of_delay: { amount: 10, per: fortnight }` is meant as money: say what is wrong
    // inside the mapping rather than "expected a level or money, got a mapping".
    return branch.flatMap((inner) =>
      describeIssue({ ...inner, path: [...path, ...inner.path] }, locator),
    );
  }
  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeysAt(path);
    return issue.keys.map((key) => {
      const suggestion = closestMatch(key, allowed);
      const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
      return {
        severity: 'error' as const,
        code: 'unknown-key',
        message: `${formatDocPath(path)}: unknown key "${clipText(key)}"${hint}`,
        location: locator.key(path, key),
      };
    });
  }
  const input = (issue as { input?: unknown }).input;
  if (issue.code === 'invalid_key') {
    // A key of a record (a tag in tag_multipliers) that breaks the key's own rule.
    const inner = issue.issues[0] ? describeExpected(issue.issues[0]) : 'expected a valid key';
    const key = String(path.at(-1));
    return [
      {
        severity: 'error',
        code: 'schema',
        message: `${formatDocPath(path)}: ${inner.replace(/^expected /, 'expected a key of ')}, got ${describeSize(input, path.slice(0, -1)) ?? describeValue(input, path.slice(0, -1))}`,
        location: locator.key(path.slice(0, -1), key),
      },
    ];
  }
  const missing = input === undefined && issue.code === 'invalid_type';
  const expected = describeExpected(issue);
  // "expected at most 200 characters" is answered with the size, not with the text itself.
  const got =
    (expected.startsWith('expected at most ') ? describeSize(input, path) : undefined) ??
    describeValue(input, path);
  const message = missing
    ? `${formatDocPath(path.slice(0, -1))}: missing required key "${String(path.at(-1))}" (${expected})`
    : `${formatDocPath(path)}: ${expected}, got ${got}`;
  return [
    {
      severity: 'error',
      code: 'schema',
      message,
      location: missing ? locator.value(path.slice(0, -1)) : locator.value(path),
    },
  ];
}

/** `1048576 characters`, `51 entries`: the size of a value over a limit, or undefined. */
function describeSize(value: unknown, path: DocPath): string | undefined {
  if (path.some(isSecretLikeKey)) return undefined;
  if (typeof value === 'string') return `${value.length} characters`;
  if (Array.isArray(value)) return `${value.length} entries`;
  if (value !== null && typeof value === 'object') return `${Object.keys(value).length} entries`;
  return undefined;
}

/** zod's type names as a YAML author thinks of them. */
const YAML_TYPE_NAMES: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'text',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
};

/**
 * For a union (a level or a money mapping) given a mapping: the issues of the branch that
 * accepts mappings, or undefined when no single branch is the one the user meant.
 */
function mappingBranchIssues(issue: z.core.$ZodIssue): z.core.$ZodIssue[] | undefined {
  if (issue.code !== 'invalid_union') return undefined;
  const input = (issue as { input?: unknown }).input;
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return undefined;
  const candidates = issue.errors.filter(
    (branch) => !branch.some((i) => i.path.length === 0 && i.code === 'invalid_type'),
  );
  return candidates.length === 1 && candidates[0]!.length > 0 ? candidates[0] : undefined;
}

/** The "expected …" half: our schema's own messages start with "expected"; zod's do not. */
function describeExpected(issue: z.core.$ZodIssue): string {
  if (issue.message.startsWith('expected')) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${YAML_TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      return `expected at least ${String(issue.minimum)}`;
    case 'too_big':
      return `expected at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => String(v)).join(', ')}`;
    default:
      return `expected ${issue.message.toLowerCase()}`;
  }
}

/** A short, safe rendering of the offending value; secret-like keys are never echoed. */
export function describeValue(value: unknown, path: DocPath): string {
  if (path.some(isSecretLikeKey)) return 'a value (not shown: secret-like key)';
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(clipText(value));
  return String(value);
}

/** Keys the schema allows at a path, for "did you mean". */
function allowedKeysAt(path: DocPath): string[] {
  let schema: unknown = inventorySchema;
  for (const part of path) {
    schema = unwrap(schema);
    const def = (schema as { def?: { type?: string; shape?: object; element?: unknown } }).def;
    if (def?.type === 'object' && typeof part === 'string') {
      schema = (def.shape as Record<string, unknown>)[part];
    } else if (def?.type === 'array') {
      schema = def.element;
    } else {
      return [];
    }
  }
  schema = unwrap(schema);
  const def = (schema as { def?: { type?: string; shape?: object } } | undefined)?.def;
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

/** Looks through optional/default wrappers to the schema underneath. */
function unwrap(schema: unknown): unknown {
  let s = schema as { def?: { type?: string; innerType?: unknown } } | undefined;
  while (s?.def && (s.def.type === 'optional' || s.def.type === 'default')) {
    s = s.def.innerType as typeof s;
  }
  return s;
}
