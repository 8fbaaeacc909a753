/**
 * A checked inventory, kept in the user's cache directory beside the history cache: a later
 * run on the same bytes reads it back instead of loading the YAML parser and the schema
 * library and checking the file again, which is a fifth of a warm run's time.
 *
 * One file per inventory file (by its real path), replaced whenever the inventory changes.
 * It is read back only when it carries the digest of everything the check depends on: the
 * inventory's bytes, the name reports give it, and the code that checks it (the modules of
 * this directory and util/ by content, and the YAML, schema, glob and pattern libraries'
 * versions). A file with anything else is a miss, and an unreadable one is ignored with a note
 * and rewritten, never trusted. Only an inventory without errors is kept; it holds what the
 * inventory holds (never a file of the repository) and the warnings the check gave.
 *
 * Like the other caches: `--no-cache` neither reads nor writes it, a cache directory inside
 * the repository is never used, and a failed save is harmless.
 */
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { usableCacheDir } from '../signals/git/cache/location.js';
import { ensurePrivateDir, writeAtomically } from '../signals/git/cache/private-files.js';
import { codeDigest } from '../util/code-digest.js';
import type { LoadedInventory } from './index.js';
import type { GitDirectoryFacts } from '../signals/git/repo.js';

/** Bumped when the file's layout changes. */
const KEPT_FORMAT = 1;
const MAGIC = `mldebt-inventory ${KEPT_FORMAT} `;
const SUFFIX = '.inventory';

/** Where a checked inventory is kept, and the digest it must carry to be read back. */
export interface InventoryKeeping {
  file: string;
  digest: string;
}

/**
 * Where the inventory at `path` (its `bytes`, shown as `displayPath`) is kept for the
 * repository at `root`; null when no cache directory may be used.
 */
export async function inventoryKeeping(
  path: string,
  displayPath: string,
  bytes: Uint8Array,
  root: string,
  env: NodeJS.ProcessEnv | undefined,
  facts?: GitDirectoryFacts,
): Promise<InventoryKeeping | null> {
  const dir = await usableCacheDir(root, env, facts);
  if (dir === null) return null;
  let real = path;
  try {
    real = realpathSync.native(path);
  } catch {
    // Read a moment ago: keep it under the path as given.
  }
  const id = createHash('sha256').update(`mldebt-inventory\0${real}`).digest('hex');
  const digest = createHash('sha256')
    .update(codeDigest(['inventory', 'util'], ['yaml', 'zod', 'picomatch', 're2js', 'smol-toml']))
    .update(`\0${displayPath}\0`)
    .update(bytes)
    .digest('hex');
  return { file: join(dir, `${id}${SUFFIX}`), digest };
}

/**
 * The inventory kept at `keeping` when it carries its digest; null otherwise. A file that
 * cannot be read back is ignored, and said in one line to `onNotice` (a note about this
 * machine, never part of a report).
 */
export async function readKeptInventory(
  keeping: InventoryKeeping,
  onNotice: ((line: string) => void) | undefined,
): Promise<LoadedInventory | null> {
  let data: Buffer;
  try {
    data = await readFile(keeping.file);
  } catch {
    return null;
  }
  // `<magic><inputs digest> <content digest>\n`, then the checked inventory.
  const header = Buffer.from(`${MAGIC}${keeping.digest} `);
  if (!data.subarray(0, header.length).equals(header)) return null;
  try {
    const headerEnd = data.indexOf(0x0a, header.length);
    if (headerEnd === -1) throw new Error('no end of header');
    const body = data.subarray(headerEnd + 1);
    const sum = createHash('sha256').update(body).digest('hex');
    if (data.toString('latin1', header.length, headerEnd) !== sum) {
      throw new Error('its content does not match its digest');
    }
    const loaded = deserialize(body) as LoadedInventory;
    if (
      !Array.isArray(loaded?.inventory?.items) ||
      !Array.isArray(loaded.problems) ||
      !Array.isArray(loaded.places) ||
      loaded.places.length !== loaded.inventory.items.length
    ) {
      throw new Error('not a checked inventory');
    }
    return loaded;
  } catch {
    onNotice?.(
      'kept inventory ignored: it cannot be read back (it is checked again and rewritten)',
    );
    return null;
  }
}

/** Keeps `loaded` at `keeping` for the next run. Never throws. */
export async function keepInventory(
  keeping: InventoryKeeping,
  loaded: LoadedInventory,
): Promise<void> {
  try {
    const body = serialize(loaded);
    const sum = createHash('sha256').update(body).digest('hex');
    const head = Buffer.from(`${MAGIC}${keeping.digest} ${sum}\n`);
    await ensurePrivateDir(dirname(keeping.file));
    await writeAtomically(keeping.file, { pieces: () => [head, body] });
  } catch {
    // Not kept this time; the run goes on.
  }
}
