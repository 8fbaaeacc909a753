/**
 * ML practice findings through the whole pipeline, on a real repository with each case and
 * its near-miss: a plain model next to an LFS-tracked one, a dataset DVC tracks, unpinned
 * requirements beside pinned ones and beside a lock file, a training script with a tracking
 * import and one without, literals in code and values read from configuration, data loading
 * with no validation import. Each finding lands on the item whose files hold it, raises its
 * risk by the configured amount, shows in `explain`, and `scan` and `init` see the same.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommitSpec } from '../../scripts/lib/repo-builder.js';
import { audit, renderExplain, renderScan, scan } from '../../src/index.js';
import { init } from '../../src/commands/init.js';
import { renderReport } from '../../src/report/registry.js';
import type { ScoredItem } from '../../src/model/index.js';
import { resolveSettings } from '../../src/inventory/settings.js';
import { examinePython } from '../../src/signals/practices/examine-python.js';
import { inventoryOf, itemYaml, makeRepo, tempDir, testEnv } from '../helpers/audit-repo.js';

const temp = tempDir('practices-pipeline');
afterAll(temp.remove);

const ana = { name: 'Ana', email: 'ana@example.com' };

const files0: Record<string, string> = {
  '.gitattributes': 'models/lfs/*.pt filter=lfs diff=lfs merge=lfs -text\n',
  'models/plain.pt': '\u0000\u0001weights',
  'models/lfs/big.pt': '\u0000\u0002weights',
  'data/train.csv.dvc': 'outs:\n- md5: 0123456789abcdef0123456789abcdef\n  path: train.csv\n',
  'data/.gitignore': '/train.csv\n',
  'data/load.py': 'import pandas as pd\n\ndef load():\n    return pd.read_csv("data/train.csv")\n',
  'svc/requirements.txt': 'numpy\ntorch==2.1.0\npandas>=2\n',
  'pinned/requirements.txt': 'numpy==1.26.4\ntorch==2.1.0\n',
  'locked/pyproject.toml': '[project]\nname = "x"\nversion = "0"\ndependencies = ["numpy"]\n',
  'locked/uv.lock': 'version = 1\n',
  'train/train_a.py':
    'import mlflow\n\ndef main(model, X, y):\n    lr = 0.01\n    model.fit(X, y)\n    mlflow.log_param("lr", lr)\n',
  'train/train_c.py': 'def main(model, X, y, args):\n    lr = args.lr\n    model.fit(X, y)\n',
  'train/train_b.py': 'def main(model, X, y):\n    model.fit(X, y, epochs=10, batch_size=32)\n',
};

const history: CommitSpec[] = [
  { date: '2024-03-01T12:00:00Z', author: ana, message: 'Initial import', files: files0 },
];

const items = [
  itemYaml('DATA-001', ['models/**', 'data/**']),
  itemYaml('REPRO-002', ['svc/**', 'pinned/**', 'locked/**']),
  itemYaml('TRAIN-003', ['train/train_a.py', 'train/train_c.py']),
  itemYaml('TRAIN-004', ['train/train_b.py']),
];
const repo = makeRepo(temp.dir, 'repo', history, inventoryOf(items));

const practicesOf = (item: ScoredItem) =>
  (item.signals.practices ?? []).map((f) => [f.kind, f.file, f.line]);
const byId = (list: readonly ScoredItem[], id: string) => list.find((i) => i.id === id)!;

describe('practice findings in the audit', () => {
  it('puts each finding on the item whose files hold it, and raises its risk', async () => {
    const { report } = await audit({ cwd: repo, env: testEnv(repo) });
    expect(practicesOf(byId(report.items, 'DATA-001'))).toEqual([
      ['no-validation', 'data/load.py', null],
      ['data-in-git', 'models/plain.pt', null],
    ]);
    expect(practicesOf(byId(report.items, 'REPRO-002'))).toEqual([
      ['unpinned-dependency', 'svc/requirements.txt', 1],
    ]);
    expect(practicesOf(byId(report.items, 'TRAIN-003'))).toEqual([
      ['magic-number', 'train/train_a.py', 4],
    ]);
    expect(practicesOf(byId(report.items, 'TRAIN-004'))).toEqual([
      ['magic-number', 'train/train_b.py', 2],
      ['no-tracking', 'train/train_b.py', null],
    ]);
    const data = byId(report.items, 'DATA-001');
    expect(data.risk.reasons).toEqual([
      '+1 practice finding: data-in-git',
      '+1 practice finding: no-validation',
    ]);
    expect(data.risk.effective).toBe(4);
    expect(report.settings.practiceRisk['magic-number']).toBe(1);
  });

  it('raises risk by the configured amount per kind; 0 shows the finding and raises nothing', async () => {
    const config = join(temp.dir, 'weights.yaml');
    writeFileSync(
      config,
      inventoryOf(
        items,
        'settings:\n  practices:\n    risk:\n      magic-number: 0\n      no-tracking: 2\n',
      ),
    );
    const { report } = await audit({ cwd: repo, env: testEnv(repo), config });
    const four = byId(report.items, 'TRAIN-004');
    expect(practicesOf(four)).toHaveLength(2);
    expect(four.risk.reasons).toEqual(['+2 practice finding: no-tracking']);
    expect(byId(report.items, 'TRAIN-003').risk.reasons).toEqual([]);
  });

  it('explains each finding with why it matters and its fix, and shows it in every format', async () => {
    const { report } = await audit({ cwd: repo, env: testEnv(repo) });
    const text = renderExplain(report, byId(report.items, 'TRAIN-004'));
    expect(text).toContain('practice no-tracking: train/train_b.py: no tracking import');
    expect(text).toContain('no-tracking: why it matters:');
    expect(text).toContain('magic-number: fix: Read them from a versioned config file');
    const options = { color: false };
    expect(await renderReport(report, 'markdown', options)).toContain('- Practice findings:');
    expect(await renderReport(report, 'csv', options)).toContain('magic-number 1; no-tracking 1');
    expect(await renderReport(report, 'sarif', options)).toContain('mldebt/practice-data-in-git');
    expect(await renderReport(report, 'github', options)).toContain(
      '::notice file=models/plain.pt,title=DATA-001 data-in-git::',
    );
    expect(await renderReport(report, 'html', options)).toContain('Practice findings:');
    expect(await renderReport(report, 'table', options)).toContain('practice: 1 data-in-git');
  });
});

describe('practice findings in scan and init', () => {
  it('scan lists every finding, hints per top-level directory', async () => {
    const { report } = await scan({ cwd: repo, env: testEnv(repo), inventory: false });
    const found = report.rows
      .flatMap((row) => row.practiceFindings ?? [])
      .map((f) => `${f.kind} ${f.file}`)
      .sort();
    expect(found).toEqual([
      'data-in-git models/plain.pt',
      'magic-number train/train_a.py',
      'magic-number train/train_b.py',
      'no-validation data/load.py',
      'unpinned-dependency svc/requirements.txt',
    ]);
    // train/ holds mlflow's import: one set, no tracking hint for it.
    const markdown = await renderScan(report, 'markdown', { color: false });
    expect(markdown).toContain('## ML practice findings');
    expect(markdown).toContain('- data-in-git in `models/plain.pt`');
  });

  it('init seeds one item per kind, in the category the kind belongs to', async () => {
    const fresh = makeRepo(temp.dir, 'fresh', history);
    const result = await init({ cwd: fresh, env: testEnv(fresh) });
    const seeded = result.suggestions.filter((s) => s.row === null);
    expect(seeded.map((s) => [s.category, s.paths])).toEqual([
      ['data', ['models/plain.pt']],
      ['reproducibility', ['svc/requirements.txt']],
      ['configuration', ['train/train_a.py', 'train/train_b.py']],
      ['monitoring', ['data/load.py']],
    ]);
    expect(result.content).toContain(
      'Literal hyperparameters in training and serving code: 2 files',
    );
  });
});

describe('one examination per listing', () => {
  it('reads each file once for every context sharing a listing (trend points)', async () => {
    const copy = makeRepo(temp.dir, 'listing', history);
    const files = Object.keys(files0).sort();
    const input = {
      root: copy,
      head: null,
      files,
      selected: null,
      settings: resolveSettings({}).practices,
    };
    const first = await examinePython(input);
    expect(first.findings.map((f) => f.file)).toEqual(['train/train_a.py', 'train/train_b.py']);
    // Gone from the working tree: a second context of the same listing does not read it again.
    rmSync(join(copy, 'train/train_b.py'));
    const second = await examinePython(input);
    expect(second.findings).toEqual(first.findings);
    // A new listing reads afresh, and says what it could not read.
    const fresh = await examinePython({ ...input, files: [...files] });
    expect(fresh.findings.map((f) => f.file)).toEqual(['train/train_a.py']);
    expect(fresh.unread).toEqual(['train/train_b.py (unreadable)']);
  });
});

describe('outside git', () => {
  it('says data files were not checked, and still finds what the working tree shows', async () => {
    const dir = join(temp.dir, 'plain');
    mkdirSync(join(dir, 'train'), { recursive: true });
    writeFileSync(join(dir, 'model.pkl'), '\u0000pickle');
    writeFileSync(join(dir, 'requirements.txt'), 'numpy\n');
    writeFileSync(join(dir, 'train/train.py'), 'lr = 0.1\nmodel.fit(x)\n');
    writeFileSync(join(dir, 'debt.yaml'), inventoryOf([itemYaml('ALL-001', ['**'])]));
    const { report } = await audit({ cwd: dir, env: testEnv(dir) });
    expect(practicesOf(report.items[0]!).map(([kind]) => kind)).toEqual([
      'unpinned-dependency',
      'magic-number',
      'no-tracking',
    ]);
    expect(report.notes.map((n) => n.code)).toContain('data-files-not-measured');
  });
});
