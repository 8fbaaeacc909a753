// The demo's sprint plan (`node bin/mldebt.js plan --repo <demo> --config debt.example.yaml`):
// a 10-day debt sprint from settings.capacity, the hot stage 1 items first, the feature-store
// migration too large for one sprint, and the model card waiting for an estimate.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateDemoCommits,
  loadDemoSpec,
  writeDemoWorkingTree,
} from '../../scripts/lib/demo-history.js';
import { buildRepo } from '../../scripts/lib/repo-builder.js';
import { plan } from '../../src/index.js';
import { testEnv } from '../helpers/audit-repo.js';

const config = fileURLToPath(new URL('../../debt.example.yaml', import.meta.url));
const coverage = fileURLToPath(
  new URL('../../fixtures/demo/coverage/coverage.xml', import.meta.url),
);

let work: string;
let repo: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'mldebt-demo-plan-'));
  repo = join(work, 'repo');
  const spec = loadDemoSpec();
  buildRepo(repo, generateDemoCommits(spec));
  writeDemoWorkingTree(repo, spec);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

const planDemo = async (extra: { coverage?: string[] } = {}) =>
  (await plan({ cwd: work, env: testEnv(work), repo, config, ...extra })).plan;

describe('the demo plan', () => {
  it('fills the 10-day sprint: stage 1 first, one item to split, one to estimate', async () => {
    const result = await planDemo();
    expect(result.capacity).toBe(10);
    expect(result.capacitySource).toMatchObject({ engineers: 5, sprint: '2w', share: 0.2 });
    // PIPE-001's practice findings (training code with no tracking import, data loading with
    // no validation import) raise its risk into stage 1.
    expect(result.planned.map((p) => [p.id, p.stage, p.cumulative])).toEqual([
      ['DATA-001', 1, 5],
      ['PIPE-001', 1, 8],
      ['CONF-001', 2, 9],
      ['INFRA-001', 2, 9.75],
    ]);
    const stages = result.planned.map((p) => p.stage);
    expect(stages).toEqual([...stages].sort());
    expect(result.doesNotFit[0]).toMatchObject({
      id: 'MODEL-001',
      stage: 1,
      effort: 15,
      reason: 'larger-than-capacity',
    });
    expect(result.doesNotFit.slice(1).every((u) => u.reason === 'does-not-fit')).toBe(true);
    expect(result.needsEstimate).toEqual(['MODEL-003']);
    expect(result.scoreShare).toBe(0.52);
  });

  it('keeps PIPE-001 in stage 1 with coverage too (npm run demo passes it)', async () => {
    const result = await planDemo({ coverage: [coverage] });
    expect(result.planned.map((p) => [p.id, p.stage])).toEqual([
      ['DATA-001', 1],
      ['PIPE-001', 1],
      ['CONF-001', 2],
      ['INFRA-001', 2],
    ]);
    expect(result.doesNotFit.map((u) => u.id)).toContain('MODEL-001');
    expect(result.needsEstimate).toEqual(['MODEL-003']);
  });
});
