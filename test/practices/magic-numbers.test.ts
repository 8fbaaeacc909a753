/**
 * Literal hyperparameters: the forms that count (assignments, keyword arguments, dict
 * entries, seeding calls; scientific notation, signs, multi-line calls) and the near-misses
 * that do not (values read from config, argparse defaults, parameter defaults, config
 * classes, comments and strings, other names), then the per-file finding and which files
 * are read at all (training and serving code, never tests).
 */
import { describe, expect, it } from 'vitest';
import { findMagicNumbers } from '../../src/signals/practices/magic-numbers.js';
import { isHyperparameterName } from '../../src/signals/practices/python-magic.js';
import { scanPython } from '../../src/signals/practices/scan-python.js';

const magicOf = (text: string) =>
  scanPython(text).magic.map((m) => `${m.form} ${m.name}=${m.value} l.${m.line}`);

describe('scanPython magic numbers', () => {
  it('finds literal assignments to hyperparameter names, attributes and annotated names', () => {
    const text = [
      'lr = 3e-4',
      'self.batch_size = 32',
      'cfg.model.dropout = 0.1',
      'learning_rate: float = 1E-3',
      'max_epochs: Optional[int] = 10',
      'LEARNING_RATE = 0.001  # a module constant is still a literal in code',
      'seed = -1',
      'threshold = +0.5',
      'weight_decay = 1_000e-7;',
      'if x: momentum = .9',
    ].join('\n');
    expect(magicOf(text)).toEqual([
      'assignment lr=3e-4 l.1',
      'assignment batch_size=32 l.2',
      'assignment dropout=0.1 l.3',
      'assignment learning_rate=1E-3 l.4',
      'assignment max_epochs=10 l.5',
      'assignment LEARNING_RATE=0.001 l.6',
      'assignment seed=-1 l.7',
      'assignment threshold=0.5 l.8',
      'assignment weight_decay=1_000e-7 l.9',
      'assignment momentum=.9 l.10',
    ]);
  });

  it('finds keyword arguments, also in calls over several lines, and dict literal entries', () => {
    const text = [
      'opt = torch.optim.AdamW(',
      '    model.parameters(),',
      '    lr=5e-5,  # tuned by hand',
      '    weight_decay=0.01,',
      ')',
      'loader = DataLoader(ds, batch_size=64, shuffle=True)',
      'X_tr, X_te = train_test_split(X, test_size=0.2, random_state=42)',
      'params = {"lr": 0.1, \'num_epochs\': 20, "name": "x"}',
      'sched = dict(',
      '    max_lr=-1e-2)',
    ].join('\n');
    expect(magicOf(text)).toEqual([
      'keyword lr=5e-5 l.3',
      'keyword weight_decay=0.01 l.4',
      'keyword batch_size=64 l.6',
      'keyword random_state=42 l.7',
      'dict lr=0.1 l.8',
      'dict num_epochs=20 l.8',
      'keyword max_lr=-1e-2 l.10',
    ]);
  });

  it('finds seeding calls with a literal first argument', () => {
    const text = [
      'torch.manual_seed(42)',
      'np.random.seed(0)',
      'random.seed(1234)',
      'set_seed(7)',
      'pl.seed_everything(3, workers=True)',
      'torch.cuda.manual_seed_all(',
      '    11)',
      'torch.manual_seed(args.seed)',
      'random.seed()',
      'def set_seed(seed):',
      '    pass',
      'random.seed(a + 1)',
    ].join('\n');
    expect(magicOf(text)).toEqual([
      'call torch.manual_seed=42 l.1',
      'call np.random.seed=0 l.2',
      'call random.seed=1234 l.3',
      'call set_seed=7 l.4',
      'call pl.seed_everything=3 l.5',
      'call torch.cuda.manual_seed_all=11 l.6',
    ]);
  });

  it('does not count values read from configuration, the command line or the environment', () => {
    const text = [
      'lr = args.lr',
      'lr = cfg["lr"]',
      'batch_size = config.batch_size',
      'seed = int(os.environ["SEED"])',
      'lr = cfg.get("lr", 0.01)',
      'lr = 0.1 * scale',
      'lr = 0.1 if fast else 0.01',
      'opt = Adam(params, lr=args.lr, weight_decay=cfg["wd"])',
      'opt = Adam(params, lr=0.1 * k)',
      'params = {"lr": args.lr, "batch_size": 2 * n}',
      'parser.add_argument("--lr", type=float, default=0.01)',
      'parser.add_argument("--seed", default=42, help="seed = 42")',
      'parser.set_defaults(lr=0.01, batch_size=32)',
      '@click.option("--batch-size", default=32)',
      'def main(batch_size): pass',
    ].join('\n');
    expect(magicOf(text)).toEqual([]);
  });

  it('does not count parameter defaults, config class fields, comments, strings or other names', () => {
    const text = [
      'def train(model, lr=0.01, *, epochs: int = 10, seed=42):',
      '    lr_scale = 2',
      '    return lambda: lr',
      'class TrainConfig:',
      '    lr: float = 3e-4',
      '    batch_size = 32',
      '    def scaled(self):',
      '        self.lr = 0.5',
      'class Net(nn.Module):',
      '    dropout = 0.2',
      '# lr = 0.1',
      's = "lr = 0.1"',
      'doc = """',
      'batch_size = 32',
      '"""',
      'hidden_size = 128',
      'lr, bs = 0.1, 32',
      'lr *= 0.1',
      'hp["lr"] = 0.1',
      'lr = lr_base = 0.1',
      'use_gpu = True',
      'seed = None',
      'x = f(lr := 0.1)',
    ].join('\n');
    // Only the method body's assignment (a literal set at run time) and the plain class's
    // field (a model class is not configuration) count.
    expect(magicOf(text)).toEqual(['assignment lr=0.5 l.8', 'assignment dropout=0.2 l.10']);
  });

  it('matches the documented names only', () => {
    for (const name of [
      'lr',
      'base_lr',
      'Learning_Rate',
      'encoder_learning_rate',
      'batch_size',
      'per_device_train_batch_size',
      'seed',
      'data_seed',
      'random_state',
      'threshold',
      'iou_thresh',
      'conf_thres',
      'epochs',
      'num_epochs',
      'dropout',
      'attn_dropout',
      'dropout_rate',
      'weight_decay',
      'momentum',
      'SEED',
    ]) {
      expect(isHyperparameterName(name), name).toBe(true);
    }
    for (const name of [
      'bs',
      'lr_scheduler',
      'learning_rates',
      'batch',
      'seeds',
      'epoch',
      'thresholds',
      'thresholding',
      'steps',
      'hidden_size',
      'alr',
      'batch_size_fn',
      'random_states',
    ]) {
      expect(isHyperparameterName(name), name).toBe(false);
    }
  });
});

describe('findMagicNumbers', () => {
  const training = [
    'import torch',
    'lr = 3e-4',
    'EPOCHS = 10',
    'torch.manual_seed(42)',
    'opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9,',
    '                      weight_decay=5e-4)',
    'threshold = 0.5',
  ].join('\n');

  it('gives one finding per file: the count, the first line, up to five names and values', () => {
    expect(findMagicNumbers('src/train.py', training)).toEqual([
      {
        kind: 'magic-number',
        file: 'src/train.py',
        line: 2,
        count: 7,
        detail:
          '7 literal hyperparameters: lr=3e-4 (l.2), EPOCHS=10 (l.3), ' +
          'torch.manual_seed(42) (l.4), lr=0.1 (l.5), momentum=0.9 (l.5), …',
      },
    ]);
    expect(findMagicNumbers('serve/app.py', 'threshold = 0.7\n')).toEqual([
      {
        kind: 'magic-number',
        file: 'serve/app.py',
        line: 1,
        count: 1,
        detail: '1 literal hyperparameter: threshold=0.7 (l.1)',
      },
    ]);
  });

  it('takes the number listed and the minimum count as options', () => {
    const [finding] = findMagicNumbers('train.py', training, { listed: 1 });
    expect(finding?.detail).toBe('7 literal hyperparameters: lr=3e-4 (l.2), …');
    expect(findMagicNumbers('train.py', training, { minCount: 8 })).toEqual([]);
    expect(findMagicNumbers('train.py', training, { minCount: 7 })).toHaveLength(1);
  });

  it('reads training and serving code (by path or by its calls), never tests or other code', () => {
    const lr = 'lr = 0.01\n';
    expect(findMagicNumbers('src/models/trainer.py', lr)).toHaveLength(1);
    expect(findMagicNumbers('finetune_bert.py', lr)).toHaveLength(1);
    expect(findMagicNumbers('api/predict.py', lr)).toHaveLength(1);
    expect(findMagicNumbers('src/inference/run.py', lr)).toHaveLength(1);
    // A model file that trains: its calls say so.
    expect(findMagicNumbers('src/model.py', `${lr}model.fit(X, y)\n`)).toHaveLength(1);
    expect(findMagicNumbers('src/model.py', lr)).toEqual([]);
    // A call named only in a comment or string does not make training code.
    expect(
      findMagicNumbers('src/model.py', `${lr}# model.fit(X, y)\ns = "loss.backward()"\n`),
    ).toEqual([]);
    expect(findMagicNumbers('src/utils.py', lr)).toEqual([]);
    expect(findMagicNumbers('tests/test_train.py', lr)).toEqual([]);
    expect(findMagicNumbers('src/train_test.py', lr)).toEqual([]);
    expect(findMagicNumbers('test_train.py', lr)).toEqual([]);
    expect(findMagicNumbers('src/train/conftest.py', lr)).toEqual([]);
    expect(findMagicNumbers('train.txt', lr)).toEqual([]);
    expect(findMagicNumbers('src/train.py', '# lr = 0.01\n')).toEqual([]);
  });

  it('never fails on malformed input', () => {
    expect(findMagicNumbers('train.py', 'lr = (\n\u0000\u00ff"""')).toEqual([]);
    expect(findMagicNumbers('train.ipynb', '{not json')).toEqual([]);
    expect(findMagicNumbers('train.ipynb', '[1, 2]')).toEqual([]);
  });
});
