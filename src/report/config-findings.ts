/**
 * How config findings read in every format: where (`file:line`), the per-kind counts of an
 * item, and the findings an annotation format (SARIF, GitHub) places on files. A finding
 * carries no value of the file, so nothing here can print one.
 */
import type { ConfigFinding, ConfigFindingKind, ScoredItem } from '../model/index.js';

/** Kinds in the order summaries list them. */
export const CONFIG_KINDS: readonly ConfigFindingKind[] = [
  'drift',
  'secret',
  'stale',
  'unversioned',
  'unparsable',
];

/** `configs/prod.yaml:12`, or the file alone when the finding is about the whole file. */
export function formatFindingLocation(finding: { file: string; line: number | null }): string {
  return finding.line === null ? finding.file : `${finding.file}:${finding.line}`;
}

/** Per kind, how many findings (kinds without findings left out), in {@link CONFIG_KINDS} order. */
export function countFindingKinds(
  findings: readonly ConfigFinding[],
): [ConfigFindingKind, number][] {
  const counts = new Map<ConfigFindingKind, number>();
  for (const f of findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  return CONFIG_KINDS.filter((kind) => counts.has(kind)).map((kind) => [kind, counts.get(kind)!]);
}

/** `1 drift, 2 secret` for an item's findings; null when there are none or none were examined. */
export function summarizeFindings(item: ScoredItem): string | null {
  const config = item.signals.config;
  if (config === null || config.length === 0) return null;
  return countFindingKinds(config)
    .map(([kind, count]) => `${count} ${kind}`)
    .join(', ');
}
