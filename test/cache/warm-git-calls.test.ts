/**
 * What a warm re-run still asks git: no listing of commits, no walk, and the repository found
 * with one `rev-parse` (every git spawned costs the run's one thread ~15 ms on a loaded
 * 2-core machine, a budget the warm run cannot spare).
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/index.js';
import { makeRepo, tempDir } from '../helpers/audit-repo.js';
import { countingGit } from '../helpers/git-calls.js';
import { commits, inventory } from '../helpers/scenario.js';

const temp = tempDir('warm-git-calls');
afterAll(temp.remove);
const repo = makeRepo(temp.dir, 'repo', commits, inventory);

describe('a warm re-run', () => {
  it('lists no commits, walks none, and asks git about the repository in as few processes as it can', async () => {
    const cacheHome = join(temp.dir, 'cache');
    const run = async (name: string) => {
      const git = countingGit(temp.dir, name, repo);
      await audit({ cwd: repo, env: { ...git.env, XDG_CACHE_HOME: cacheHome } });
      return git;
    };
    const cold = await run('cold');
    expect(cold.calls('rev-list --no-merges')).toBe(1);
    const warm = await run('warm');
    expect(warm.calls('rev-list')).toBe(0);
    expect(warm.passes()).toBe(0);
    // Both questions in one process: is this a working tree, and where is its top level.
    expect(warm.calls('rev-parse --is-inside-work-tree --show-toplevel')).toBe(1);
    expect(warm.calls('--show-toplevel')).toBe(1);
    // The cache key's replace refs come with its rev-parse of the git directories.
    expect(warm.calls('for-each-ref')).toBe(0);
  });
});
