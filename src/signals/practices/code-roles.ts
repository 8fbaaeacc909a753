/**
 * Which Python files are training, data-loading or serving code, by a rule small enough to
 * explain in one sentence each. A path is split into words: every directory name and the
 * file name without its extension, each split at `_`, `-` and `.`, lower-cased, plus the
 * whole part with those separators removed (so `fine_tune` also reads as `finetune`).
 *
 * - training: a word `train`, `training`, `trainer(s)`, `fit`, `fitting`, `finetune`,
 *   `finetuning`, `pretrain`, `pretraining` (a trailing number allowed: `train2`), or code
 *   that calls `.fit(`, `.backward(`, `optimizer.step(` or a `…Trainer(`;
 * - data loading: a word `data`, `dataset(s)`, `datamodule`, `dataloader(s)`, `loader(s)`,
 *   `etl`, `ingest`, `ingestion`, `feature(s)`, `preprocess`, `preprocessing`, or code that
 *   calls `pd.read_csv(` and the other pandas/polars readers, `DataLoader(`,
 *   `load_dataset(` or uses `tf.data.`;
 * - serving: a word `serve`, `serving`, `server`, `predict`, `predictor`, `prediction(s)`,
 *   `inference`, `api` (by path only);
 * - tests (`test_*.py`, `*_test.py`, `conftest.py`, anything under a `test` or `tests`
 *   directory) have no role: a test of the training loop is not training code;
 * - nor has configuration written in Python: a path word `config(s)`, `configuration(s)`,
 *   `conf`, `cfg(s)`, `settings`, `hparams`, `hyperparams`, `hyperparameters`
 *   (`configs/train_gpt2.py`, `src/train/config.py`). Literals there are the configuration
 *   the magic-number rule asks for.
 *
 * Precision over recall: a file named `model.py` holding a training loop with no marker is
 * missed, rather than every `utils.py` counted.
 */
import type { PythonToken } from './python-tokens.js';

export interface CodeRoles {
  training: boolean;
  dataLoading: boolean;
  serving: boolean;
}

const TRAINING_WORD =
  /^(?:train|training|trainers?|fit|fitting|finetune|finetuning|pretrain|pretraining)\d*$/;
const DATA_WORD =
  /^(?:data|datasets?|datamodules?|dataloaders?|loaders?|etl|ingest|ingestion|features?|preprocess|preprocessing)\d*$/;
const SERVING_WORD = /^(?:serve|serving|server|predict|predictor|predictions?|inference|api)\d*$/;

const CONFIG_WORD =
  /^(?:configs?|configurations?|conf|cfgs?|settings|hparams|hyperparams|hyperparameters)$/;

/** Readers whose call marks a file as loading data: `<module>.<reader>(`. */
const DATA_READER_MODULES = new Set(['pd', 'pandas', 'pl', 'polars']);
const DATA_READERS =
  /^(?:read_csv|read_parquet|read_json|read_excel|read_feather|read_sql|read_table|scan_csv|scan_parquet)$/;

/** Whether `path` is a test file: test code has no training, data or serving role. */
export function isTestPath(path: string): boolean {
  const parts = path.split('/');
  const base = parts.at(-1)!;
  if (/^test_.*\.(?:py|ipynb)$/.test(base) || /_test\.(?:py|ipynb)$/.test(base)) return true;
  if (base === 'conftest.py') return true;
  return parts.slice(0, -1).some((dir) => dir === 'test' || dir === 'tests');
}

/** The words of `path` (see the module comment). */
export function pathWords(path: string): Set<string> {
  const words = new Set<string>();
  const parts = path.toLowerCase().split('/');
  parts[parts.length - 1] = parts.at(-1)!.replace(/\.[^.]*$/, '');
  for (const part of parts) {
    for (const word of part.split(/[-_.]+/)) if (word !== '') words.add(word);
    words.add(part.replace(/[-_.]+/g, ''));
  }
  return words;
}

/** Whether `path` is configuration written in Python, by a word of its path. */
export function isConfigPath(path: string): boolean {
  return [...pathWords(path)].some((w) => CONFIG_WORD.test(w));
}

/** Whether `path` can have a role at all: tests and configuration have none. */
function canHaveRole(path: string): boolean {
  return !isTestPath(path) && !isConfigPath(path);
}

/** The roles `path` has by its name alone. */
export function rolesByPath(path: string): CodeRoles {
  if (!canHaveRole(path)) return { training: false, dataLoading: false, serving: false };
  const words = [...pathWords(path)];
  return {
    training: words.some((w) => TRAINING_WORD.test(w)),
    dataLoading: words.some((w) => DATA_WORD.test(w)),
    serving: words.some((w) => SERVING_WORD.test(w)),
  };
}

/** Which roles the code's calls mark (strings and comments are not code). */
export function rolesByContent(tokens: readonly PythonToken[]): Omit<CodeRoles, 'serving'> {
  let training = false;
  let dataLoading = false;
  for (let i = 0; i < tokens.length && !(training && dataLoading); i++) {
    const token = tokens[i]!;
    if (token.type !== 'name') continue;
    const calls = tokens[i + 1]?.text === '(';
    const afterDot = tokens[i - 1]?.text === '.';
    const owner = afterDot ? tokens[i - 2] : undefined;
    if (calls && afterDot && (token.text === 'fit' || token.text === 'backward')) training = true;
    if (
      calls &&
      token.text === 'step' &&
      owner?.type === 'name' &&
      /^(?:optimizer|optim|opt)$/i.test(owner.text)
    ) {
      training = true;
    }
    if (calls && /Trainer$/.test(token.text)) training = true;
    if (
      calls &&
      afterDot &&
      DATA_READERS.test(token.text) &&
      DATA_READER_MODULES.has(owner?.text ?? '')
    ) {
      dataLoading = true;
    }
    if (calls && (token.text === 'DataLoader' || token.text === 'load_dataset')) dataLoading = true;
    if (
      token.text === 'tf' &&
      tokens[i + 1]?.text === '.' &&
      tokens[i + 2]?.text === 'data' &&
      tokens[i + 3]?.text === '.'
    ) {
      dataLoading = true;
    }
  }
  return { training, dataLoading };
}

/** The roles of a Python file: by its path, or (for training and data loading) by its calls. */
export function rolesOf(path: string, tokens: readonly PythonToken[]): CodeRoles {
  const byPath = rolesByPath(path);
  if (!canHaveRole(path)) return byPath;
  const byContent = rolesByContent(tokens);
  return {
    training: byPath.training || byContent.training,
    dataLoading: byPath.dataLoading || byContent.dataLoading,
    serving: byPath.serving,
  };
}
