/**
 * For tests of the per-file facts kept between runs (Python scans, config facts, environment
 * parses): which kept files a cache directory holds, and an audit's JSON report.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { audit } from '../../src/index.js';
import { renderReport } from '../../src/report/registry.js';
import { freshCacheHome, testEnv } from './audit-repo.js';
import { moduleLogger } from './loaded-modules.js';

/** The kept files of one kind (`configs`, `environments`…) in `cacheHome`'s mldebt directory. */
export function keptFilesOf(cacheHome: string, suffix: string): string[] {
  try {
    return readdirSync(join(cacheHome, 'mldebt')).filter((f) => f.endsWith(`.${suffix}`));
  } catch {
    return [];
  }
}

/** The JSON report of an in-process audit of `repo` with `cacheHome` as XDG_CACHE_HOME. */
export async function auditJson(repo: string, cacheHome: string, cache = true): Promise<string> {
  const { report } = await audit({
    cwd: repo,
    env: testEnv(repo, { XDG_CACHE_HOME: cacheHome }),
    cache,
  });
  return renderReport(report, 'json', { color: false });
}

/**
 * A cold run, a warm one and an uncached one of `repo`: asserts that the cold run kept one
 * file of `suffix` and that the three reports are byte for byte the same; returns the
 * report and the kept file's text.
 */
export async function keptRoundTrip(
  repo: string,
  suffix: string,
): Promise<{ report: string; kept: string }> {
  const home = freshCacheHome();
  const cold = await auditJson(repo, home);
  expect(keptFilesOf(home, suffix)).toHaveLength(1);
  expect(await auditJson(repo, home)).toBe(cold);
  expect(await auditJson(repo, freshCacheHome(), false)).toBe(cold);
  const kept = readFileSync(join(home, 'mldebt', keptFilesOf(home, suffix)[0]!), 'utf8');
  return { report: cold, kept };
}

/**
 * The modules two CLI audits of `repo` load with one fresh cache directory: the cold run's
 * and the warm run's (see loaded-modules.ts; `dir` holds the loader hook's files).
 */
export function coldAndWarmModules(dir: string, repo: string): { cold: string; warm: string } {
  const run = moduleLogger(dir);
  const env = { XDG_CACHE_HOME: freshCacheHome() };
  const loaded = () => {
    const { result, modules } = run(['audit', '--format', 'json'], { cwd: repo, env });
    expect(result.status).toBeLessThan(2);
    return modules;
  };
  const cold = loaded();
  return { cold, warm: loaded() };
}
