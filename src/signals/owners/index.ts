/**
 * The repository's CODEOWNERS file, read from the working tree: the first of
 * `.github/CODEOWNERS`, `CODEOWNERS`, `docs/CODEOWNERS`, `.gitlab/CODEOWNERS` (the order the
 * hosts look them up in). A file larger than GitHub's own limit (3 MB) is ignored, as GitHub
 * ignores it.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCodeowners, type CodeownersRule } from './codeowners.js';

export { ownerRuleOf, parseCodeowners, type CodeownersRule } from './codeowners.js';

export const CODEOWNERS_LOCATIONS = [
  '.github/CODEOWNERS',
  'CODEOWNERS',
  'docs/CODEOWNERS',
  '.gitlab/CODEOWNERS',
] as const;

const MAX_BYTES = 3 * 1024 * 1024;

/** The rules of the repository's CODEOWNERS file and where it is, or null when it has none. */
export async function readCodeowners(
  root: string,
): Promise<{ file: string; rules: CodeownersRule[] } | null> {
  for (const file of CODEOWNERS_LOCATIONS) {
    const path = join(root, file);
    const info = await stat(path).catch(() => null);
    if (info === null || !info.isFile()) continue;
    if (info.size > MAX_BYTES) return null;
    const text = await readFile(path, 'utf8').catch(() => null);
    if (text === null) continue;
    return { file, rules: parseCodeowners(text) };
  }
  return null;
}
