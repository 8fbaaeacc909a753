/**
 * Property tests of the inventory loader: whatever the bytes, loading never throws (no exit
 * 3), never hangs, reports at most one YAML syntax problem with a real position, and never
 * prints a value written under a secret-like key. Bounded to a few seconds each; set
 * MLDEBT_FUZZ_RUNS (runs per property) to search longer, e.g. MLDEBT_FUZZ_RUNS=20000.
 */
import { rmSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkInventoryText } from '../../src/inventory/check.js';
import { formatProblem } from '../../src/inventory/problems.js';
import { inventoryText, makeRepo, runInProcess, writeInventory } from './cli.js';

const FUZZ_RUNS = Number(process.env.MLDEBT_FUZZ_RUNS ?? 0);
/** Runs per property: the default keeps `npm test` fast; the time limit bounds it anyway. */
/** A longer search may take as long as it needs. */
const TIMEOUT = FUZZ_RUNS > 0 ? 24 * 3600_000 : undefined;

function budget(defaultRuns: number): fc.Parameters<unknown> {
  return FUZZ_RUNS > 0
    ? { numRuns: FUZZ_RUNS }
    : { numRuns: defaultRuns, interruptAfterTimeLimit: 4000 };
}

const repo = makeRepo('mldebt-fuzz-');
afterAll(() => rmSync(repo, { recursive: true, force: true }));

/** A marker no message could contain by chance. */
const SECRET = 'Zq7xSECRETx7qZ';

/** Characters that mean something to YAML, plus a few plain ones. */
const YAML_CHARS = [...'[]{}:,#&*!|>\'"@%`?- \tabc019'];
const yamlChar = fc.constantFrom(...YAML_CHARS);
const yamlText = (maxLength: number) =>
  fc.array(yamlChar, { maxLength }).map((chars) => chars.join(''));

/** A value with the secret somewhere inside, possibly over several deeper-indented lines. */
const secretValue = fc
  .tuple(
    fc.constantFrom(...'*!|>&@`\'"[{?-%', ''),
    yamlText(8),
    yamlText(8),
    fc.array(yamlText(10), { maxLength: 2 }),
  )
  .map(([start, before, after, more]) =>
    [start + before + SECRET + after, ...more.map((line) => `      ${line}`)].join('\n'),
  );

/** Ways to put a value under a secret-like key (the key itself is never touched). */
const secretLine = fc
  .tuple(
    fc.constantFrom(
      (v: string) => `    password: ${v}\n`,
      (v: string) => `    "api_key": ${v}\n`,
      (v: string) => `    auth: {token: ${v}}\n`,
      (v: string) => `    credentials:\n      ${v}\n`,
    ),
    secretValue,
  )
  .map(([layout, value]) => layout(value));

/** Text mutations of a valid inventory: insert, delete or replace a short run. */
const mutatedInventory = fc
  .tuple(
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 4 }), yamlText(4), fc.constantFrom('\n', '')), {
      minLength: 1,
      maxLength: 4,
    }),
    fc.boolean(),
  )
  .map(([edits, withSettings]) => {
    let text = inventoryText(
      withSettings ? { settings: '  window: 90d\n  tag_multipliers: {x: 2}\n' } : {},
    );
    for (const [at, remove, insert, newline] of edits) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + insert + newline + text.slice(i + remove);
    }
    return text;
  });

function checkLoaderInvariants(text: string): string[] {
  const { problems } = checkInventoryText(text, 'debt.yaml');
  const lines = problems.map(formatProblem);
  const yamlErrors = problems.filter((p) => p.code === 'yaml');
  expect(yamlErrors.length).toBeLessThanOrEqual(1);
  if (yamlErrors.length === 1)
    expect(problems.filter((p) => p.severity === 'error')).toHaveLength(1);
  for (const p of problems) {
    expect(p.location?.line).toBeGreaterThanOrEqual(1);
    expect(p.location?.column).toBeGreaterThanOrEqual(1);
  }
  for (const line of lines) expect(line.length).toBeLessThan(1000);
  return lines;
}

describe('the loader on hostile text', () => {
  it(
    'never throws, one YAML problem at most, every problem placed in the file',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(fc.string({ maxLength: 200, unit: 'binary' }), mutatedInventory),
          (text) => {
            checkLoaderInvariants(text);
          },
        ),
        budget(400),
      );
    },
    TIMEOUT,
  );

  it(
    'never prints a value under a secret-like key, whatever it starts with',
    () => {
      fc.assert(
        fc.property(secretLine, (line) => {
          const lines = checkLoaderInvariants(inventoryText({ item: line }));
          expect(lines.join('\n')).not.toContain(SECRET);
          expect(lines.join('\n')).not.toContain('SECRET');
        }),
        budget(1000),
      );
    },
    TIMEOUT,
  );
});

describe('the CLI on hostile files', () => {
  it(
    'validate and audit exit 0 or 2, never 3, and never print the secret',
    async () => {
      const file = fc.oneof(fc.uint8Array({ maxLength: 300 }), mutatedInventory, {
        arbitrary: secretLine.map((line) => inventoryText({ item: line })),
        weight: 3,
      });
      await fc.assert(
        fc.asyncProperty(file, fc.constantFrom('validate', 'audit'), async (content, command) => {
          const config = writeInventory(repo, content);
          const res = await runInProcess([command, '--repo', repo, '--config', config, '-q'], repo);
          expect([0, 2], res.stderr).toContain(res.code);
          expect(res.stderr).not.toContain('internal error');
          expect(`${res.stdout}${res.stderr}`).not.toContain(SECRET);
        }),
        FUZZ_RUNS > 0 ? { numRuns: FUZZ_RUNS } : { numRuns: 40, interruptAfterTimeLimit: 8000 },
      );
    },
    TIMEOUT,
  );
});
