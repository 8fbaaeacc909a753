/**
 * The `data-in-git` rule, pure: data and model files whose bytes live in git itself. A
 * tracked file is a finding when its extension names a data or model format, its blob is
 * at least the kind's threshold (data-file-kinds.ts), and Git LFS does not hold it: no
 * `filter=lfs` rule of a tracked `.gitattributes` applies to it, and its blob is not an LFS
 * pointer.
 *
 * A DVC output that is also tracked in git is still a finding: DVC normally git-ignores
 * what it tracks, so a tracked copy is a leftover (committed before `dvc add`, or never
 * `git rm --cached`) whose bytes sit in every clone; the detail names the DVC file that
 * should own it. An output declared with `cache: false` is one DVC leaves to git by design,
 * and the detail says that instead.
 */
import type { PracticeFinding } from '../../model/index.js';
import { formatByteSize } from './byte-size.js';
import {
  dataFileClassifier,
  DEFAULT_DATA_FILE_OPTIONS,
  thresholdOf,
  type DataFileOptions,
} from './data-file-kinds.js';
import { dvcOutputOf, indexDvcOutputs, type DvcOutput } from './dvc-output-index.js';
import type { LfsRuleMatcher } from './gitattributes.js';

/** A tracked file and the size of its blob at HEAD. */
export interface TrackedBlob {
  path: string;
  /** Bytes of the blob in git's object store (never the working-tree file). */
  size: number;
}

/** What keeps a file's bytes out of git: Git LFS, or DVC. */
export interface ArtifactCoverage {
  lfs: {
    /** Whether a `filter=lfs` rule of the tracked `.gitattributes` applies to a path. */
    ruleCovers: LfsRuleMatcher;
    /** Paths whose blob at HEAD is a Git LFS pointer. */
    pointers: ReadonlySet<string>;
  };
  /** Outputs declared by the tracked `.dvc` and `dvc.yaml` files. */
  dvc: readonly DvcOutput[];
}

/** Coverage of a repository with neither Git LFS nor DVC. */
export const NO_ARTIFACT_COVERAGE: ArtifactCoverage = {
  lfs: { ruleCovers: () => false, pointers: new Set() },
  dvc: [],
};

/** The end of a finding's detail when nothing covers the file. */
export const NOT_COVERED = 'not covered by a Git LFS rule or a DVC output';

/**
 * The `data-in-git` findings among `entries`, sorted by file (then line, always null).
 * Paths are repository-relative with `/`.
 */
export function findDataFiles(
  entries: readonly TrackedBlob[],
  coverage: ArtifactCoverage,
  options: DataFileOptions = DEFAULT_DATA_FILE_OPTIONS,
): PracticeFinding[] {
  const classify = dataFileClassifier(options);
  const dvc = indexDvcOutputs(coverage.dvc);
  const findings: PracticeFinding[] = [];
  for (const { path, size } of entries) {
    const kind = classify(path);
    if (kind === null || size < thresholdOf(kind, options)) continue;
    if (coverage.lfs.pointers.has(path) || coverage.lfs.ruleCovers(path)) continue;
    findings.push({
      kind: 'data-in-git',
      file: path,
      line: null,
      count: 1,
      detail: `${formatByteSize(size)} ${kind.kind}, ${whyInGit(dvcOutputOf(dvc, path))}`,
    });
  }
  return findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function whyInGit(output: DvcOutput | null): string {
  if (output === null) return NOT_COVERED;
  if (!output.cache) {
    return `a DVC output with cache: false in ${output.source}, so git keeps it`;
  }
  return `tracked in git although ${output.source} declares it a DVC output: DVC should own it`;
}
