/**
 * The phase timer: one line per phase with its own span, none for a phase that fails, and no
 * timing at all without a sink. A stepping clock stands in for the monotonic one so
 * the figures are exact.
 */
import { describe, expect, it } from 'vitest';
import { formatPhase, PhaseTimer } from '../../src/util/phase-timer.js';

/** A clock that advances by the given steps, one per reading (milliseconds). */
function steppingClock(...readings: number[]): () => number {
  let i = 0;
  return () => {
    const value = readings[i];
    if (value === undefined) throw new Error('clock read more often than expected');
    i++;
    return value;
  };
}

describe('PhaseTimer', () => {
  it('reports each phase once, as "phase <name> <seconds> s", with its own span', async () => {
    const lines: string[] = [];
    const timer = new PhaseTimer((line) => lines.push(line), steppingClock(0, 1840, 2000, 2005));
    expect(await timer.time('git', async () => 'walked')).toBe('walked');
    expect(timer.timeSync('scoring', () => 7)).toBe(7);
    expect(lines).toEqual(['phase git 1.84 s', 'phase scoring 0.01 s']);
  });

  it('reports nothing for a phase that fails: its error stays the last word', async () => {
    const lines: string[] = [];
    const timer = new PhaseTimer((line) => lines.push(line), steppingClock(100, 350));
    await expect(
      timer.time('coverage', () => Promise.reject(new Error('unreadable'))),
    ).rejects.toThrow('unreadable');
    expect(() =>
      timer.timeSync('scoring', () => {
        throw new Error('broken');
      }),
    ).toThrow('broken');
    expect(lines).toEqual([]);
  });

  it('reads no clock and reports nothing without a sink', async () => {
    const timer = new PhaseTimer(undefined, steppingClock());
    expect(timer.enabled).toBe(false);
    expect(await timer.time('git', async () => 1)).toBe(1);
    expect(timer.timeSync('render', () => 2)).toBe(2);
  });

  it('formats to hundredths of a second', () => {
    expect(formatPhase('render', 0)).toBe('phase render 0.00 s');
    expect(formatPhase('history', 61_234.5)).toBe('phase history 61.23 s');
  });
});
