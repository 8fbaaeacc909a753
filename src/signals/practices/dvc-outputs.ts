/**
 * The outputs DVC declares, pure: `.dvc` files and `dvc.yaml` pipelines in, the
 * repository-relative paths DVC owns out. The formats are DVC's
 * (https://dvc.org/doc/user-guide/project-structure):
 * - a `.dvc` file (`dvc add data.csv` writes `data.csv.dvc`) lists `outs:`, each a mapping
 *   with a `path:` relative to the `.dvc` file's directory (or to its `wdir:` when set);
 * - `dvc.yaml` has `stages.<name>` with `outs`, `metrics` and `plots` lists, each entry a
 *   path or a one-key mapping `{path: {cache: false, …}}`, relative to dvc.yaml's
 *   directory joined with the stage's `wdir`; a `foreach`/`matrix` stage keeps them under
 *   `do:` (or beside `matrix:`).
 * An output may be a directory: it covers every path below it.
 *
 * `cache: false` tells DVC not to store the output and to leave it to git: such an output
 * is recorded with `cache: false` so the rule can say git keeps it by design.
 *
 * Not resolved: templated paths (`${item}`, `${vars.dir}`) and outputs outside the
 * repository (`s3://…`, absolute paths, `../`); they cover nothing here.
 */
import { posix } from 'node:path';
import { parseDocument } from 'yaml';
import type { DvcOutput } from './dvc-output-index.js';

/** Most copies of anchors YAML aliases may expand to (no billion laughs). */
const MAX_ALIAS_COUNT = 100;

/** The outputs of one DVC file, or why the file could not be read. */
export type DvcParseResult =
  { ok: true; outputs: DvcOutput[] } | { ok: false; reason: 'unparsable' };

/** The outputs declared by the DVC file at `path` (a `.dvc` file or a `dvc.yaml`). */
export function parseDvcFile(path: string, text: string): DvcParseResult {
  const value = parseYaml(text);
  if (value === undefined || !isRecord(value)) return { ok: false, reason: 'unparsable' };
  const dir = posix.dirname(path);
  const outputs: DvcOutput[] = [];
  const add = (base: string | null, entries: unknown): void => {
    for (const entry of outEntries(entries)) {
      const resolved = resolveOut(base, entry.path);
      if (resolved !== null && resolved !== '')
        outputs.push({ path: resolved, source: path, cache: entry.cache });
    }
  };
  if (path.endsWith('.dvc')) {
    add(withWdir(dir, value.wdir), value.outs);
    return { ok: true, outputs };
  }
  const stages = value.stages;
  if (stages === undefined || stages === null) return { ok: true, outputs };
  if (!isRecord(stages)) return { ok: false, reason: 'unparsable' };
  for (const stage of Object.values(stages)) {
    if (!isRecord(stage)) continue;
    // foreach/do keeps the stage body under `do:`; matrix stages keep it beside `matrix:`.
    const body = isRecord(stage.do) ? stage.do : stage;
    const base = withWdir(dir, body.wdir);
    for (const key of ['outs', 'metrics', 'plots'] as const) add(base, body[key]);
  }
  return { ok: true, outputs };
}

function parseYaml(text: string): unknown {
  const document = parseDocument(text, {
    schema: 'core',
    resolveKnownTags: false,
    prettyErrors: false,
    uniqueKeys: false,
  });
  if (document.errors.length > 0) return undefined;
  try {
    return document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The entries of an `outs`/`metrics`/`plots` list: strings, `{path: …}` or `{<path>: {…}}`. */
function outEntries(list: unknown): { path: string; cache: boolean }[] {
  if (!Array.isArray(list)) return [];
  const entries: { path: string; cache: boolean }[] = [];
  for (const entry of list) {
    if (typeof entry === 'string') {
      entries.push({ path: entry, cache: true });
    } else if (isRecord(entry) && typeof entry.path === 'string') {
      // A `.dvc` file's form: `- path: data.csv` with md5, size and flags beside it.
      entries.push({ path: entry.path, cache: entry.cache !== false });
    } else if (isRecord(entry)) {
      const keys = Object.keys(entry);
      if (keys.length !== 1) continue;
      const flags = entry[keys[0]!];
      entries.push({ path: keys[0]!, cache: !(isRecord(flags) && flags.cache === false) });
    }
  }
  return entries;
}

function withWdir(dir: string, wdir: unknown): string | null {
  if (wdir === undefined || wdir === null) return dir;
  if (typeof wdir !== 'string') return null;
  return resolveOut(dir, wdir);
}

/** `path` joined to `base`, repository-relative; null when it cannot be resolved inside. */
function resolveOut(base: string | null, path: string): string | null {
  if (
    base === null ||
    path === '' ||
    path.includes('${') ||
    /^[a-z][a-z0-9+.-]*:\/\//i.test(path)
  ) {
    return null;
  }
  if (posix.isAbsolute(path)) return null;
  const joined = posix.normalize(posix.join(base, path)).replace(/\/+$/, '');
  if (joined === '..' || joined.startsWith('../')) return null;
  return joined === '.' ? '' : joined;
}
