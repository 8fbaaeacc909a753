/**
 * Which files are training, data-loading or serving code: the path-word rule, the call
 * markers (read from code only), and tests, which have no role.
 */
import { describe, expect, it } from 'vitest';
import {
  isConfigPath,
  isTestPath,
  rolesByPath,
  rolesOf,
} from '../../src/signals/practices/code-roles.js';
import { findMagicNumbers } from '../../src/signals/practices/magic-numbers.js';
import { tokenizePython } from '../../src/signals/practices/python-tokens.js';

const roles = (path: string, text = '') => {
  const r = rolesOf(path, tokenizePython(text));
  return [r.training && 'training', r.dataLoading && 'data', r.serving && 'serving']
    .filter(Boolean)
    .join(' ');
};

describe('code roles by path', () => {
  it('reads directory and file-name words, split at _ - . and joined', () => {
    expect(roles('train.py')).toBe('training');
    expect(roles('src/train/loop.py')).toBe('training');
    expect(roles('scripts/run_training.py')).toBe('training');
    expect(roles('src/models/trainer.py')).toBe('training');
    expect(roles('fine_tune.py')).toBe('training');
    expect(roles('src/Pretrain-BERT.py')).toBe('training');
    expect(roles('train2.py')).toBe('training');
    expect(roles('model_fit.py')).toBe('training');
    expect(roles('src/data/load.py')).toBe('data');
    expect(roles('pipelines/etl.py')).toBe('data');
    expect(roles('src/datasets.py')).toBe('data');
    expect(roles('src/feature_store/features.py')).toBe('data');
    expect(roles('preprocess.py')).toBe('data');
    expect(roles('src/train/dataloader.py')).toBe('training data');
    expect(roles('serve/app.py')).toBe('serving');
    expect(roles('src/api/routes.py')).toBe('serving');
    expect(roles('inference.py')).toBe('serving');
    expect(roles('src/predictor.py')).toBe('serving');
  });

  it('does not read words inside other words', () => {
    for (const path of [
      'src/constraint.py', // "train" inside a word
      'src/outfit.py',
      'src/metadata.py',
      'src/trainable_params.py',
      'src/fitness.py',
      'src/apis_doc.py',
      'src/utils.py',
      'src/model.py',
    ]) {
      expect(roles(path), path).toBe('');
    }
  });

  it('gives tests no role', () => {
    for (const path of [
      'tests/train.py',
      'test/data/load.py',
      'src/test_train.py',
      'src/train_test.py',
      'src/train/conftest.py',
      'notebooks/test_train.ipynb',
    ]) {
      expect(isTestPath(path), path).toBe(true);
      expect(rolesByPath(path), path).toEqual({
        training: false,
        dataLoading: false,
        serving: false,
      });
      expect(roles(path, 'model.fit(X)\ndf = pd.read_csv(p)\n'), path).toBe('');
    }
    expect(isTestPath('src/testing_utils.py')).toBe(false);
    expect(isTestPath('src/contest.py')).toBe(false);
  });
});

describe('configuration written in Python', () => {
  it('has no role, so its literals are not magic and it is not training code', () => {
    for (const path of [
      'config/train_gpt2.py',
      'configs/finetune.py',
      'src/train/config.py',
      'src/train/train_config.py',
      'conf/data/loader.py',
      'src/cfg/serve.py',
      'settings.py',
      'src/hparams.py',
    ]) {
      expect(isConfigPath(path), path).toBe(true);
      expect(roles(path, 'model.fit(X)\ndf = pd.read_csv(p)\n'), path).toBe('');
      expect(findMagicNumbers(path, 'lr = 0.1\n'), path).toEqual([]);
    }
    // Words that only contain a config word are not one.
    for (const path of ['configurator.py', 'src/train/reconfigure.py', 'src/confusion.py']) {
      expect(isConfigPath(path), path).toBe(false);
    }
    expect(findMagicNumbers('src/train/configurator_train.py', 'lr = 0.1\n')).toHaveLength(1);
  });
});

describe('code roles by content', () => {
  it('marks training code by its calls', () => {
    expect(roles('src/model.py', 'clf.fit(X, y)')).toBe('training');
    expect(roles('src/model.py', 'loss.backward()')).toBe('training');
    expect(roles('src/model.py', 'self.optimizer.step()')).toBe('training');
    expect(roles('src/model.py', 'opt.step()')).toBe('training');
    expect(roles('src/model.py', 'trainer = pl.Trainer(max_epochs=1)')).toBe('training');
    expect(roles('src/model.py', 'SFTTrainer(model)')).toBe('training');
  });

  it('marks data-loading code by its calls', () => {
    expect(roles('src/x.py', 'df = pd.read_csv("a.csv")')).toBe('data');
    expect(roles('src/x.py', 'df = pandas.read_parquet(p)')).toBe('data');
    expect(roles('src/x.py', 'df = pl.scan_parquet(p)')).toBe('data');
    expect(roles('src/x.py', 'dl = DataLoader(ds)')).toBe('data');
    expect(roles('src/x.py', 'dl = torch.utils.data.DataLoader(ds)')).toBe('data');
    expect(roles('src/x.py', 'ds = load_dataset("imdb")')).toBe('data');
    expect(roles('src/x.py', 'ds = tf.data.Dataset.from_tensor_slices(x)')).toBe('data');
  });

  it('ignores look-alikes: other owners, no call, comments and strings', () => {
    for (const text of [
      'scheduler.step()',
      'x.fit',
      'fit(x)',
      'self.fit = 1',
      'reader.read_csv(p)',
      'DataLoader',
      '# model.fit(X)',
      's = "loss.backward()"',
      '"""pd.read_csv(p)"""',
      'tf.data',
    ]) {
      expect(roles('src/x.py', text), text).toBe('');
    }
  });
});
