/**
 * A digest of a directory tree — every entry's relative path, type and mode, and every file's
 * content — to prove a command left it exactly as it was.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, relative } from 'node:path';

export function treeDigest(dir: string): string {
  const hash = createHash('sha256');
  const walk = (at: string) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      const info = lstatSync(path);
      hash.update(`${relative(dir, path)}\0${info.mode}\0`);
      if (info.isDirectory()) walk(path);
      else if (info.isFile()) hash.update(readFileSync(path));
      else if (info.isSymbolicLink()) hash.update(readlinkSync(path));
    }
  };
  walk(dir);
  return hash.digest('hex');
}
