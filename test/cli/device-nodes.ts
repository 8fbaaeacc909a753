/**
 * Private copies of /dev/null and /dev/full for tests that write to devices. A regression
 * that replaced the device with a regular file must not break the machine's own /dev/null
 * (every other process on it writes there), so as root we create the same device node in the
 * test's temp dir. Without the right to create one (not root, or a nodev mount), the system
 * device is used: there an unprivileged process cannot replace it anyway.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Linux encodes a device number as glibc's makedev does. */
function majorMinor(rdev: number): [number, number] {
  const major = Number((BigInt(rdev) >> 8n) & 0xfffn) | Number((BigInt(rdev) >> 32n) & ~0xfffn);
  const minor = Number(BigInt(rdev) & 0xffn) | Number((BigInt(rdev) >> 12n) & ~0xffn);
  return [major, minor];
}

/** A character device equal to `/dev/<name>` (`null`, `full`), created in `dir` when possible. */
export function deviceNode(dir: string, name: 'null' | 'full'): string {
  const system = `/dev/${name}`;
  const copy = join(dir, `dev-${name}`);
  const [major, minor] = majorMinor(statSync(system).rdev);
  const made = spawnSync('mknod', ['-m', '666', copy, 'c', String(major), String(minor)]);
  if (made.status !== 0) return system;
  try {
    // A nodev mount lets the node be created but not opened.
    const fd = openSync(copy, 'w');
    try {
      writeSync(fd, '');
    } finally {
      closeSync(fd);
    }
  } catch {
    return system;
  }
  return copy;
}
