/**
 * The end-to-end scenario shared by the CLI tests: a small repository with fixed dates and
 * identities (fix commits, a rename, a merged side branch, a binary file, a .mailmap,
 * commits on both edges of the window) and an inventory over it.
 */
import type { CommitSpec } from '../../scripts/lib/repo-builder.js';

const ana = { name: 'Ana', email: 'ana@example.com' };
const anaOld = { name: 'Ana', email: 'ana.old@example.com' };
const bo = { name: 'Bo', email: 'bo@example.com' };
const cy = { name: 'Cy', email: 'cy@example.com' };

const transforms = 'def a():\n    return 1\n\n';
// HEAD is 2026-06-30T12:00:00Z; the default 180-day window starts 2026-01-01T12:00:00Z.
export const commits: CommitSpec[] = [
  {
    date: '2025-06-01T09:00:00Z',
    author: ana,
    message: 'Initial import',
    files: {
      '.mailmap': 'Ana <ana@example.com> <ana.old@example.com>\n',
      'src/features/transforms.py': transforms,
      'src/serving/app.py': 'app = 1\n',
      'README.md': '# demo\n',
    },
  },
  {
    date: '2025-12-31T10:00:00Z',
    author: bo,
    message: 'fix: old bug before the window',
    files: { 'src/features/transforms.py': `${transforms}b = 2\n` },
  },
  {
    // Exactly the window start: inclusive.
    date: '2026-01-01T12:00:00Z',
    author: anaOld,
    message: 'fix: boundary case',
    files: { 'src/features/transforms.py': `${transforms}b = 2\nc = 3\n` },
  },
  {
    date: '2026-02-10T10:00:00Z',
    author: bo,
    message: 'Rename transforms to transform_ops',
    renames: [['src/features/transforms.py', 'src/features/transform_ops.py']],
    files: { 'src/features/transform_ops.py': `${transforms}b = 2\nc = 3\nd = 4\n` },
  },
  {
    date: '2026-03-05T10:00:00Z',
    author: cy,
    branch: 'feat',
    from: 'main',
    message: 'Add drift monitor',
    files: { 'src/monitoring/drift.py': 'THRESHOLD = 0.1\n' },
  },
  {
    date: '2026-03-06T10:00:00Z',
    author: cy,
    branch: 'feat',
    message: 'fix: drift threshold too tight',
    files: { 'src/monitoring/drift.py': 'THRESHOLD = 0.2\n' },
  },
  {
    id: 'hotfix',
    date: '2026-03-10T10:00:00Z',
    author: ana,
    message: 'hotfix: serving crash on empty batch',
    files: { 'src/serving/app.py': 'app = 1\nif not batch: pass\n' },
  },
  {
    date: '2026-03-12T10:00:00Z',
    author: ana,
    message: 'Merge branch feat (a fix in the merge subject must not count)',
    merge: ['feat'],
  },
  {
    date: '2026-04-01T10:00:00Z',
    author: bo,
    message: 'Add model weights',
    files: { 'models/m.bin': 'BIN\u0000\u0001\u0002' },
  },
  {
    date: '2026-06-30T12:00:00Z',
    author: ana,
    message: 'Fix feature nulls',
    files: {
      'src/features/transform_ops.py': `${transforms}b = 2\nc = 3\nd = 4\ne = 5\nf = 6\n`,
      'src/serving/app.py': 'app = 1\nif not batch: pass\nlog = 1\n',
    },
  },
];

// FEAT-001's transforms are data-loading code with no validation import: a practice hint
// that is shown and, by this setting, raises nothing, so the scores the CLI tests were
// written for stay (practice findings have their own tests in test/practices/).
export const inventory = `version: 1
project: e2e
settings:
  practices:
    risk:
      no-validation: 0
items:
  - id: FEAT-001
    title: Feature transforms unvalidated
    category: data
    risk: 3
    cost_of_delay: 2
    paths: [src/features/transform_ops.py]
  - id: SERV-002
    title: Serving has no batch guard
    category: infrastructure
    owner: ana
    risk: 4
    frequency: 1
    cost_of_delay: 3
    paths: ["src/serving/**"]
    incidents:
      - { date: 2026-05-01, ref: INC-1, summary: empty batch outage }
      - { date: 2025-01-01, ref: INC-0, summary: before the window }
  - id: MON-003
    title: Drift monitor threshold is a guess
    category: monitoring
    risk: 2
    cost_of_delay: 1
    due: 2026-06-01
    paths: ["src/monitoring/**"]
  - id: MODEL-004
    title: Weights committed to git
    category: model
    risk: 1
    cost_of_delay: { amount: 2600, per: month }
    tags: [compliance]
    paths: ["models/**"]
  - id: TYPO-005
    title: A glob with a typo
    category: pipeline
    risk: 2
    cost_of_delay: 2
    paths: ["src/featurs/**"]
  - id: ACC-006
    title: Accepted debt
    category: testing
    status: accepted
    risk: 5
    cost_of_delay: 5
    paths: ["README.md"]
`;
