/**
 * The kept result of an audit's history pass: a re-run of the same commit, window, items and
 * rules reads it back and reports byte for byte what the cold run did; any other run misses
 * and reports what `--no-cache` gives; a damaged file is a notice, never trusted.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git } from '../../scripts/lib/repo-builder.js';
import { audit, renderTrend, trend } from '../../src/index.js';
import { renderReport } from '../../src/report/registry.js';
import { makeRepo, tempDir } from '../helpers/audit-repo.js';
import { countingGit } from '../helpers/git-calls.js';
import { commits, inventory } from '../helpers/scenario.js';

const temp = tempDir('history-snapshot');
afterAll(temp.remove);
const repo = makeRepo(temp.dir, 'repo', commits, inventory);
const KEPT = /^history: the result kept by an earlier run/;

/** The inventories the runs differ in, each written beside the repository. */
const inventories = {
  base: inventory,
  // One glob fewer for one item.
  globs: inventory.replace('paths: ["src/monitoring/**"]', 'paths: ["src/monitoring/drift.py"]'),
  // Another fix pattern: other commits are fixes.
  rules: inventory.replace('settings:\n', 'settings:\n  fix_pattern: "\\\\b(fix|repair)\\\\b"\n'),
  // An item whose glob names a file only by the name a commit in the window renamed away.
  oldName: `${inventory}  - id: OLD-008\n    title: By its old name\n    category: data\n    risk: 1\n    cost_of_delay: 1\n    paths: ["src/features/transforms.py"]\n`,
  // A resolved item: the pass also counts fixes after its resolved day.
  resolved: `${inventory}  - id: OLD-007\n    title: Old serving debt\n    category: model\n    status: resolved\n    resolved: 2026-05-01\n    risk: 1\n    cost_of_delay: 1\n    paths: ["src/serving/**"]\n`,
};
for (const [name, text] of Object.entries(inventories)) {
  writeFileSync(join(temp.dir, `${name}.yaml`), text);
}

let runs = 0;
/** An audit's JSON report, whether it read a kept result, its git passes and its notices. */
async function run(
  cacheHome: string,
  options: { config?: keyof typeof inventories; since?: string; cache?: boolean } = {},
) {
  const git = countingGit(temp.dir, `run-${++runs}`, repo);
  const debug: string[] = [];
  const notices: string[] = [];
  const { report } = await audit({
    cwd: repo,
    config: join(temp.dir, `${options.config ?? 'base'}.yaml`),
    env: { ...git.env, XDG_CACHE_HOME: cacheHome },
    onDebug: (line) => debug.push(line),
    onNotice: (line) => notices.push(line),
    ...(options.since ? { since: options.since } : {}),
    ...(options.cache === false ? { cache: false } : {}),
  });
  return {
    json: await renderReport(report, 'json', { color: false }),
    kept: debug.some((line) => KEPT.test(line)),
    walks: git.passes(),
    listings: git.calls('rev-list'),
    notices,
  };
}

function snapshotFile(cacheHome: string): string {
  const dir = join(cacheHome, 'mldebt');
  const [name] = readdirSync(dir).filter((f) => /^[0-9a-f]{64}\.snapshot$/.test(f));
  return join(dir, name!);
}

describe('the kept result of an audit’s history pass', () => {
  it('is read back by a re-run of the same commit, window, items and rules', async () => {
    const home = join(temp.dir, 'cache-same');
    const cold = await run(home);
    expect(cold.kept).toBe(false);
    expect(existsSync(snapshotFile(home))).toBe(true);
    const warm = await run(home);
    expect(warm.kept).toBe(true);
    // Nothing walked, nothing even listed: the result stands for this very commit.
    expect(warm.walks).toBe(0);
    expect(warm.listings).toBe(0);
    expect(warm.json).toBe(cold.json);
    expect(warm.notices).toEqual([]);
  });

  it('keeps which globs the window’s changed paths matched: a warm run calls no more globs dead', async () => {
    const home = join(temp.dir, 'cache-old-name');
    const cold = await run(home, { config: 'oldName' });
    const warm = await run(home, { config: 'oldName' });
    expect(warm.kept).toBe(true);
    // The old name is tracked nowhere at HEAD: only the rename in the window matched it.
    const oldNameWarnings = (json: string) =>
      (JSON.parse(json) as { warnings: { itemId?: string }[] }).warnings.filter(
        (w) => w.itemId === 'OLD-008',
      );
    expect(oldNameWarnings(cold.json)).toEqual([]);
    expect(oldNameWarnings(warm.json)).toEqual([]);
    expect(warm.json).toBe(cold.json);
  });

  it('is not read by a run with other globs, another window, another fix pattern or a resolved item', async () => {
    const home = join(temp.dir, 'cache-variants');
    await run(home);
    const variants = [
      ['other globs', { config: 'globs' as const }],
      ['another window', { since: '90d' }],
      ['another fix pattern', { config: 'rules' as const }],
      ['a resolved item', { config: 'resolved' as const }],
    ] as const;
    for (const [what, variant] of variants) {
      // Each differs from the kept result (the first inventory's) in one input only.
      const missed = await run(home, variant);
      expect(missed.kept, what).toBe(false);
      expect(missed.json, what).toBe(
        (await run(join(temp.dir, 'unused'), { ...variant, cache: false })).json,
      );
      // Its result took the place of the first inventory's, which misses in turn.
      expect((await run(home)).kept, what).toBe(false);
    }
    // A run left its own result in its place: the same inputs read it back next time.
    const [, last] = variants.at(-1)!;
    const first = await run(home, last);
    const again = await run(home, last);
    expect(again.kept).toBe(true);
    expect(again.json).toBe(first.json);
  });

  it('is not read for the next commit, which reports what a cold audit of it reports', async () => {
    const clone = join(temp.dir, 'next');
    git(temp.dir, ['clone', '-q', repo, clone]);
    const home = join(temp.dir, 'cache-next');
    const config = join(temp.dir, 'base.yaml');
    const debug: string[] = [];
    const at = async (cacheHome: string, cache = true) =>
      renderReport(
        (
          await audit({
            cwd: clone,
            config,
            cache,
            env: {
              ...countingGit(temp.dir, `next-${++runs}`, clone).env,
              XDG_CACHE_HOME: cacheHome,
            },
            onDebug: (line) => debug.push(line),
          })
        ).report,
        'json',
        { color: false },
      );
    await at(home);
    git(clone, ['commit', '-q', '--allow-empty', '-m', 'fix: on top'], {
      env: { GIT_COMMITTER_DATE: '2026-07-02T10:00:00Z', GIT_AUTHOR_DATE: '2026-07-02T10:00:00Z' },
    });
    debug.length = 0;
    const next = await at(home);
    expect(debug.some((line) => KEPT.test(line))).toBe(false);
    expect(next).toBe(await at(join(temp.dir, 'unused-next'), false));
  });

  it('keeps a trend’s windows in a slot of their own, beside the audit’s', async () => {
    const home = join(temp.dir, 'cache-trend');
    const runTrend = async (months: number, cache = true) => {
      const debug: string[] = [];
      const { trend: result } = await trend({
        cwd: repo,
        config: join(temp.dir, 'base.yaml'),
        months,
        cache,
        env: { ...countingGit(temp.dir, `trend-${++runs}`, repo).env, XDG_CACHE_HOME: home },
        onDebug: (line) => debug.push(line),
      });
      return {
        json: await renderTrend(result, 'json', { color: false }),
        kept: debug.some((line) => KEPT.test(line)),
      };
    };
    const audited = await run(home);
    const cold = await runTrend(4);
    expect(cold.kept).toBe(false);
    const warm = await runTrend(4);
    expect(warm.kept).toBe(true);
    expect(warm.json).toBe(cold.json);
    // The audit's result is still there, and another trend's points are other windows.
    const again = await run(home);
    expect(again.kept).toBe(true);
    expect(again.json).toBe(audited.json);
    const longer = await runTrend(6);
    expect(longer.kept).toBe(false);
    expect(longer.json).toBe((await runTrend(6, false)).json);
    // One slot each: the audit's result, the trend's, and the audit's state (history-state.ts).
    const slots = readdirSync(join(home, 'mldebt'))
      .filter((f) => f.endsWith('.snapshot'))
      .map((f) => f.slice(64))
      .sort();
    expect(slots).toEqual(['.snapshot', '.state.snapshot', '.trend.snapshot']);
  });

  it('is never trusted with a byte changed, even where it still reads as JSON', async () => {
    const home = join(temp.dir, 'cache-flipped');
    const cold = await run(home);
    const file = snapshotFile(home);
    // A digit of a count changed: still JSON, still the inputs' digest in the header.
    const text = readFileSync(file, 'utf8');
    const at = text.indexOf('"commits":') + '"commits":'.length;
    const digit = text[at]!;
    writeFileSync(
      file,
      text.slice(0, at) + (digit === '9' ? '8' : String(Number(digit) + 1)) + text.slice(at + 1),
    );
    const flipped = await run(home);
    expect(flipped.kept).toBe(false);
    expect(flipped.json).toBe(cold.json);
    expect(flipped.notices).toEqual([expect.stringMatching(/^history snapshot ignored/)]);
  });

  it('is ignored with a notice when it cannot be read back, and rewritten', async () => {
    const home = join(temp.dir, 'cache-damaged');
    const cold = await run(home);
    const file = snapshotFile(home);
    // The header stays (it names these very inputs); what follows is cut short.
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));
    const damaged = await run(home);
    expect(damaged.kept).toBe(false);
    expect(damaged.json).toBe(cold.json);
    expect(damaged.notices).toEqual([expect.stringMatching(/^history snapshot ignored/)]);
    expect((await run(home)).kept).toBe(true);
  });

  it('is neither read nor written with --no-cache, and a bad knob still fails the run', async () => {
    const home = join(temp.dir, 'cache-off');
    await run(home, { cache: false });
    expect(existsSync(join(home, 'mldebt'))).toBe(false);
    const filled = join(temp.dir, 'cache-knob');
    await run(filled);
    const failing = audit({
      cwd: repo,
      config: join(temp.dir, 'base.yaml'),
      env: {
        ...countingGit(temp.dir, 'knob', repo).env,
        XDG_CACHE_HOME: filled,
        MLDEBT_SHARDS: 'two',
      },
    });
    await expect(failing).rejects.toThrow(/MLDEBT_SHARDS/);
  });
});
