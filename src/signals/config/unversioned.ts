/**
 * Unversioned config files: config files on disk that git does not track, untracked or
 * ignored, as `git ls-files` lists them (two calls per run, see listUnversionedFiles).
 * Directories git ignores wholesale are one `dir/` entry and are never looked into.
 */
import type { ConfigFinding } from '../../model/index.js';
import type { UnversionedFiles } from '../git/repo.js';
import { compareText, plural } from '../../util/text.js';
import { configTypeOf } from './config-types.js';

/** Unversioned files listed per item; the last one listed gives the count of the rest. */
export const MAX_UNVERSIONED_LISTED = 20;

export interface UnversionedConfigFile {
  path: string;
  why: 'untracked' | 'ignored';
}

/** The config-type files of a listing (ignored directory entries are left out: not descended). */
export function unversionedConfigFiles(listing: UnversionedFiles): UnversionedConfigFile[] {
  const files: UnversionedConfigFile[] = [];
  for (const path of listing.untracked) {
    if (configTypeOf(path) !== null) files.push({ path, why: 'untracked' });
  }
  for (const path of listing.ignored) {
    if (!path.endsWith('/') && configTypeOf(path) !== null) files.push({ path, why: 'ignored' });
  }
  return files.sort((a, b) => compareText(a.path, b.path));
}

const WHY: Record<UnversionedConfigFile['why'], string> = {
  untracked: 'untracked: on disk, never committed, and not ignored',
  ignored: 'ignored by git (.gitignore, .git/info/exclude or core.excludesFile): never committed',
};

/** One finding per file, at most {@link MAX_UNVERSIONED_LISTED}, the last naming the rest's count. */
export function findUnversioned(files: readonly UnversionedConfigFile[]): ConfigFinding[] {
  const sorted = [...files].sort((a, b) => compareText(a.path, b.path));
  const listed = sorted.slice(0, MAX_UNVERSIONED_LISTED).map((file): ConfigFinding => ({
    kind: 'unversioned',
    file: file.path,
    line: null,
    key: null,
    detail: WHY[file.why],
  }));
  const more = sorted.length - listed.length;
  const last = listed.at(-1);
  if (last && more > 0) {
    last.detail += `; ${plural(more, 'more unversioned config file')} of the item not listed`;
  }
  return listed;
}
