/**
 * Literal hyperparameters in Python code: a number written where a learning rate, batch
 * size, seed, threshold, epoch count, dropout, weight decay or momentum is set, instead of a
 * value read from configuration. Only these forms count, each with the whole value a numeric
 * literal (a sign allowed; `3e-4`, `1_000`, `-1`):
 * - an assignment statement to a name or an attribute: `lr = 3e-4`, `self.lr = 0.01`,
 *   `lr: float = 3e-4`, `LEARNING_RATE = 1e-3` (a module constant is still a value fixed
 *   in code: changing it takes a commit, and a run does not record it);
 * - a keyword argument of a call: `Adam(params, lr=0.001)`, `dict(batch_size=32)`;
 * - a dict literal entry with a plain string key: `{"lr": 0.1}` (a config written in code);
 * - a seeding call with a literal first argument: `torch.manual_seed(42)`,
 *   `np.random.seed(0)`, `random.seed(1)`, `set_seed(7)`, `seed_everything(3)`.
 *
 * Not magic: anything read (`args.lr`, `cfg["lr"]`, `os.environ[...]`, `cfg.get("lr", 0.1)`,
 * `lr = 0.1 * scale`); an argparse or click default (`add_argument("--lr", default=0.01)`,
 * `set_defaults(lr=0.01)`): a command-line option is configuration; a function's parameter
 * default (`def train(lr=0.01)`): the caller can pass the value; a field of a class whose
 * name says it is configuration (`class TrainConfig:`/`TrainingArguments`/`HParams`, …,
 * the dataclass, pydantic or attrs pattern); numbers in comments and strings. Subscript
 * targets (`hp["lr"] = 0.1`), tuple targets (`lr, bs = 0.1, 32`) and augmented assignments
 * (`lr *= 0.1`) are not read.
 */
import { startsStatement } from './python-imports.js';
import { plainStringValue, type PythonToken } from './python-tokens.js';

/** One literal hyperparameter: the name it was given (or the seeding call) and its literal text. */
export interface MagicNumber {
  /** The name as written (`lr`, `self.lr` gives `lr`), or the seeding call's callee (`torch.manual_seed`). */
  name: string;
  /** The literal as written, with its sign (`3e-4`, `-1`). */
  value: string;
  /** 1-based line of the name (or the callee). */
  line: number;
  /** How it was written: the detail shows a seeding call as `torch.manual_seed(42)`. */
  form: 'assignment' | 'keyword' | 'dict' | 'call';
}

/**
 * The names (lower-cased) whose literal values are hyperparameters. `bs` is left out: too
 * short to mean batch size for sure.
 */
export const HYPERPARAMETER_NAME_PATTERNS: readonly RegExp[] = [
  /^(?:lr|learning_rate|\w+_lr|\w+_learning_rate)$/, // learning rate: lr, base_lr, max_lr
  /^(?:\w+_)?batch_size$/, // batch_size, train_batch_size, per_device_eval_batch_size
  /^(?:(?:\w+_)?seed|random_state)$/, // seed, random_seed, data_seed, random_state
  /^(?:\w+_)?(?:threshold|thresh|thres)$/, // threshold, iou_thresh, conf_thres (YOLO)
  /^(?:\w+_)?epochs$/, // epochs, num_epochs, n_epochs, max_epochs
  /^(?:\w+_)?dropout(?:_rate|_prob|_p)?$/, // dropout, attn_dropout, dropout_rate
  /^(?:\w+_)?weight_decay$/,
  /^(?:\w+_)?momentum$/,
];

const HYPERPARAMETER_ENDINGS =
  /(?:lr|learning_rate|batch_size|seed|random_state|thres|thresh|threshold|epochs|dropout|dropout_rate|dropout_prob|dropout_p|weight_decay|momentum)$/;

/** Last part of a call that seeds a random generator with its first argument. */
export const SEEDING_CALLS: ReadonlySet<string> = new Set([
  'seed', // random.seed, np.random.seed
  'manual_seed', // torch.manual_seed, torch.cuda.manual_seed
  'manual_seed_all', // torch.cuda.manual_seed_all
  'set_seed', // transformers.set_seed, tf.random.set_seed, accelerate
  'set_random_seed', // tf.compat.v1.set_random_seed, mmcv
  'seed_everything', // lightning
]);

/** A class with such a name declares configuration: its fields' literals are defaults. */
const CONFIG_CLASS =
  /(?:config|configuration|args|arguments|params|parameters|settings|options|hparams|hyperparameters|hyperparams)$/i;

/** Calls whose keyword arguments declare command-line defaults. */
const DEFAULT_DECLARING_CALLS = new Set(['set_defaults']);

const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class',
  'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if',
  'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try',
  'while', 'with', 'yield',
]); // prettier-ignore

/** Whether `name` (any case) is one of {@link HYPERPARAMETER_NAME_PATTERNS}. */
export function isHyperparameterName(name: string): boolean {
  const lower = name.toLowerCase();
  // Every pattern ends in one of these: most names are ruled out without the patterns.
  if (!HYPERPARAMETER_ENDINGS.test(lower)) return false;
  return HYPERPARAMETER_NAME_PATTERNS.some((pattern) => pattern.test(lower));
}

type Frame = { kind: 'call' | 'params' | 'dict' | 'other'; callee: string | null };
type Scope = { indent: number; kind: 'class' | 'def'; name: string };

/** The literal hyperparameters in `tokens`, in source order. */
export function magicNumbersOf(tokens: readonly PythonToken[]): MagicNumber[] {
  const found: MagicNumber[] = [];
  const frames: Frame[] = [];
  const scopes: Scope[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.indent !== null) {
      while (scopes.length > 0 && scopes.at(-1)!.indent >= token.indent) scopes.pop();
      const scope = scopeOpenedAt(tokens, i);
      if (scope) scopes.push(scope);
    }
    if (token.type === 'op') {
      if (token.text === '(') frames.push(parenFrame(tokens, i));
      else if (token.text === '[') frames.push({ kind: 'other', callee: null });
      else if (token.text === '{') frames.push({ kind: 'dict', callee: null });
      else if (token.text === ')' || token.text === ']' || token.text === '}') frames.pop();
      continue;
    }
    if (token.type === 'newline') {
      frames.length = 0; // a logical line ends with every bracket closed (or never will)
      continue;
    }
    const inConfigClass = scopes.at(-1)?.kind === 'class' && CONFIG_CLASS.test(scopes.at(-1)!.name);
    const frame = frames.at(-1);
    const previous = tokens[i - 1]?.text;
    const opensItem = previous === '(' || previous === ',' || previous === '{';
    let magic: MagicNumber | null = null;
    if (frame === undefined && token.type === 'name' && startsStatement(tokens, i)) {
      magic = inConfigClass ? null : assignmentAt(tokens, i);
    } else if (frame?.kind === 'call' && opensItem && token.type === 'name') {
      magic = DEFAULT_DECLARING_CALLS.has(lastPart(frame.callee)) ? null : keywordAt(tokens, i);
    } else if (frame?.kind === 'dict' && opensItem && token.type === 'string') {
      magic = inConfigClass ? null : dictEntryAt(tokens, i);
    }
    if (magic === null && token.type === 'name' && tokens[i + 1]?.text === '(') {
      magic = seedingCallAt(tokens, i);
    }
    if (magic) found.push(magic);
  }
  return found;
}

/** A `class Name` or `def name` header starting the logical line at `i`. */
function scopeOpenedAt(tokens: readonly PythonToken[], i: number): Scope | null {
  const indent = tokens[i]!.indent!;
  const k = tokens[i]!.text === 'async' ? i + 1 : i;
  const keyword = tokens[k]?.text;
  const name = tokens[k + 1];
  if ((keyword !== 'class' && keyword !== 'def') || name?.type !== 'name') return null;
  return { indent, kind: keyword, name: name.text };
}

/** What the `(` at `i` opens: a call (with its dotted callee), a `def`'s parameters, or a group. */
function parenFrame(tokens: readonly PythonToken[], i: number): Frame {
  const before = tokens[i - 1];
  if (before?.type === 'name' && tokens[i - 2]?.text === 'def')
    return { kind: 'params', callee: null };
  if (before?.type === 'name' && !KEYWORDS.has(before.text)) {
    return { kind: 'call', callee: calleeBefore(tokens, i) };
  }
  if (before?.text === ')' || before?.text === ']') return { kind: 'call', callee: null };
  return { kind: 'other', callee: null };
}

/** The dotted name ending just before token `i` (`torch.cuda.manual_seed`). */
function calleeBefore(tokens: readonly PythonToken[], i: number): string {
  let k = i - 1;
  let name = tokens[k]!.text;
  while (tokens[k - 1]?.text === '.' && tokens[k - 2]?.type === 'name') {
    name = `${tokens[k - 2]!.text}.${name}`;
    k -= 2;
  }
  return name;
}

function lastPart(dotted: string | null): string {
  return dotted === null ? '' : dotted.slice(dotted.lastIndexOf('.') + 1);
}

/** A numeric literal with an optional sign at `i`, and the index after it. */
function signedNumberAt(
  tokens: readonly PythonToken[],
  i: number,
): { value: string; next: number } | null {
  const token = tokens[i];
  if (token?.type === 'number') return { value: token.text, next: i + 1 };
  const number = tokens[i + 1];
  if (
    token?.type === 'op' &&
    (token.text === '-' || token.text === '+') &&
    number?.type === 'number'
  ) {
    return { value: `${token.text === '-' ? '-' : ''}${number.text}`, next: i + 2 };
  }
  return null;
}

/** `target = <number>` (or `target: T = <number>`) as a whole statement, from `i`. */
function assignmentAt(tokens: readonly PythonToken[], i: number): MagicNumber | null {
  let k = i;
  let name = tokens[k]!;
  while (tokens[k + 1]?.text === '.' && tokens[k + 2]?.type === 'name') {
    k += 2;
    name = tokens[k]!;
  }
  k++;
  if (tokens[k]?.text === ':') {
    // An annotation: skip to its `=` at the same bracket depth.
    let depth = 0;
    for (k++; k < tokens.length; k++) {
      const text = tokens[k]!.text;
      if (tokens[k]!.type === 'newline' || (depth === 0 && text === '=')) break;
      if (text === '(' || text === '[' || text === '{') depth++;
      if (text === ')' || text === ']' || text === '}') depth--;
    }
  }
  if (tokens[k]?.text !== '=' || !isHyperparameterName(name.text)) return null;
  const number = signedNumberAt(tokens, k + 1);
  const end = number === null ? undefined : tokens[number.next];
  if (number === null || !(end === undefined || end.type === 'newline' || end.text === ';')) {
    return null;
  }
  return { name: name.text, value: number.value, line: name.line, form: 'assignment' };
}

/** `name=<number>` as a whole argument, at `i`. */
function keywordAt(tokens: readonly PythonToken[], i: number): MagicNumber | null {
  const name = tokens[i]!;
  if (tokens[i + 1]?.text !== '=' || !isHyperparameterName(name.text)) return null;
  const number = signedNumberAt(tokens, i + 2);
  const end = number === null ? undefined : tokens[number.next]?.text;
  if (number === null || (end !== ',' && end !== ')')) return null;
  return { name: name.text, value: number.value, line: name.line, form: 'keyword' };
}

/** `"name": <number>` as a whole dict entry, at `i`. */
function dictEntryAt(tokens: readonly PythonToken[], i: number): MagicNumber | null {
  const key = plainStringValue(tokens[i]!);
  if (key === null || tokens[i + 1]?.text !== ':' || !isHyperparameterName(key)) return null;
  const number = signedNumberAt(tokens, i + 2);
  const end = number === null ? undefined : tokens[number.next]?.text;
  if (number === null || (end !== ',' && end !== '}')) return null;
  return { name: key, value: number.value, line: tokens[i]!.line, form: 'dict' };
}

/** `seeding.call(<number>` with the literal as the whole first argument, the call named at `i`. */
function seedingCallAt(tokens: readonly PythonToken[], i: number): MagicNumber | null {
  if (!SEEDING_CALLS.has(tokens[i]!.text) || tokens[i - 1]?.text === 'def') return null;
  const number = signedNumberAt(tokens, i + 2);
  const end = number === null ? undefined : tokens[number.next]?.text;
  if (number === null || (end !== ',' && end !== ')')) return null;
  const callee = calleeBefore(tokens, i + 1);
  return {
    name: callee,
    value: number.value,
    line: tokens[i - (callee.split('.').length - 1) * 2]!.line,
    form: 'call',
  };
}
