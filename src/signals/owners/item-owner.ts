/**
 * Which CODEOWNERS rule owns an item, pure: the rule that owns the item's hottest file.
 *
 * The hottest file is the item's most-changed file in the window (most commits, then most fix
 * commits, then path: the order of `hotFiles`). An item none of whose files changed in the
 * window (or one measured without git) takes its first file at HEAD in path order, so an item
 * keeps one owner whether or not it was touched lately. A path can be in `hotFiles` without
 * being at HEAD (deleted or renamed since): CODEOWNERS patterns are matched against the path
 * as it was, as the host would have when the change was reviewed.
 */
import type { CodeownersMatch, HotFile, OwnerSource } from '../../model/index.js';
import { compareText } from '../../util/text.js';
import { ownerRuleOf, type CodeownersRule } from './codeowners.js';

/** A repository's CODEOWNERS file: where it is and its rules. */
export interface Codeowners {
  file: string;
  rules: readonly CodeownersRule[];
}

/**
 * The rule owning the item's hottest file (see the module comment), or null when the item has
 * no file or no rule matches it. A matching rule without owners is returned with `owners: []`:
 * the file is explicitly unowned.
 */
export function codeownersMatchOf(
  codeowners: Codeowners,
  hotFiles: readonly HotFile[],
  filesAtHead: readonly string[],
): CodeownersMatch | null {
  const path = hotFiles[0]?.path ?? firstInPathOrder(filesAtHead);
  if (path === undefined) return null;
  const rule = ownerRuleOf(codeowners.rules, path);
  if (rule === null) return null;
  return {
    file: codeowners.file,
    line: rule.line,
    pattern: rule.pattern,
    path,
    owners: [...rule.owners],
  };
}

/**
 * An item's owner and where it came from: the declared one, else the first owner of its
 * CODEOWNERS rule (an inventory holds one owner per item; the rule's others stay in the
 * match), else none ("unowned").
 */
export function effectiveOwner(
  declared: string | undefined | null,
  match: CodeownersMatch | null,
): { owner: string | null; ownerSource: OwnerSource | null } {
  if (declared !== undefined && declared !== null) {
    return { owner: declared, ownerSource: 'inventory' };
  }
  const fromRule = match?.owners[0];
  return fromRule === undefined
    ? { owner: null, ownerSource: null }
    : { owner: fromRule, ownerSource: 'codeowners' };
}

function firstInPathOrder(files: readonly string[]): string | undefined {
  let first: string | undefined;
  for (const file of files) if (first === undefined || compareText(file, first) < 0) first = file;
  return first;
}
