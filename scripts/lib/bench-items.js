// Inventories of any size for the bench's "cost independent of items" row, drawn from a
// repository's own tracked files so the globs match real paths: the kinds of globs real
// inventories hold, in rotation —
//   a directory           `src/features/**`
//   an extension under it `src/features/**/*.py`
//   a directory minus a pattern  [`src/features/**`, `!**/module_1*.py`]
//   a single file         `src/features/module_12.py`
//   a wildcard file name  `src/features/module_1*.py`
//   everywhere minus one  [`**/*.py`, `!src/features/**`]
// Deterministic: the same files and count give the same inventory.

const CATEGORIES = ['data', 'model', 'pipeline', 'infrastructure', 'monitoring', 'testing'];

/** Directories of `files` (every prefix), sorted, the repository root left out. */
function directoriesOf(files) {
  const dirs = new Set();
  for (const file of files) {
    for (let slash = file.indexOf('/'); slash !== -1; slash = file.indexOf('/', slash + 1))
      dirs.add(file.slice(0, slash));
  }
  return [...dirs].sort();
}

/** The extension of a file name with its dot (`.py`), or '' without one. */
function extensionOf(file) {
  const name = file.slice(file.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot) : '';
}

/** Glob metacharacters in a path name are escaped so a single-file glob means that file. */
function literal(path) {
  return path.replace(/[*?[\]{}()!\\]/g, (c) => `\\${c}`);
}

/**
 * `count` items whose globs rotate through the kinds above over the directories and files of
 * `files` (the repository's tracked files).
 * @param {string[]} files
 * @param {number} count
 */
export function itemsFromFiles(files, count) {
  const sorted = [...files].sort();
  const dirs = directoriesOf(sorted);
  if (sorted.length === 0) throw new Error('bench: the repository tracks no file');
  const exts = [...new Set(sorted.map(extensionOf).filter(Boolean))].sort();
  const ext = exts.includes('.py') ? '.py' : (exts[0] ?? '');
  const dir = (i) => (dirs.length > 0 ? dirs[(i * 7919) % dirs.length] : '');
  const file = (i) => sorted[(i * 104_729) % sorted.length];
  const under = (d, pattern) => (d === '' ? pattern : `${d}/${pattern}`);
  const items = [];
  for (let i = 0; i < count; i++) {
    const d = dir(i);
    const f = file(i);
    const stem = f.slice(f.lastIndexOf('/') + 1, f.length - extensionOf(f).length);
    const prefix = stem.slice(0, Math.max(1, stem.length - 1));
    let paths;
    switch (i % 6) {
      case 0:
        paths = [under(d, '**')];
        break;
      case 1:
        paths = [under(d, `**/*${ext}`)];
        break;
      case 2:
        paths = [under(d, '**'), `!**/${literal(prefix)}*${ext}`];
        break;
      case 3:
        paths = [literal(f)];
        break;
      case 4:
        paths = [
          under(literal(f.slice(0, Math.max(0, f.lastIndexOf('/')))), `${literal(prefix)}*`),
        ];
        break;
      default:
        paths = [`**/*${ext}`, `!${under(d, '**')}`];
    }
    items.push({
      id: `ITEM-${String(i + 1).padStart(4, '0')}`,
      title: `Bench item ${i + 1}`,
      category: CATEGORIES[i % CATEGORIES.length],
      risk: 1 + (i % 5),
      cost_of_delay: 1 + ((i * 3) % 5),
      paths,
    });
  }
  return { version: 1, project: 'bench-items', items };
}
