/**
 * A value under a secret-like key never reaches the output, whatever it starts with. The
 * YAML library's own messages used to quote it (`password: *Pa55word` → "Unresolved alias …:
 * Pa55word", at 1:1), and so did its messages for `!`, `|` and `>`. Now no message of the
 * library is passed through, and the problem is placed at the value.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/exec.js';
import { inventoryText, makeRepo, problemLines, runInProcess, writeInventory } from './cli.js';

const repo = makeRepo('mldebt-secrets-');
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const SECRET = 'Pa55word';
const STARTS = ['*', '!', '|', '>', '&', '@', '`'];

/** Ways a secret sits under a secret-like key; `c` starts the value. */
const LAYOUTS: [name: string, parts: (c: string) => { settings?: string; item?: string }][] = [
  ['block mapping', (c) => ({ item: `    password: ${c}${SECRET}\n` })],
  ['flow mapping', (c) => ({ item: `    auth: {password: ${c}${SECRET}}\n` })],
  ['flow mapping, quoted key', (c) => ({ item: `    auth: {"api_key": ${c}${SECRET}, x: 1}\n` })],
  ['quoted key', (c) => ({ item: `    "password": ${c}${SECRET}\n` })],
  ['value on the line below its key', (c) => ({ item: `    password:\n      ${c}${SECRET}\n` })],
  [
    'block scalar spanning lines',
    (c) => ({ item: `    password: ${c}\n      ${SECRET}\n     ${SECRET}\n` }),
  ],
  ['under settings', (c) => ({ settings: `  api_token: ${c}${SECRET}\n` })],
  ['in a list', (c) => ({ item: `    secrets: [${c}${SECRET}]\n` })],
];

describe.each(LAYOUTS)('%s', (_layout, parts) => {
  it.each(STARTS)(
    'a value starting with %s is in no output line of validate or audit',
    async (c) => {
      const config = writeInventory(repo, inventoryText(parts(c)));
      for (const command of ['validate', 'audit']) {
        const res = await runInProcess([command, '--repo', repo, '--config', config], repo);
        expect(res.code, res.stderr).toBe(2);
        expect(res.stderr).toMatch(/debt\.yaml:\d+:\d+: error: /);
        const output = `${res.stdout}\n${res.stderr}`;
        expect(output).not.toContain(SECRET);
        expect(output).not.toContain('Pa55');
      }
    },
  );
});

describe('the problem is placed at the value, not at 1:1', () => {
  it.each(['*', '!', '|', '>', '@', '`'])('password: %sPa55word', async (c) => {
    const config = writeInventory(repo, inventoryText({ item: `    password: ${c}${SECRET}\n` }));
    const res = await runInProcess(['validate', '--repo', repo, '--config', config], repo);
    const [first] = problemLines(res.stderr);
    // Line 10 is `    password: <c>Pa55word`: the value starts in column 15.
    expect(first).toMatch(/^debt\.yaml:10:15: error: malformed YAML: .*quote/);
  });

  it('in a flow mapping, and on the line below the key', async () => {
    let config = writeInventory(
      repo,
      inventoryText({ item: `    auth: {password: *${SECRET}}\n` }),
    );
    let res = await runInProcess(['validate', '--repo', repo, '--config', config], repo);
    expect(problemLines(res.stderr)[0]).toMatch(/^debt\.yaml:10:22: error: malformed YAML: /);
    config = writeInventory(repo, inventoryText({ item: `    password:\n      !${SECRET}\n` }));
    res = await runInProcess(['validate', '--repo', repo, '--config', config], repo);
    expect(problemLines(res.stderr)[0]).toMatch(/^debt\.yaml:11:7: error: malformed YAML: /);
  });
});

describe('the built CLI, as a process', () => {
  it('audit: exit 2, one line, no secret', () => {
    const config = writeInventory(repo, inventoryText({ item: `    password: *${SECRET}\n` }));
    const res = runCli(['audit', '--repo', repo, '--config', config], { cwd: repo });
    expect(res.status).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toBe(
      'mldebt: debt.yaml:10:15: error: malformed YAML: a value starting with "*" is read as an alias of an "&" anchor, and no anchor of that name comes before it (quote a value that starts with "*")\n',
    );
  });
});
