/**
 * The pace of blocking loops: every nth call waits for a turn of the event loop, the others
 * return at once, so timers and I/O callbacks run between batches and never inside one.
 */
import { describe, expect, it } from 'vitest';
import { pacer } from '../../src/util/yield.js';

describe('pacer', () => {
  it('lets the event loop turn on every nth call, and only then', async () => {
    const pace = pacer(3);
    const turns: number[] = [];
    let timerRan = false;
    setImmediate(() => (timerRan = true));
    for (let call = 1; call <= 7; call++) {
      const wait = pace();
      if (wait !== undefined) {
        await wait;
        turns.push(call);
      }
      // Until the first turn, the callback queued before the loop has not run.
      if (call < 3) expect(timerRan).toBe(false);
    }
    expect(turns).toEqual([3, 6]);
    expect(timerRan).toBe(true);
  });
});
