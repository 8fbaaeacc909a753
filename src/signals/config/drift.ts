/**
 * Environment drift, pure: given the parsed members of one family (files that differ only by
 * an environment name), one finding per member that lacks keys another member has, listing
 * the missing keys by full dotted path.
 */
import type { ConfigFinding } from '../../model/index.js';
import { plural } from '../../util/text.js';
import { compareText } from '../../util/text.js';
import type { DocumentKeys } from './key-paths.js';

/** Missing keys listed per finding; the count is always exact. */
export const MAX_MISSING_KEYS_LISTED = 10;
/** Siblings named per finding. */
const MAX_SIBLINGS_NAMED = 3;

/** A family member that parsed to a mapping, with its keys. */
export interface FamilyMember {
  file: string;
  keys: DocumentKeys;
}

/**
 * The drift findings of a family, keyed by file. A family needs at least two members to
 * compare; a member missing nothing gets no finding.
 */
export function findDrift(members: readonly FamilyMember[]): Map<string, ConfigFinding> {
  const findings = new Map<string, ConfigFinding>();
  if (members.length < 2) return findings;
  for (const member of members) {
    const missing = new Map<string, string>();
    const siblings: string[] = [];
    for (const other of members) {
      if (other === member) continue;
      let lacks = false;
      for (const [key, shown] of other.keys.leaves) {
        // An empty mapping (or a value) in one file and a filled mapping in another: the key
        // is there in both.
        if (member.keys.leaves.has(key) || member.keys.interior.has(key)) continue;
        missing.set(key, shown);
        lacks = true;
      }
      if (lacks) siblings.push(other.file);
    }
    if (missing.size === 0) continue;
    findings.set(member.file, {
      kind: 'drift',
      file: member.file,
      line: null,
      key: null,
      detail: describeDrift([...missing.values()].sort(compareText), siblings.sort(compareText)),
    });
  }
  return findings;
}

/** `missing 2 keys that configs/dev.yaml has: db.pool, timeout_ms`. */
function describeDrift(missing: string[], siblings: string[]): string {
  const named = siblings.slice(0, MAX_SIBLINGS_NAMED).join(', ');
  const others =
    siblings.length > MAX_SIBLINGS_NAMED ? ` and ${siblings.length - MAX_SIBLINGS_NAMED} more` : '';
  const keys = missing.slice(0, MAX_MISSING_KEYS_LISTED).join(', ');
  const more =
    missing.length > MAX_MISSING_KEYS_LISTED
      ? `, and ${missing.length - MAX_MISSING_KEYS_LISTED} more`
      : '';
  const verb = siblings.length === 1 ? 'has' : 'have';
  return `missing ${plural(missing.length, 'key')} that ${named}${others} ${verb}: ${keys}${more}`;
}
