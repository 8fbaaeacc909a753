/**
 * Which tracked files are data or model artifacts, by extension, and the thresholds that
 * decide when one is worth a finding. Binary formats (parquet, pickle, checkpoints, ONNX…)
 * are artifacts at any size by default: nobody writes one by hand. Tabular text (csv, tsv,
 * jsonl) is often a small fixture or a lookup table that belongs in git, so it counts only
 * from a size up.
 *
 * Extensions are compared case-insensitively (`MODEL.PT` is a `pt`): the format does not
 * change with the spelling, and Windows and macOS tools write upper-case names.
 *
 * `.bin` is not a default: it names PyTorch weights (`pytorch_model.bin`) but just as often
 * firmware, fonts, test vectors and generic blobs, so alone it says nothing about ML. Add it
 * to `binaryExtensions` where it does mean weights.
 */

/** Thresholds and extension lists of the `data-in-git` rule (the lead maps settings to them). */
export interface DataFileOptions {
  /** Extensions (no dot, any case) of binary data and model formats. */
  binaryExtensions: readonly string[];
  /** Extensions (no dot, any case) of tabular text formats, which count only from `tabularMinBytes`. */
  tabularExtensions: readonly string[];
  /** Smallest blob, in bytes, of a binary kind that is a finding (0: any size). */
  minBytes: number;
  /** Smallest blob, in bytes, of a tabular kind that is a finding (never below `minBytes`). */
  tabularMinBytes: number;
}

/** One megabyte, decimal, as the sizes in findings are written (`12.4 MB`). */
export const MEGABYTE = 1_000_000;

export const DEFAULT_DATA_FILE_OPTIONS: DataFileOptions = {
  binaryExtensions: [
    // Columnar and row data.
    'parquet',
    'feather',
    'arrow',
    'avro',
    'orc',
    'tfrecord',
    'tfrecords',
    // Serialized Python objects (often fitted models).
    'pkl',
    'pickle',
    'joblib',
    // Arrays and tensors.
    'npy',
    'npz',
    'h5',
    'hdf5',
    // Model weights and exported models.
    'pt',
    'pth',
    'ckpt',
    'safetensors',
    'onnx',
    'keras',
    'pb',
    'tflite',
    'gguf',
    'mlmodel',
  ],
  tabularExtensions: ['csv', 'tsv', 'jsonl'],
  minBytes: 0,
  tabularMinBytes: MEGABYTE,
};

/** How a path's extension classifies it. */
export interface DataFileKind {
  /** The extension, lower case: what the finding calls the file (`parquet`). */
  kind: string;
  tabular: boolean;
}

/** A classifier over the options' extension lists (built once per run). */
export function dataFileClassifier(
  options: DataFileOptions,
): (path: string) => DataFileKind | null {
  const normalize = (ext: string) => ext.replace(/^\./, '').toLowerCase();
  const binary = new Set(options.binaryExtensions.map(normalize));
  const tabular = new Set(options.tabularExtensions.map(normalize));
  return (path) => {
    const kind = extensionOf(path);
    if (kind === null) return null;
    // A tabular listing wins when the user names an extension in both lists: it is the
    // more lenient reading, and the one with a threshold to tune.
    if (tabular.has(kind)) return { kind, tabular: true };
    if (binary.has(kind)) return { kind, tabular: false };
    return null;
  };
}

/** The smallest size at which a file of this kind is a finding. */
export function thresholdOf(kind: DataFileKind, options: DataFileOptions): number {
  return kind.tabular ? Math.max(options.minBytes, options.tabularMinBytes) : options.minBytes;
}

/**
 * The last extension of the path's file name, lower case; null without one. A dot file
 * (`.npy`) has no extension, as for Node's `extname`: it is a name, not a format.
 */
export function extensionOf(path: string): string | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return null;
  return name.slice(dot + 1).toLowerCase();
}
