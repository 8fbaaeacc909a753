/**
 * The no-tracking and no-validation hints on a real repository built with fixed dates: its
 * Python files read from the working tree by readPythonFiles, grouped as an item's files or
 * as scan's top-level scopes. A tracking import in one training script silences the hint
 * for the set it is in, not for a set it is not in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRepo, git } from '../../scripts/lib/repo-builder.js';
import type { PracticeFinding } from '../../src/model/index.js';
import {
  commonDirectory,
  findPracticeHints,
  groupByScope,
  type PythonSource,
} from '../../src/signals/practices/practice-hints.js';
import { readPythonFiles } from '../../src/signals/practices/read-python-files.js';
import { tempDir } from '../helpers/audit-repo.js';

const temp = tempDir('practice-hints');
afterAll(temp.remove);

const ana = { name: 'Ana', email: 'ana@example.com' };

const FILES: Record<string, string> = {
  'src/train/train_a.py': 'import mlflow\n\ndef main():\n    mlflow.log_param("lr", 0.1)\n',
  'src/train/train_b.py': 'import torch\n\nloss.backward()\n',
  'src/data/load.py': 'import pandas as pd\nimport pandera as pa\n\ndf = pd.read_csv("x.csv")\n',
  'src/utils.py': 'import os\n',
  'experiments/fit_model.py':
    '# import mlflow  -- one day\nNOTE = "import wandb"\nmodel.fit(X, y)\n',
  'experiments/sweep/trainer.py': 'from transformers import Trainer\nTrainer(model).train()\n',
  'pipelines/etl.py': 'def run():\n    df = pd.read_parquet(path)\n',
  'pipelines/ingest.py': 'x = 1\n',
  'tests/test_train.py': 'import torch\nmodel.fit(X)\n',
  'README.md': 'import mlflow\n',
};

let sources: PythonSource[];
const inSet = (prefix: string) => sources.filter((s) => s.path.startsWith(prefix));
const show = (findings: PracticeFinding[]) =>
  findings.map((f) => `${f.kind} ${f.file}:${f.line ?? '-'} x${f.count} ${f.detail}`);

beforeAll(async () => {
  const root = buildRepo(`${temp.dir}/repo`, [
    { date: '2026-03-01T10:00:00Z', author: ana, message: 'ml code', files: FILES },
  ]);
  const tracked = git(root, ['ls-files']).trim().split('\n');
  const read = await readPythonFiles({ root, files: tracked });
  expect(read.skipped).toEqual([]);
  sources = read.files;
});

describe('findPracticeHints', () => {
  it('reads only the tracked Python files, in order', () => {
    expect(sources.map((s) => s.path)).toEqual([
      'experiments/fit_model.py',
      'experiments/sweep/trainer.py',
      'pipelines/etl.py',
      'pipelines/ingest.py',
      'src/data/load.py',
      'src/train/train_a.py',
      'src/train/train_b.py',
      'src/utils.py',
      'tests/test_train.py',
    ]);
  });

  it('gives no hint when one file of the set imports a tracking library', () => {
    // train_b has no tracking import, but train_a in the same set does.
    expect(findPracticeHints(inSet('src/'))).toEqual([]);
    expect(findPracticeHints(inSet('src/train/'))).toEqual([]);
  });

  it('gives the hint for a set without one, even next to a set that has one', () => {
    expect(show(findPracticeHints(inSet('src/train/train_b')))).toEqual([
      'no-tracking src/train/train_b.py:- x1 no tracking import (mlflow, wandb, …) in 1 training file under src/train/',
    ]);
  });

  it('is not silenced by an import in a comment or a string, and names where the files are', () => {
    expect(show(findPracticeHints(inSet('experiments/')))).toEqual([
      'no-tracking experiments/fit_model.py:- x1 no tracking import (mlflow, wandb, …) in 2 training files under experiments/',
    ]);
    expect(
      show(findPracticeHints([...inSet('experiments/'), ...inSet('src/train/train_b')])),
    ).toEqual([
      'no-tracking experiments/fit_model.py:- x1 no tracking import (mlflow, wandb, …) in 3 training files',
    ]);
  });

  it('gives the validation hint for data-loading code without a validation import', () => {
    expect(findPracticeHints(inSet('src/data/'))).toEqual([]);
    expect(show(findPracticeHints(inSet('pipelines/')))).toEqual([
      'no-validation pipelines/etl.py:- x1 no data-validation import (great_expectations, pandera, …) in 2 data-loading files under pipelines/',
    ]);
  });

  it('gives nothing for sets with no training or data-loading code, tests included', () => {
    expect(findPracticeHints(inSet('tests/'))).toEqual([]);
    expect(findPracticeHints(inSet('src/utils'))).toEqual([]);
    expect(findPracticeHints([])).toEqual([]);
  });

  it('gives both hints for one set, sorted by file, and counts imports in any file of the set', () => {
    const set = [...inSet('pipelines/'), ...inSet('src/train/train_b')];
    expect(show(findPracticeHints(set)).map((s) => s.slice(0, s.indexOf(' x1')))).toEqual([
      'no-validation pipelines/etl.py:-',
      'no-tracking src/train/train_b.py:-',
    ]);
    // A shared module that imports a tracker silences the hint for every training file.
    const shared = { path: 'pipelines/tracking.py', text: 'from dvc import api\n' };
    expect(findPracticeHints([...set, shared]).map((f) => f.kind)).toEqual(['no-validation']);
  });

  it('scans each scan scope, the top-level directories, as one set', () => {
    const hints = groupByScope(sources).flatMap((group) => findPracticeHints(group.files));
    expect(hints.map((f) => `${f.kind} ${f.file}`)).toEqual([
      'no-tracking experiments/fit_model.py',
      'no-validation pipelines/etl.py',
    ]);
  });

  it('takes the libraries as options', () => {
    const set = inSet('src/train/train_b');
    const inHouse = [{ path: 'src/train/log.py', text: 'import acme_tracker.client\n' }];
    expect(
      findPracticeHints([...set, ...inHouse], { trackingLibraries: ['acme_tracker'] }),
    ).toEqual([]);
    expect(show(findPracticeHints(set, { trackingLibraries: ['acme_tracker'] }))).toEqual([
      'no-tracking src/train/train_b.py:- x1 no tracking import (acme_tracker) in 1 training file under src/train/',
    ]);
    expect(
      findPracticeHints(inSet('src/train/'), { trackingLibraries: ['acme_tracker'] }),
    ).toHaveLength(1);
  });
});

describe('which imports count as tracking and validation', () => {
  const training = { path: 'train.py', text: 'model.fit(X)\n' };
  const data = { path: 'data.py', text: 'df = pd.read_csv(p)\n' };
  const kindsWith = (text: string) =>
    findPracticeHints([training, data, { path: 'imports.py', text }]).map((f) => f.kind);

  it('counts every listed library and its submodules', () => {
    for (const text of [
      'import mlflow.sklearn',
      'import wandb',
      'import dvc.api',
      'from dvc import api',
      'from dvc.api import open',
      'import dvclive',
      'from clearml import Task',
      'import neptune',
      'import comet_ml',
      'from aim import Run',
      'from torch.utils.tensorboard import SummaryWriter',
      'from torch.utils import tensorboard',
      'from tensorboardX import SummaryWriter',
      'from lightning.pytorch.loggers import WandbLogger',
      'from pytorch_lightning.loggers import MLFlowLogger',
    ]) {
      expect(kindsWith(text), text).toEqual(['no-validation']);
    }
    for (const text of [
      'import great_expectations as gx',
      'import pandera.pandas as pa',
      'from pydantic import BaseModel',
      'import tensorflow_data_validation as tfdv',
      'from deepchecks.tabular import Suite',
      'from evidently.report import Report',
    ]) {
      expect(kindsWith(text), text).toEqual(['no-tracking']);
    }
  });

  it('does not count look-alikes', () => {
    for (const text of [
      'import dvc',
      'from dvc import repo',
      'import mlflow_utils',
      'from .mlflow import log',
      'import torch.utils.data',
      'from lightning.pytorch import Trainer',
      'import pandas',
      'import pydantic_settings_like',
      'importlib.import_module("mlflow")',
    ]) {
      expect(kindsWith(text), text).toEqual(['no-validation', 'no-tracking']);
    }
  });
});

describe('grouping helpers', () => {
  it('finds the deepest common directory', () => {
    expect(commonDirectory(['src/train/a.py', 'src/train/b/c.py'])).toBe('src/train/');
    expect(commonDirectory(['src/a.py', 'srcx/b.py'])).toBe('');
    expect(commonDirectory(['a.py'])).toBe('');
    expect(commonDirectory([])).toBe('');
  });

  it('groups files by their first directories', () => {
    const files = ['a.py', 'src/x/y.py', 'src/z.py', 'lib/q.py'].map((path) => ({ path }));
    expect(groupByScope(files).map((g) => [g.scope, g.files.map((f) => f.path)])).toEqual([
      ['', ['a.py']],
      ['lib/', ['lib/q.py']],
      ['src/', ['src/x/y.py', 'src/z.py']],
    ]);
    expect(groupByScope(files, 2).map((g) => g.scope)).toEqual(['', 'lib/', 'src/', 'src/x/']);
  });
});
