/**
 * The checked inventory kept in the cache directory: a re-run on the same bytes reads it back
 * (and reports byte for byte what a cold run and `--no-cache` do, warnings and their
 * positions included) without loading the YAML and schema libraries; other bytes, another
 * name, a damaged file or `--no-cache` never read it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { audit } from '../../src/index.js';
import { loadInventory } from '../../src/inventory/index.js';
import { checkInventoryBytes } from '../../src/inventory/check.js';
import { renderReport } from '../../src/report/registry.js';
import { makeRepo, tempDir, testEnv } from '../helpers/audit-repo.js';
import { moduleLogger } from '../helpers/loaded-modules.js';
import { commits, inventory } from '../helpers/scenario.js';

const temp = tempDir('kept-inventory');
afterAll(temp.remove);
const repo = makeRepo(temp.dir, 'repo', commits);
const KEPT = /^inventory: the check an earlier run made/;

// What a kept check must carry over: an own `__proto__` tag (zod would drop it), an unused
// anchor (a warning with its position), a glob with a typo (a warning at the glob) and a
// resolved item (its position for the reconciliation's warnings).
const text = `${inventory.replace(
  'settings:\n',
  'settings:\n  tag_multipliers: { __proto__: 2, compliance: 1.5 }\n',
)}  - id: OLD-007
    title: &unused Old serving debt
    category: model
    status: resolved
    resolved: 2026-05-01
    risk: 1
    cost_of_delay: 1
    paths: ["src/serving/**"]
`;
const config = join(temp.dir, 'debt.yaml');
writeFileSync(config, text);

let homes = 0;
function cacheHome(): string {
  return join(temp.dir, `cache-${++homes}`);
}

/** An audit's JSON report and warnings, whether it read the kept check, and its notices. */
async function run(home: string, options: { cache?: boolean; config?: string; cwd?: string } = {}) {
  const debug: string[] = [];
  const notices: string[] = [];
  const { report } = await audit({
    cwd: options.cwd ?? repo,
    repo,
    config: options.config ?? config,
    env: testEnv(repo, { XDG_CACHE_HOME: home }),
    onDebug: (line) => debug.push(line),
    onNotice: (line) => notices.push(line),
    ...(options.cache === false ? { cache: false } : {}),
  });
  return {
    json: await renderReport(report, 'json', { color: false }),
    warnings: report.warnings,
    kept: debug.some((line) => KEPT.test(line)),
    notices,
  };
}

function keptFiles(home: string): string[] {
  const dir = join(home, 'mldebt');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /^[0-9a-f]{64}\.inventory$/.test(name))
    .map((name) => join(dir, name));
}

describe('the kept inventory check', () => {
  it('is read back by a re-run on the same bytes, which reports what a cold run does', async () => {
    const home = cacheHome();
    const cold = await run(home);
    expect(cold.kept).toBe(false);
    expect(keptFiles(home)).toHaveLength(1);
    const warm = await run(home);
    expect(warm.kept).toBe(true);
    expect(warm.json).toBe(cold.json);
    expect(warm.notices).toEqual([]);
    expect(warm.json).toBe((await run(cacheHome(), { cache: false })).json);
    // The positions came along: the anchor's, the typo's glob and the resolved item's.
    const located = (code: string) =>
      warm.warnings.filter((w) => w.code === code).map((w) => w.location?.line);
    expect(located('yaml-anchor')).toEqual([
      text.split('\n').indexOf('    title: &unused Old serving debt') + 1,
    ]);
    expect(located('glob-no-match')).toEqual([
      text.split('\n').indexOf('    paths: ["src/featurs/**"]') + 1,
    ]);
  });

  it('reads back the very object the check makes', async () => {
    const home = cacheHome();
    const notices: string[] = [];
    const keep = {
      root: repo,
      env: testEnv(repo, { XDG_CACHE_HOME: home }),
      onNotice: (line: string) => notices.push(line),
    };
    const fresh = checkInventoryBytes(readFileSync(config), 'debt.yaml');
    await loadInventory(config, 'debt.yaml', keep);
    let kept = false;
    const again = await loadInventory(config, 'debt.yaml', {
      ...keep,
      onDebug: () => (kept = true),
    });
    expect(kept).toBe(true);
    expect(again).toStrictEqual(fresh);
    const multipliers = again.inventory.settings.tag_multipliers!;
    expect(Object.hasOwn(multipliers, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(multipliers, '__proto__')?.value).toBe(2);
    expect(notices).toEqual([]);
  });

  it('is checked again, and replaced, when a byte of the inventory or its name changes', async () => {
    const home = cacheHome();
    await run(home);
    const edited = join(temp.dir, 'edited.yaml');
    writeFileSync(edited, text.replace('Drift monitor threshold is a guess', 'Drift threshold'));
    const other = await run(home, { config: edited });
    expect(other.kept).toBe(false);
    expect(other.json).toContain('"title": "Drift threshold"');
    // Another file: kept beside the first; the same file edited: kept in its place.
    expect(keptFiles(home)).toHaveLength(2);
    writeFileSync(edited, text.replace('Drift monitor threshold is a guess', 'Drift limit'));
    const again = await run(home, { config: edited });
    expect(again.kept).toBe(false);
    expect(again.json).toContain('"title": "Drift limit"');
    expect(keptFiles(home)).toHaveLength(2);
    expect((await run(home, { config: edited })).kept).toBe(true);
    // The same file named otherwise (a file outside the repository is named from where the
    // run starts, and its warnings carry that name) is checked again.
    const elsewhere = await run(home, { config: edited, cwd: temp.dir });
    expect(elsewhere.kept).toBe(false);
    expect(elsewhere.json).toContain('"inventory": "edited.yaml"');
    expect(again.json).toContain('"inventory": "../edited.yaml"');
  });

  it('is ignored with a note, and rewritten, when its content was damaged', async () => {
    const home = cacheHome();
    const cold = await run(home);
    const [file] = keptFiles(home);
    const bytes = readFileSync(file!);
    // A title's letter flipped: still a readable value, but not what was checked.
    const at = bytes.lastIndexOf(Buffer.from('Drift monitor'));
    bytes[at] = 'd'.charCodeAt(0);
    writeFileSync(file!, bytes);
    const damaged = await run(home);
    expect(damaged.kept).toBe(false);
    // Said on stderr, not in the report: a report reads the same on every machine.
    expect(damaged.json).toBe(cold.json);
    expect(damaged.notices).toContain(
      'kept inventory ignored: it cannot be read back (it is checked again and rewritten)',
    );
    expect((await run(home)).kept).toBe(true);
  });

  it('is neither read nor written with --no-cache, nor inside the repository', async () => {
    const home = cacheHome();
    await run(home, { cache: false });
    expect(keptFiles(home)).toEqual([]);
    const inside = join(repo, '.cache-home');
    await run(inside);
    expect(keptFiles(inside)).toEqual([]);
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: repo, encoding: 'utf8' })).toBe(
      '',
    );
  });

  it('spares a warm CLI run the schema library, the inventory checker and the history pass', () => {
    const run = moduleLogger(temp.dir);
    const env = { XDG_CACHE_HOME: cacheHome() };
    const loaded = () => {
      const { result, modules } = run(['audit', '--config', config, '--format', 'json'], {
        cwd: repo,
        env,
      });
      expect(result.stderr).not.toMatch(/error/);
      expect(result.status).toBe(0);
      return modules;
    };
    const cold = loaded();
    expect(cold).toMatch(/\/node_modules\/zod\//);
    expect(cold).toMatch(/\/inventory\/check\.js\n/);
    expect(cold).toMatch(/\/signals\/git\/shards\.js\n/);
    expect(cold).toMatch(/\/signals\/git\/cache\/store\.js\n/);
    const warm = loaded();
    expect(warm).toMatch(/\/inventory\/index\.js\n/);
    expect(warm).not.toMatch(/\/node_modules\/zod\//);
    expect(warm).not.toMatch(/\/inventory\/check\.js\n/);
    // The history result is read back: none of the pass's code, nor the cache's format.
    expect(warm).toMatch(/\/signals\/git\/history-snapshot\.js\n/);
    expect(warm).not.toMatch(/\/signals\/git\/(shards|aggregate|cache\/store|cache\/format)\.js\n/);
    // Nor the YAML library: the inventory is kept, its config files' facts too, and the
    // practice checks load it only for a DVC file or an environment.yml.
    expect(cold).toMatch(/\/node_modules\/yaml\//);
    expect(warm).not.toMatch(/\/node_modules\/yaml\//);
    // Nor simple-git (every audit's git queries are spawned directly), nor other commands.
    expect(`${cold}${warm}`).not.toMatch(/\/node_modules\/simple-git\//);
    expect(warm).not.toMatch(/\/commands\/(trend|explain|plan|init)\.js\n/);
    // Nor the pattern engine (only a pass tests commit subjects, only a data file needs
    // .gitattributes' patterns), nor chalk (nothing is coloured off a terminal).
    expect(cold).toMatch(/\/node_modules\/re2js\//);
    expect(warm).not.toMatch(/\/node_modules\/(re2js|chalk)\//);
  });
});
