/**
 * What DVC owns, looked up: which tracked paths are DVC files, and the output covering a path
 * (one naming it, or the nearest directory above). Reading the DVC files is dvc-outputs.ts's,
 * which needs the YAML library; kept apart so that a run with no DVC file never loads it.
 */

/** One output DVC declares. */
export interface DvcOutput {
  /** Repository-relative path of the file or directory, no trailing `/`. */
  path: string;
  /** The `.dvc` or `dvc.yaml` file declaring it. */
  source: string;
  /** False when declared with `cache: false`: DVC leaves the file to git. */
  cache: boolean;
}

/** Whether a tracked path is a DVC file this module reads. */
export function isDvcFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name === 'dvc.yaml' || (name.endsWith('.dvc') && name.length > '.dvc'.length);
}

/**
 * The output covering `path`: one naming it, or the nearest directory above it; null when
 * none does. Build the index once with {@link indexDvcOutputs}.
 */
export function dvcOutputOf(index: DvcOutputIndex, path: string): DvcOutput | null {
  for (let at = path; ;) {
    const output = index.get(at);
    if (output !== undefined) return output;
    const slash = at.lastIndexOf('/');
    if (slash < 0) return null;
    at = at.slice(0, slash);
  }
}

export type DvcOutputIndex = ReadonlyMap<string, DvcOutput>;

/**
 * Outputs by path. When two files declare the same path, one caching it wins (DVC owns it),
 * then the first source in path order, so the answer does not depend on reading order.
 */
export function indexDvcOutputs(outputs: readonly DvcOutput[]): DvcOutputIndex {
  const index = new Map<string, DvcOutput>();
  const sorted = [...outputs].sort(
    (a, b) => Number(b.cache) - Number(a.cache) || compare(a.source, b.source),
  );
  for (const output of sorted) if (!index.has(output.path)) index.set(output.path, output);
  return index;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
