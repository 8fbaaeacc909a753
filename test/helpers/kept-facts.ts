/**
 * For tests of the per-file facts kept between runs (Python scans, config facts, environment
 * parses): which kept files a cache directory holds, and an audit's JSON report.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { audit } from '../../src/index.js';
import { renderReport } from '../../src/report/registry.js';
import { testEnv } from './audit-repo.js';

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
