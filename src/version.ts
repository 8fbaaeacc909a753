/**
 * The package version, read from package.json once. Kept in its own tiny module so
 * `mldebt --version` can answer without loading anything else.
 */
import { packageVersion } from './util/own-files.js';

export const VERSION: string = packageVersion();
