/**
 * The package version, read from package.json once. Kept in its own tiny module so
 * `mldebt --version` can answer without loading anything else.
 */
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export const VERSION: string = pkg.version;
