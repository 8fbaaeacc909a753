/**
 * Git LFS pointers: what git stores for a file LFS manages. Per the Git LFS specification
 * (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md) a pointer is a small UTF-8
 * text whose first line is `version https://git-lfs.github.com/spec/v1`; git-lfs also
 * accepts the two version URLs used before its public launch, and only reads blobs under
 * 1024 bytes as pointers. A committed pointer is LFS whatever the `.gitattributes` say (the
 * rule may have been removed since, or the file added by another tool).
 */

/** Git LFS reads blobs smaller than this as possible pointers (its `blobSizeCutoff`). */
export const MAX_LFS_POINTER_BYTES = 1024;

const VERSION_LINES = [
  'version https://git-lfs.github.com/spec/v1\n',
  'version https://hawser.github.com/spec/v1\n',
  'version http://git-media.io/v/2\n',
];
const SHORTEST = Math.min(...VERSION_LINES.map((line) => line.length));

/** Whether a blob of `size` bytes could be a pointer, so is worth reading. */
export function mayBeLfsPointer(size: number): boolean {
  return size < MAX_LFS_POINTER_BYTES && size >= SHORTEST;
}

/** Whether the blob's bytes are a Git LFS pointer (its first line names the spec). */
export function isLfsPointer(blob: Buffer): boolean {
  if (!mayBeLfsPointer(blob.length)) return false;
  const start = blob.subarray(0, 64).toString('latin1');
  return VERSION_LINES.some((line) => start.startsWith(line));
}
