/**
 * The repository the integration tests audit: two items, fix commits to one of them, the
 * inventory committed (so a clone, shallow or not, carries it). Fixed dates and identities.
 */
import type { CommitSpec } from '../../scripts/lib/repo-builder.js';

const ana = { name: 'Ana', email: 'ana@example.com' };
const bo = { name: 'Bo', email: 'bo@example.com' };

export const INVENTORY = `version: 1
project: action-demo
items:
  - id: DATA-001
    title: Features are not validated
    category: data
    owner: ana
    risk: 3
    frequency: 2
    cost_of_delay: 2
    paths: ['src/features/**']
  - id: SERV-001
    title: Serving has no timeout
    category: infrastructure
    owner: bo
    risk: 2
    frequency: 1
    cost_of_delay: 1
    paths: ['src/serving/app.py']
`;

/** Three commits, two of them fixes to the features, and the inventory committed. */
export const COMMITS: CommitSpec[] = [
  {
    date: '2026-03-01T09:00:00Z',
    author: ana,
    message: 'Initial import',
    files: {
      'src/features/build.py': 'def build():\n    return 1\n',
      'src/serving/app.py': 'app = 1\n',
      'debt.yaml': INVENTORY,
    },
  },
  {
    date: '2026-04-01T09:00:00Z',
    author: bo,
    message: 'fix: null features',
    files: { 'src/features/build.py': 'def build():\n    return 2\n' },
  },
  {
    date: '2026-05-01T09:00:00Z',
    author: ana,
    message: 'fix: negative amounts',
    files: { 'src/features/build.py': 'def build():\n    return 3\n' },
  },
];
