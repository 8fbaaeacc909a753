// settings.capacity: validated like every setting (file:line:column, "did you mean"), and
// resolved to engineers × working days of the sprint × share.
import { describe, expect, it } from 'vitest';
import { plan, resolveCapacity } from '../../src/commands/plan.js';
import { checkInventoryText } from '../../src/inventory/check.js';
import { formatProblem } from '../../src/inventory/problems.js';
import { resolveSettings } from '../../src/inventory/settings.js';

const inventory = (capacity: string) =>
  `version: 1\nproject: demo\nsettings:\n  capacity: ${capacity}\nitems: []\n`;

function check(capacity: string) {
  return checkInventoryText(inventory(capacity), 'debt.yaml');
}

/** The capacity in days the inventory's setting gives, with no flag. */
function days(capacity: string): number {
  const { inventory: parsed, problems } = check(capacity);
  expect(problems.map(formatProblem)).toEqual([]);
  return resolveCapacity(undefined, resolveSettings(parsed!.settings).capacity, 'debt.yaml').days;
}

describe('settings.capacity', () => {
  it('is engineers × working days of the sprint × share (1w = 5 days, 8h = 1 day)', () => {
    expect(days('{ engineers: 6, sprint: 2w, share: 0.2 }')).toBeCloseTo(12, 9);
    expect(days('{ engineers: 3, sprint: 1w, share: 0.4 }')).toBeCloseTo(6, 9);
    expect(days('{ engineers: 2, sprint: 3d, share: 0.5 }')).toBe(3);
    expect(days('{ engineers: 1, sprint: 80h, share: 1 }')).toBe(10);
    // A bare number is days, as for effort.
    expect(days('{ engineers: 4, sprint: 10, share: 0.25 }')).toBe(10);
  });

  it('takes the 20% rule when share is not given', () => {
    expect(days('{ engineers: 5, sprint: 2w }')).toBeCloseTo(10, 9);
    const { inventory: parsed } = check('{ engineers: 5, sprint: 3d }');
    expect(resolveSettings(parsed!.settings).capacity).toEqual({
      engineers: 5,
      sprint: '3d',
      sprintDays: 3,
      share: 0.2,
    });
  });

  it('is overridden by the flag, which needs no setting', () => {
    const setting = resolveSettings(check('{ engineers: 6, sprint: 2w }').inventory!.settings);
    expect(resolveCapacity(4, setting.capacity, 'debt.yaml')).toEqual({
      days: 4,
      source: { kind: 'flag' },
    });
    expect(resolveCapacity(4, null, 'debt.yaml').days).toBe(4);
  });

  it('is refused from the API as from the flag when not a number of days above 0', async () => {
    for (const capacity of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      // Checked before anything is read: no repository is needed to get the message.
      await expect(plan({ cwd: '/nonexistent', capacity })).rejects.toThrow(
        `--capacity: expected a number of days greater than 0, got "${capacity}"`,
      );
    }
  });

  it('is null in the settings when the inventory does not set it', () => {
    const { inventory: parsed } = checkInventoryText(
      'version: 1\nproject: demo\nitems: []\n',
      'debt.yaml',
    );
    expect(resolveSettings(parsed!.settings).capacity).toBeNull();
    expect(() => resolveCapacity(undefined, null, 'conf/debt.yaml')).toThrow(
      /set settings\.capacity in conf\/debt\.yaml .* or pass --capacity <days>$/,
    );
  });

  it.each([
    [
      '{ engineers: 5, sprint: 2w, share: 1.5 }',
      'debt.yaml:4:48: error: settings.capacity.share: expected a share greater than 0 and at most 1 (0.2 for 20%), got 1.5',
    ],
    [
      '{ engineers: 5, sprint: 2w, share: 0 }',
      'debt.yaml:4:48: error: settings.capacity.share: expected a share greater than 0 and at most 1 (0.2 for 20%), got 0',
    ],
    [
      '{ engineers: 0, sprint: 2w }',
      'debt.yaml:4:26: error: settings.capacity.engineers: expected a positive number of engineers, at most 10000, got 0',
    ],
    [
      '{ engineers: 5, sprint: 2 weeks }',
      'debt.yaml:4:37: error: settings.capacity.sprint: expected a sprint length like 2w or 10d (1w = 5 working days), got "2 weeks"',
    ],
    [
      '{ engineers: 5 }',
      // A missing key points at the mapping that should hold it.
      'debt.yaml:4:13: error: settings.capacity.sprint: expected a sprint length like 2w or 10d (1w = 5 working days), got nothing',
    ],
    [
      '{ engineer: 5, sprint: 2w }',
      'debt.yaml:4:15: error: settings.capacity: unknown key "engineer" (did you mean "engineers"?)',
    ],
  ])('refuses %s with file:line:column', (capacity, message) => {
    expect(check(capacity).problems.map(formatProblem)).toContain(message);
  });
});
