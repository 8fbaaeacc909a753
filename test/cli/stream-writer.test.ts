/** StreamWriter on real streams: a reader that went away, a full device, in-memory streams. */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamWriter } from '../../src/cli/stream-writer.js';
import { UserError } from '../../src/errors.js';
import { deviceNode } from './device-nodes.js';

const dir = mkdtempSync(join(tmpdir(), 'mldebt-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The stdin of a process that has already exited: writes to it meet a closed reader. */
async function closedPipe() {
  const child = spawn('true', [], { stdio: ['pipe', 'ignore', 'ignore'] });
  await new Promise((resolve) => child.on('close', resolve));
  return child.stdin;
}

const big = 'x'.repeat(256 * 1024);

describe('StreamWriter', () => {
  it('drops output silently once the reader has closed its end', async () => {
    for (const failuresMatter of [true, false]) {
      const writer = new StreamWriter(await closedPipe(), 'the report', failuresMatter);
      writer.write(big);
      writer.write('more');
      await expect(writer.flush()).resolves.toBeUndefined();
    }
  });

  it('turns a full device into one UserError, once', async () => {
    const stream = createWriteStream(deviceNode(dir, 'full'));
    const writer = new StreamWriter(stream, 'the report to standard output', true);
    writer.write(big);
    const error = await writer.flush().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(
      'cannot write the report to standard output: no space left on the device',
    );
    await expect(writer.flush()).resolves.toBeUndefined();
  });

  it('ignores a full standard error: there is nowhere left to say it', async () => {
    const writer = new StreamWriter(createWriteStream(deviceNode(dir, 'full')), 'x', false);
    writer.write('mldebt: warning: …\n');
    await expect(writer.flush()).resolves.toBeUndefined();
  });

  it('waits for the write callback before flush resolves', async () => {
    let acknowledge: (() => void) | undefined;
    const writer = new StreamWriter(
      {
        write: (_chunk, callback) => {
          acknowledge = () => callback?.(null);
          return false;
        },
        on: () => undefined,
      },
      'the report',
      true,
    );
    writer.write('report');
    let flushed = false;
    const flushing = writer.flush().then(() => (flushed = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(flushed).toBe(false);
    acknowledge!();
    await flushing;
    expect(flushed).toBe(true);
  });
});
