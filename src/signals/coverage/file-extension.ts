/**
 * A file's extension, the one trace of its language every coverage question can use: which
 * item files a coverage tool would instrument, and which languages the given reports cover.
 */

/**
 * The extension of a repository path, lower-cased and without its dot (`Stats.PY` -> `py`),
 * or null when the file name has none (`Makefile`, `.env`: a leading dot starts no
 * extension).
 */
export function extensionOf(path: string): string | null {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 && dot < base.length - 1 ? base.slice(dot + 1).toLowerCase() : null;
}
