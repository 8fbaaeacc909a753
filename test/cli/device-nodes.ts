/**
 * Private copies of /dev/null and /dev/full for tests that write to devices. A regression
 * that replaced the device with a regular file must never break the machine's own device
 * (every process on it writes to /dev/null), and root can replace it: so as root the test
 * creates the same device node in its temp dir, and fails loudly when it cannot. A process
 * that is not root cannot replace anything in /dev, so it uses the system device.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Linux encodes a device number as glibc's makedev does. */
function majorMinor(rdev: number): [number, number] {
  const dev = BigInt(rdev);
  const major = ((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn);
  const minor = (dev & 0xffn) | ((dev >> 12n) & ~0xffn);
  return [Number(major), Number(minor)];
}

/** A character device equal to `/dev/<name>` (`null`, `full`), created in `dir` as root. */
export function deviceNode(dir: string, name: 'null' | 'full'): string {
  const system = `/dev/${name}`;
  if (process.getuid?.() !== 0) return system;
  const copy = join(dir, `dev-${name}`);
  const { rdev } = statSync(system);
  if (existsSync(copy) && statSync(copy).isCharacterDevice() && statSync(copy).rdev === rdev) {
    return copy; // made by an earlier test in the same directory
  }
  const [major, minor] = majorMinor(rdev);
  const made = spawnSync('mknod', ['-m', '666', copy, 'c', String(major), String(minor)], {
    encoding: 'utf8',
  });
  if (made.status !== 0) throw new Error(`cannot create a device node in ${dir}: ${made.stderr}`);
  // A nodev mount lets the node be created but not opened: better to fail here than to write
  // to the system device. Opening (and not writing) is the probe: /dev/full refuses writes.
  closeSync(openSync(copy, 'w'));
  return copy;
}
