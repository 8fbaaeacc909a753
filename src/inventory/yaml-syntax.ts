/**
 * YAML syntax problems in our own words. The `yaml` library's messages quote the source
 * ("Unresolved alias …: Pa55word", `Unexpected token: "]"`), so a value under a key such as
 * `password` would reach the terminal or a CI log; none of its text is passed through. A
 * problem is named from the library's error code (and, where one code covers several
 * mistakes, from the source around it, which is read but never printed), with a hint for the
 * mistakes people make. Only the first problem of a document is reported: one unclosed `[`
 * makes the library report two dozen follow-on errors, all of them noise.
 */
import {
  CST,
  Lexer,
  Parser,
  isAlias,
  isNode,
  visit,
  type Document,
  type ErrorCode,
  type YAMLError,
} from 'yaml';
import { MAX_NESTING_DEPTH } from './limits.js';

/** A problem at an offset of the source text; the message names it without quoting it. */
export interface SyntaxProblem {
  offset: number;
  message: string;
}

/** The hint for the commonest YAML mistake: a plain value with ": " in it. */
const QUOTE_COLON = `quote a value that contains ": " (title: "Fix: nulls in amount")`;

/** Our wording for each error code, before the mistake-specific refinements below. */
const CODE_MESSAGES: Record<ErrorCode, string> = {
  ALIAS_PROPS:
    'an alias ("*name") cannot carry an anchor or a tag (quote a value that starts with "*")',
  BAD_ALIAS:
    'an anchor ("&") or alias ("*") without a proper name (quote a value that starts with "&" or "*")',
  BAD_COLLECTION_TYPE:
    'a YAML tag ("!…") that does not fit this value (quote a value that starts with "!")',
  BAD_DIRECTIVE:
    'a line starting with "%" is a YAML directive, and this one is unknown (quote the value, or remove the line)',
  BAD_DQ_ESCAPE:
    'an invalid backslash escape in a double-quoted value (write \\\\ for a backslash, or use single quotes)',
  BAD_INDENT:
    'bad indentation: the keys of one mapping, and the "- " entries of one list, must start at the same column',
  BAD_PROP_ORDER:
    'an anchor ("&") or tag ("!") in the wrong place (quote a value that starts with "&" or "!")',
  BAD_SCALAR_START: 'a value cannot start with "@", "`", "|", ">" or "," unquoted (quote it)',
  BLOCK_AS_IMPLICIT_KEY:
    'a nested mapping where a single value was expected: check the indentation of the lines below',
  BLOCK_IN_FLOW:
    'a "- " list or "key:" mapping inside […] or {…}: close the brackets first, or write the entries inside them',
  DUPLICATE_KEY: 'this key appears twice in the same mapping',
  IMPOSSIBLE: 'a construct the YAML parser cannot read here',
  KEY_OVER_1024_CHARS: 'a key longer than 1024 characters (or a ":" missing on a long line)',
  MISSING_CHAR:
    'a character is missing here: a ":" after a key, a "," between entries of […] or {…}, or a closing quote or bracket',
  MULTILINE_IMPLICIT_KEY:
    'a key runs over several lines: check the indentation of the next line, or quote the value',
  MULTIPLE_ANCHORS: 'a value with two anchors ("&") (quote a value that starts with "&")',
  MULTIPLE_DOCS: 'a second YAML document ("---"): the inventory is one document',
  MULTIPLE_TAGS: 'a value with two tags ("!") (quote a value that starts with "!")',
  NON_STRING_KEY: 'a key that is not text',
  RESOURCE_EXHAUSTION: `mappings and lists nested too deeply (more than ${MAX_NESTING_DEPTH} levels)`,
  TAB_AS_INDENT:
    'a tab indents this line: YAML indents with spaces only (replace the tab with spaces)',
  TAG_RESOLVE_FAILED:
    'a YAML tag ("!…") that mldebt does not read (remove it, or quote a value that starts with "!")',
  UNEXPECTED_TOKEN: 'unexpected character here: check the brackets, commas and quotes around it',
};

/**
 * Where one code covers several mistakes, the library's own message tells which one. It is
 * matched here and never printed; if a new version words it differently, the code's general
 * wording above still applies.
 */
const REFINEMENTS: { code: ErrorCode; pattern: RegExp; message: string }[] = [
  {
    code: 'MISSING_CHAR',
    pattern: /Implicit map keys need to be followed by map values/,
    message:
      'a line with no ":" inside a mapping: write "key: value", or start a list entry with "- "',
  },
  {
    code: 'MISSING_CHAR',
    pattern: /Sequence item without - indicator/,
    message: 'bad indentation: this line is indented like a "- " list entry but is not one',
  },
  {
    code: 'MISSING_CHAR',
    pattern: /^Missing , /,
    message: 'a "," is missing between two entries of […] or {…}',
  },
  {
    code: 'MISSING_CHAR',
    pattern: /^Missing space after :/,
    message: 'a ":" inside {…} must be followed by a space',
  },
  {
    code: 'MISSING_CHAR',
    pattern: /^Comments must be separated/,
    message: 'a "#" must follow a space to start a comment (quote a value that contains "#")',
  },
  {
    code: 'MISSING_CHAR',
    pattern: /^Tags and anchors must be separated/,
    message: 'a value starting with "&" or "!" is read as an anchor or tag (quote it)',
  },
  {
    code: 'MISSING_CHAR',
    pattern: /^Missing closing .?quote/,
    message: 'a quoted value is never closed (add the closing quote)',
  },
  {
    code: 'UNEXPECTED_TOKEN',
    pattern: /^Block scalar header includes extra characters/,
    message:
      'a value starting with "|" or ">" starts a block of text on the lines below (quote a value that starts with "|" or ">")',
  },
];

/** Describes one library error in our words (see the module comment). */
export function describeYamlError(error: YAMLError, text: string): string {
  if (error.code === 'BLOCK_AS_IMPLICIT_KEY' && restOfLine(text, error.pos[0]).includes(': ')) {
    return QUOTE_COLON;
  }
  const refined = REFINEMENTS.find((r) => r.code === error.code && r.pattern.test(error.message));
  return refined?.message ?? CODE_MESSAGES[error.code] ?? 'malformed YAML here';
}

function restOfLine(text: string, offset: number): string {
  const end = text.indexOf('\n', offset);
  return text.slice(offset, end === -1 ? text.length : end);
}

/**
 * The first syntax problem of the document, by position: the library's errors and warnings,
 * and the openers (`[`, `{`, a quote) that are never closed, which the library reports only
 * where it gives up, often lines later. An error inside a scalar (a block scalar header with
 * text after `|`, a quote left open) is placed at the start of that value.
 */
export function firstSyntaxProblem(
  text: string,
  errors: readonly YAMLError[],
): SyntaxProblem | undefined {
  if (errors.length === 0) return undefined;
  const tokens = scanTokens(text);
  const candidates: SyntaxProblem[] = errors.map((error) => ({
    offset: valueStart(tokens.scalars, error.pos[0]),
    message: describeYamlError(error, text),
  }));
  // An opener listed first wins a tie: its message says what to add.
  candidates.unshift(...tokens.unclosed);
  return candidates.reduce((first, p) => (p.offset < first.offset ? p : first));
}

interface TokenScan {
  /** `[offset, end)` of every scalar and alias token, in source order. */
  scalars: [number, number][];
  /** Flow collections and quoted values that are never closed. */
  unclosed: SyntaxProblem[];
}

/** Walks the concrete syntax tree once (iteratively: depth is bounded but not by us here). */
function scanTokens(text: string): TokenScan {
  const scan: TokenScan = { scalars: [], unclosed: [] };
  const pending: (CST.Token | CST.CollectionItem | null | undefined)[] = [
    ...new Parser().parse(text),
  ].reverse();
  while (pending.length > 0) {
    const token = pending.pop();
    if (!token) continue;
    if (!('type' in token)) {
      pending.push(token.value, token.key);
      continue;
    }
    switch (token.type) {
      case 'document':
        pending.push(token.value);
        break;
      case 'block-map':
      case 'block-seq':
        pending.push(...[...token.items].reverse());
        break;
      case 'flow-collection': {
        const open = token.start.source;
        const close = open === '[' ? ']' : '}';
        if (!token.end.some((t) => t.source === close)) {
          scan.unclosed.push({
            offset: token.offset,
            message: `this "${open}" is never closed (add the closing "${close}")`,
          });
        }
        pending.push(...[...token.items].reverse());
        break;
      }
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        if (!isClosedQuote(token.source)) {
          scan.unclosed.push({
            offset: token.offset,
            message: `this ${token.source[0]} quote is never closed (add the closing ${token.source[0]})`,
          });
        }
        scan.scalars.push([token.offset, token.offset + token.source.length]);
        break;
      case 'block-scalar': {
        // Text after `|` or `>` on the header line is the usual mistake: point at the `|`.
        const header = token.props.find((p) => p.type === 'block-scalar-header');
        if (header?.type === 'block-scalar-header') {
          scan.scalars.push([header.offset, header.offset + header.source.length]);
        }
        break;
      }
      case 'scalar':
      case 'alias':
        scan.scalars.push([token.offset, token.offset + token.source.length]);
        break;
      default:
        break;
    }
  }
  scan.unclosed.sort((a, b) => a.offset - b.offset);
  return scan;
}

/** Whether a quoted scalar's source ends with its closing quote (escapes skipped). */
function isClosedQuote(source: string): boolean {
  const quote = source[0];
  for (let i = 1; i < source.length; i++) {
    const c = source[i];
    if (quote === '"' && c === '\\') i++;
    else if (c === quote) {
      if (quote === "'" && source[i + 1] === "'") i++;
      else return i === source.length - 1;
    }
  }
  return false;
}

/** The start of the scalar token that contains `offset`, or `offset` itself. */
function valueStart(scalars: readonly [number, number][], offset: number): number {
  for (const [start, end] of scalars) {
    if (start <= offset && offset < end) return start;
  }
  return offset;
}

/**
 * The first alias (`*name`) that no earlier anchor (`&name`) defines. The library reports it
 * only when converting to data, with the alias name (often the value itself: `password:
 * *Pa55word`) in the message and no position; here it is a position and our words.
 */
export function firstUnresolvedAlias(doc: Document): SyntaxProblem | undefined {
  const anchors = new Set<string>();
  let found: SyntaxProblem | undefined;
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        if (anchors.has(node.source)) return undefined;
        found = {
          offset: node.range?.[0] ?? 0,
          message:
            'a value starting with "*" is read as an alias of an "&" anchor, and no anchor of that name comes before it (quote a value that starts with "*")',
        };
        return visit.BREAK;
      }
      if (isNode(node) && node.anchor) anchors.add(node.anchor);
      return undefined;
    },
  });
  return found;
}

/** The offset of the document's first alias (where an alias expansion problem starts). */
export function firstAliasOffset(doc: Document): number {
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

/**
 * Anchors (`&name`) that no alias uses, by the offset of their `&`. In an inventory they are
 * almost always a value that happens to start with "&" (`owner: &team-a`): YAML reads the
 * word as an anchor name and leaves the value empty, or drops the word from it.
 */
export function unusedAnchors(doc: Document, text: string): SyntaxProblem[] {
  const used = new Set<string>();
  const anchored: { anchor: string; offset: number }[] = [];
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) used.add(node.source);
      else if (isNode(node) && node.anchor) {
        // A node's range starts at its value, after the anchor; the `&` is just before it.
        const at = text.lastIndexOf(`&${node.anchor}`, node.range?.[0] ?? 0);
        anchored.push({ anchor: node.anchor, offset: Math.max(at, 0) });
      }
    },
  });
  return anchored
    .filter((a) => !used.has(a.anchor))
    .map((a) => ({
      offset: a.offset,
      message:
        'a value starting with "&" is read as an anchor name, not as text, and no alias ("*") uses it (quote a value that starts with "&")',
    }));
}

/**
 * A problem at the first token where mappings and lists nest deeper than
 * {@link MAX_NESTING_DEPTH}, or undefined. Checked on the token stream before parsing: the parser's time grows with the
 * square of the depth (a 2 MB run of `[` takes it 25 s), and no inventory needs more than
 * a handful of levels. Block nesting is estimated from the columns at which nodes start
 * (a deeper node starts further right), flow nesting counted exactly.
 */
export function excessiveNesting(text: string): SyntaxProblem | undefined {
  const offset = deepestStart(text);
  if (offset === undefined) return undefined;
  return {
    offset,
    message: `mappings and lists nested more than ${MAX_NESTING_DEPTH} levels deep`,
  };
}

function deepestStart(text: string): number | undefined {
  let offset = 0;
  let lineStart = 0;
  let flow = 0;
  let scalarNext = false;
  const columns: number[] = [];
  for (const token of new Lexer().lex(text)) {
    // Control tokens mark what follows; they are not part of the source.
    if (token === CST.DOCUMENT || token === CST.FLOW_END) continue;
    if (token === CST.SCALAR) {
      scalarNext = true;
      continue;
    }
    const start = offset;
    offset += token.length;
    const type = scalarNext ? 'scalar' : CST.tokenType(token);
    scalarNext = false;
    if (type === 'flow-seq-start' || type === 'flow-map-start') {
      flow++;
      if (flow + columns.length > MAX_NESTING_DEPTH) return start;
    } else if (type === 'flow-seq-end' || type === 'flow-map-end') {
      flow = Math.max(0, flow - 1);
    } else if (flow === 0 && type !== null && STARTS_NODE.has(type)) {
      const column = start - lineStart;
      while (columns.length > 0 && columns.at(-1)! >= column) columns.pop();
      columns.push(column);
      if (columns.length > MAX_NESTING_DEPTH) return start;
    }
    const newline = token.lastIndexOf('\n');
    if (newline !== -1) lineStart = start + newline + 1;
  }
  return undefined;
}

const STARTS_NODE = new Set<string>([
  'seq-item-ind',
  'explicit-key-ind',
  'scalar',
  'single-quoted-scalar',
  'double-quoted-scalar',
  'block-scalar-header',
  'alias',
  'anchor',
  'tag',
]);
