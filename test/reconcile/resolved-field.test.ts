/**
 * The inventory's `resolved:` date: only with status resolved (an error at its line:column,
 * exit 2 from validate and audit), a warning when it is before `created`, and kept on the
 * parsed item for the commands that read it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkInventoryText } from '../../src/inventory/check.js';
import { inventoryOf, itemYaml, tempDir } from '../helpers/audit-repo.js';
import { runInProcess } from '../helpers/run-in-process.js';

const temp = tempDir('resolved-field');
afterAll(temp.remove);

function write(name: string, text: string): string {
  const dir = join(temp.dir, name);
  writeFileSync(join(temp.dir, `${name}.yaml`), text);
  return dir;
}

describe('resolved: <date>', () => {
  it('is kept on the parsed item of a resolved item', () => {
    const text = inventoryOf([
      itemYaml('INFRA-002', ['Dockerfile'], '    status: resolved\n    resolved: 2026-03-12\n'),
    ]);
    const { inventory, problems } = checkInventoryText(text, 'debt.yaml');
    expect(problems).toEqual([]);
    expect(inventory!.items[0]!.resolved).toBe('2026-03-12');
  });

  it('is an error at its line:column on an open item, from validate and from audit (exit 2)', async () => {
    // Line 11 is the `resolved:` line of the second item, its value at column 15.
    const text = inventoryOf([
      itemYaml('A-1', ['a.py'], '    status: resolved\n'),
      itemYaml('B-2', ['b.py'], '    resolved: 2026-03-12\n'),
    ]);
    expect(text.split('\n')[16]).toBe('    resolved: 2026-03-12');
    write('open-resolved', text);
    const validate = await runInProcess(['validate', '-c', 'open-resolved.yaml'], {
      cwd: temp.dir,
    });
    expect(validate.status).toBe(2);
    expect(validate.stdout + validate.stderr).toContain(
      'open-resolved.yaml:17:15: error: items[1].resolved: a resolved date needs status: resolved, got status open (remove the date, or set the status)',
    );
    const audit = await runInProcess(['audit', '-c', 'open-resolved.yaml'], { cwd: temp.dir });
    expect(audit.status).toBe(2);
    expect(audit.stderr).toContain('open-resolved.yaml:17:15: error: items[1].resolved:');
    expect(audit.stderr).not.toMatch(/\n\s+at /);
    expect(audit.stdout).toBe('');
  });

  it('is an error with an explicit other status too, and a schema error when not a date', () => {
    const text = inventoryOf([
      itemYaml('A-1', ['a.py'], '    status: accepted\n    resolved: 2026-03-12\n'),
      itemYaml('B-2', ['b.py'], '    status: resolved\n    resolved: March\n'),
    ]);
    const { problems } = checkInventoryText(text, 'debt.yaml');
    expect(problems.map((p) => [p.severity, p.code, p.location?.line, p.message])).toEqual([
      [
        'error',
        'resolved-not-resolved',
        11,
        'items[0].resolved: a resolved date needs status: resolved, got status accepted (remove the date, or set the status)',
      ],
      ['error', 'schema', 19, 'items[1].resolved: expected a date YYYY-MM-DD, got "March"'],
    ]);
  });

  it('warns (does not fail) when the item was resolved before it was created', async () => {
    const text = inventoryOf([
      itemYaml(
        'A-1',
        ['a.py'],
        '    status: resolved\n    created: 2026-04-01\n    resolved: 2026-03-12\n',
      ),
    ]);
    const { problems } = checkInventoryText(text, 'debt.yaml');
    expect(problems).toEqual([
      {
        severity: 'warning',
        code: 'resolved-before-created',
        message: 'items[0].resolved: resolved 2026-03-12 is before created 2026-04-01',
        location: { file: 'debt.yaml', line: 12, column: 15 },
        itemId: 'A-1',
      },
    ]);
    write('early', text);
    const validate = await runInProcess(['validate', '-c', 'early.yaml'], { cwd: temp.dir });
    expect(validate.status).toBe(0);
  });
});
