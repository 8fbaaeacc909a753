/** The days a trend scores, and the inventory as it stood on one of them. */
import { describe, expect, it } from 'vitest';
import type { InventoryItem } from '../../src/inventory/schema.js';
import { itemsAsOf, trendPointDays } from '../../src/pipeline/as-of.js';

describe('trend points', () => {
  it('are the last days of the months before the window end month, then the end day', () => {
    expect(trendPointDays('2026-11-20', 6)).toEqual([
      '2026-05-31',
      '2026-06-30',
      '2026-07-31',
      '2026-08-31',
      '2026-09-30',
      '2026-10-31',
      '2026-11-20',
    ]);
  });

  it('leave the end month out even when the window ends on its last day', () => {
    expect(trendPointDays('2026-10-31', 2)).toEqual(['2026-08-31', '2026-09-30', '2026-10-31']);
  });

  it('cross a year and know February', () => {
    expect(trendPointDays('2028-03-01', 3)).toEqual([
      '2027-12-31',
      '2028-01-31',
      '2028-02-29',
      '2028-03-01',
    ]);
    expect(trendPointDays('2026-01-15', 1)).toEqual(['2025-12-31', '2026-01-15']);
  });
});

describe('the inventory as it stood', () => {
  const item = (over: Partial<InventoryItem>): InventoryItem =>
    ({
      id: 'X-001',
      title: 't',
      category: 'data',
      status: 'open',
      risk: 3,
      ...over,
    }) as InventoryItem;

  it('leaves out items created after the day, keeps those created on it or without a date', () => {
    const items = [
      item({ id: 'A-001', created: '2026-07-01' }),
      item({ id: 'B-001', created: '2026-06-30' }),
      item({ id: 'C-001' }),
    ];
    expect(itemsAsOf(items, '2026-06-30').map((i) => i.id)).toEqual(['B-001', 'C-001']);
  });

  it('counts an item resolved after the day as open, and one resolved on or before it as resolved', () => {
    const items = [
      item({ id: 'A-001', status: 'resolved', resolved: '2026-07-01' }),
      item({ id: 'B-001', status: 'resolved', resolved: '2026-06-30' }),
      item({ id: 'C-001', status: 'resolved' }),
      item({ id: 'D-001', status: 'accepted' }),
    ];
    const asOf = itemsAsOf(items, '2026-06-30');
    expect(asOf.map((i) => [i.id, i.status, i.resolved])).toEqual([
      ['A-001', 'open', undefined],
      ['B-001', 'resolved', '2026-06-30'],
      ['C-001', 'resolved', undefined],
      ['D-001', 'accepted', undefined],
    ]);
    // The inventory itself is not changed.
    expect(items[0]!.status).toBe('resolved');
  });
});
