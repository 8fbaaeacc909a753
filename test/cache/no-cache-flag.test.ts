/**
 * `--no-cache` on every command that reads history: accepted (commander refuses an unknown
 * option with exit 2 before anything runs) and listed in its help. commander hands it to the
 * pipeline as `cache: false`, the RunOptions field that bypasses the history cache.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/audit-repo.js';
import { runInProcess } from '../helpers/run-in-process.js';

const temp = tempDir('no-cache');
afterAll(temp.remove);
const missing = join(temp.dir, 'no-such-repo');

describe('--no-cache', () => {
  it.each([['audit'], ['export'], ['explain', 'FEAT-001'], ['plan'], ['trend'], ['scan']])(
    'is taken by %s',
    async (command, ...args) => {
      // A missing --repo: the run gets past option parsing and stops at once, without git.
      const result = await runInProcess([command, ...args, '--no-cache', '--repo', missing], {
        cwd: temp.dir,
      });
      expect(result.stderr).toBe(`mldebt: repository not found: ${missing} does not exist\n`);
      expect(result.status).toBe(2);
      const help = await runInProcess([command, '--help'], { cwd: temp.dir });
      expect(help.stdout).toMatch(/--no-cache +neither read nor write the history cache/);
    },
  );
});
