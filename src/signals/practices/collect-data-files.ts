/**
 * The `data-in-git` rule on a real repository: sizes from the tree at HEAD, coverage from
 * the `.gitattributes`, `.dvc` and `dvc.yaml` blobs at HEAD, findings from data-files.ts.
 *
 * At most two git calls per run, never one per file: `git ls-tree -l` lists every blob with
 * its size; only when some file is a candidate does one `git cat-file --batch` read the
 * attribute and DVC files and the candidates small enough to be LFS pointers. Files are
 * read from HEAD, like the sizes, so the verdict describes the commit, not the checkout.
 *
 * A `.gitattributes` or DVC file that cannot be read (binary, over the size cap, YAML that
 * does not parse) is skipped and listed in `skipped`; the rest of the run goes on.
 */
import type { PracticeFinding } from '../../model/index.js';
import { MAX_CONFIG_BYTES } from '../config/read-config-file.js';
import {
  dataFileClassifier,
  DEFAULT_DATA_FILE_OPTIONS,
  thresholdOf,
  type DataFileOptions,
} from './data-file-kinds.js';
import { findDataFiles } from './data-files.js';
import { isDvcFile, type DvcOutput } from './dvc-output-index.js';
import type { AttributesFile } from './gitattributes.js';
import { listTreeBlobs, readBlobs } from './git-objects.js';
import { isLfsPointer, mayBeLfsPointer } from './lfs-pointer.js';

/** What the pipeline already has when it asks for data files. */
export interface DataFilesInput {
  /** The repository's top level. */
  root: string;
  /** The commit audited (full hash); null outside git or before the first commit. */
  head: string | null;
  /** Environment git runs with. */
  env?: NodeJS.ProcessEnv;
  /**
   * Files tracked at HEAD, repository-relative with `/`: findings are limited to them
   * (coverage files are read from the whole tree at HEAD).
   */
  files: readonly string[];
}

/** A coverage file that could not be read, and why (value-free). */
export interface SkippedFile {
  path: string;
  reason: 'binary' | 'too-large' | 'unparsable';
}

export interface DataFilesResult {
  /** Sorted by file. */
  findings: PracticeFinding[];
  /** `.gitattributes` and DVC files left out, sorted by path. */
  skipped: SkippedFile[];
}

/** Coverage files larger than this are not read: people write them, and 1 MiB is plenty. */
export const MAX_COVERAGE_FILE_BYTES = MAX_CONFIG_BYTES;

/**
 * Finds the data and model files kept in git at `head` (see data-files.ts for the rule).
 * Without a commit there is no tree to read: no finding, no git call.
 */
export async function collectDataFiles(
  input: DataFilesInput,
  options: DataFileOptions = DEFAULT_DATA_FILE_OPTIONS,
): Promise<DataFilesResult> {
  if (input.head === null) return { findings: [], skipped: [] };
  const selected = new Set(input.files);
  const blobs = (await listTreeBlobs(input.root, input.head, input.env)).filter(
    (blob) => !blob.symlink,
  );
  const classify = dataFileClassifier(options);
  const candidates = blobs.filter((blob) => {
    if (!selected.has(blob.path)) return false;
    const kind = classify(blob.path);
    return kind !== null && blob.size >= thresholdOf(kind, options);
  });
  if (candidates.length === 0) return { findings: [], skipped: [] };

  const skipped: SkippedFile[] = [];
  // Coverage comes from the whole tree, even when `files` is a part of it: a rule at the
  // top level covers a file in any directory.
  const coverageFiles = blobs.filter((blob) => isAttributesFile(blob.path) || isDvcFile(blob.path));
  const readable = coverageFiles.filter((blob) => {
    if (blob.size <= MAX_COVERAGE_FILE_BYTES) return true;
    skipped.push({ path: blob.path, reason: 'too-large' });
    return false;
  });
  const pointerCandidates = candidates.filter((blob) => mayBeLfsPointer(blob.size));
  const contents = await readBlobs(
    input.root,
    [...readable, ...pointerCandidates].map((blob) => blob.oid),
    input.env,
  );

  // The pattern engine (RE2) is loaded only for a repository with a data file to judge.
  const { lfsRuleMatcher, parseGitattributes } = await import('./gitattributes.js');
  const attributes: AttributesFile[] = [];
  const dvc: DvcOutput[] = [];
  for (const blob of readable) {
    const text = decodeText(contents.get(blob.oid));
    if (text === null) {
      skipped.push({ path: blob.path, reason: 'binary' });
    } else if (isAttributesFile(blob.path)) {
      attributes.push(parseGitattributes(blob.path, text));
    } else {
      // The YAML library is loaded only for a repository with a DVC file to read.
      const { parseDvcFile } = await import('./dvc-outputs.js');
      const parsed = parseDvcFile(blob.path, text);
      if (parsed.ok) dvc.push(...parsed.outputs);
      else skipped.push({ path: blob.path, reason: parsed.reason });
    }
  }
  const pointers = new Set(
    pointerCandidates.filter((blob) => isPointer(contents.get(blob.oid))).map((b) => b.path),
  );
  const findings = findDataFiles(
    candidates.map(({ path, size }) => ({ path, size })),
    { lfs: { ruleCovers: lfsRuleMatcher(attributes), pointers }, dvc },
    options,
  );
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { findings, skipped };
}

function isAttributesFile(path: string): boolean {
  return path === '.gitattributes' || path.endsWith('/.gitattributes');
}

function isPointer(blob: Buffer | undefined): boolean {
  return blob !== undefined && isLfsPointer(blob);
}

/** UTF-8 text without a byte-order mark; null for a blob git did not return or a binary one. */
function decodeText(blob: Buffer | undefined): string | null {
  if (blob === undefined || blob.includes(0)) return null;
  const text = blob.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
