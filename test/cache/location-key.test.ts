/**
 * Where the cache is (the run's environment decides; never inside the repository) and what
 * keys it (anything that changes what git says about a commit starts another file).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git } from '../../scripts/lib/repo-builder.js';
import { openHistoryCache } from '../../src/signals/git/cache/index.js';
import {
  readCacheKey,
  readCacheKeys,
  type CacheKeyOptions,
} from '../../src/signals/git/cache/key.js';
import { resolveRepository } from '../../src/signals/git/repo.js';
import { resolveCacheDir } from '../../src/signals/git/cache/location.js';
import { audit } from '../../src/index.js';
import { renderReport } from '../../src/report/registry.js';
import { makeRepo, tempDir, testEnv } from '../helpers/audit-repo.js';
import { countingGit } from '../helpers/git-calls.js';
import { commits, inventory } from '../helpers/scenario.js';
import { cacheEnv, listCommits, listedAt, makeCacheRepo, readCommits } from './cache-repo.js';

const temp = tempDir('cache-location');
afterAll(temp.remove);
const FULL: CacheKeyOptions = { lineChurn: true, exactRenamesOnly: false };

describe('the cache directory', () => {
  it('is $XDG_CACHE_HOME/mldebt when that is an absolute path, on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(resolveCacheDir({ XDG_CACHE_HOME: '/x/cache', HOME: '/h' }, platform)).toEqual({
        dir: '/x/cache/mldebt',
      });
    }
  });

  it('is the platform’s own place otherwise (a relative XDG_CACHE_HOME is ignored, as XDG says)', () => {
    expect(resolveCacheDir({ HOME: '/home/ana', XDG_CACHE_HOME: 'rel' }, 'linux')).toEqual({
      dir: '/home/ana/.cache/mldebt',
    });
    expect(resolveCacheDir({ HOME: '/Users/ana' }, 'darwin')).toEqual({
      dir: '/Users/ana/Library/Caches/mldebt',
    });
    expect(resolveCacheDir({ LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' }, 'win32')).toEqual({
      dir: 'C:\\Users\\ana\\AppData\\Local\\mldebt\\Cache',
    });
    expect(resolveCacheDir({ USERPROFILE: 'C:\\Users\\ana' }, 'win32')).toEqual({
      dir: 'C:\\Users\\ana\\AppData\\Local\\mldebt\\Cache',
    });
  });

  it('is none, with the reason, when the environment names no home', () => {
    expect(resolveCacheDir({}, 'linux')).toEqual({
      dir: null,
      reason: 'neither XDG_CACHE_HOME nor HOME is set to an absolute path',
    });
    expect(resolveCacheDir({}, 'win32')).toEqual({
      dir: null,
      reason: 'neither LOCALAPPDATA nor USERPROFILE is set',
    });
  });
});

describe('opening the cache for a run', () => {
  const repo = makeCacheRepo(temp.dir, 'open');
  const home = join(temp.dir, 'home');

  it('uses the XDG_CACHE_HOME the run was given, and writes only there', async () => {
    const cacheHome = join(temp.dir, 'xdg');
    const env = cacheEnv(home, cacheHome);
    const { cache, notes } = await openHistoryCache({ root: repo, env, ...FULL });
    expect(notes).toEqual([]);
    cache!.add(await readCommits(repo, { env }));
    await cache!.save(listedAt(repo));
    expect(cache!.file.startsWith(join(cacheHome, 'mldebt') + '/')).toBe(true);
    expect(readdirSync(join(cacheHome, 'mldebt'))).toHaveLength(1);
    expect(existsSync(home)).toBe(false);
  });

  it('falls back to ~/.cache/mldebt of the run’s HOME', async () => {
    const own = join(temp.dir, 'own-home');
    const { cache } = await openHistoryCache({
      root: repo,
      env: testEnv(own, { XDG_CACHE_HOME: undefined }),
      platform: 'linux',
      ...FULL,
    });
    expect(cache!.dir).toBe(join(own, '.cache', 'mldebt'));
  });

  it('refuses a cache directory inside the repository or its .git, and writes nothing there', async () => {
    for (const inside of [join(repo, '.cache'), join(repo, '.git'), repo]) {
      const { cache, notes } = await openHistoryCache({
        root: repo,
        env: cacheEnv(home, inside),
        ...FULL,
      });
      expect(cache).toBeNull();
      expect(notes).toEqual([
        {
          code: 'cache-unavailable',
          message: `history cache not used: the cache directory ${join(inside, 'mldebt')} is inside the repository, which mldebt never writes (set XDG_CACHE_HOME to a directory outside it)`,
        },
      ]);
    }
    expect(git(repo, ['status', '--porcelain', '--ignored'])).toBe('');
    expect(existsSync(join(repo, '.git', 'mldebt'))).toBe(false);
  });

  it('is nothing at all with --no-cache: no note, no directory', async () => {
    const cacheHome = join(temp.dir, 'unused');
    const result = await openHistoryCache({
      root: repo,
      env: cacheEnv(home, cacheHome),
      enabled: false,
      ...FULL,
    });
    expect(result).toEqual({ cache: null, notes: [] });
    expect(existsSync(cacheHome)).toBe(false);
  });

  it('is none, with a note, when git cannot say which repository this is', async () => {
    const plain = join(temp.dir, 'not-a-repository');
    mkdirSync(plain);
    const result = await openHistoryCache({
      root: plain,
      env: cacheEnv(home, join(temp.dir, 'xdg-plain')),
      ...FULL,
    });
    expect(result).toEqual({
      cache: null,
      notes: [
        {
          code: 'cache-unavailable',
          message: 'history cache not used: git could not say what identifies this repository',
        },
      ],
    });
    expect(existsSync(join(temp.dir, 'xdg-plain'))).toBe(false);
  });

  it('is none, with a note, when the environment names no cache directory', async () => {
    const { cache, notes } = await openHistoryCache({
      root: repo,
      env: { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
      platform: 'linux',
      ...FULL,
    });
    expect(cache).toBeNull();
    expect(notes).toEqual([
      {
        code: 'cache-unavailable',
        message:
          'history cache not used: no cache directory: neither XDG_CACHE_HOME nor HOME is set to an absolute path',
      },
    ]);
  });
});

describe('the cache key', () => {
  const repo = makeCacheRepo(temp.dir, 'keyed');
  const env = testEnv(repo);
  const keyOf = async (root = repo, options = FULL) => (await readCacheKey(root, options, env)).id;

  it('is the same for the same repository and options, run after run', async () => {
    expect(await keyOf()).toMatch(/^[0-9a-f]{64}$/);
    expect(await keyOf()).toBe(await keyOf());
  });

  it('is the same from the facts git gave as the run found the repository, even from a subdirectory', async () => {
    const replaced = makeCacheRepo(temp.dir, 'facts');
    const [newest, older] = listCommits(replaced);
    git(replaced, ['replace', newest!, older!]);
    for (const from of [replaced, join(replaced, 'lib')]) {
      const found = await resolveRepository(from, env);
      expect(found.root).toBe(replaced);
      expect(found.facts?.replaceRefs).toMatch(/refs\/replace\//);
      const given = await readCacheKeys(replaced, env, undefined, found.facts);
      const asked = await readCacheKeys(replaced, env);
      expect(given(FULL)).toEqual(asked(FULL));
    }
  });

  it('changes with line churn and with rename detection', async () => {
    const keys = new Set([
      await keyOf(),
      await keyOf(repo, { lineChurn: false, exactRenamesOnly: false }),
      await keyOf(repo, { lineChurn: true, exactRenamesOnly: true }),
      await keyOf(repo, { lineChurn: false, exactRenamesOnly: true }),
    ]);
    expect(keys.size).toBe(4);
  });

  it('changes with the .mailmap (authors are stored mapped) and with .gitattributes', async () => {
    const repo2 = makeCacheRepo(temp.dir, 'mailmap');
    const before = await keyOf(repo2);
    writeFileSync(join(repo2, '.mailmap'), 'Ana <ana@example.com> <Ana@Example.com>\n');
    const mapped = await keyOf(repo2);
    writeFileSync(join(repo2, '.mailmap'), 'Bo <bo@example.com> <Ana@Example.com>\n');
    const remapped = await keyOf(repo2);
    writeFileSync(join(repo2, '.gitattributes'), '*.py binary\n');
    const attributed = await keyOf(repo2);
    expect(new Set([before, mapped, remapped, attributed]).size).toBe(4);
    // The mailmap really does change the facts a cached commit holds.
    const emails = (await readCommits(repo2, { env })).map((c) => c.email);
    expect(emails).toContain('bo@example.com');
    expect(emails).not.toContain('ana@example.com');
  });

  it('changes with the blob mailmap.blob names, by content, and follows its last value', async () => {
    const repo2 = makeCacheRepo(temp.dir, 'mailmap-blob');
    const before = await keyOf(repo2);
    const blob = (text: string) =>
      execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: repo2, input: text, env })
        .toString()
        .trim();
    const toBo = blob('Bo <bo@example.com> <Ana@Example.com>\n');
    const toCy = blob('Cy <cy@example.com> <Ana@Example.com>\n');
    git(repo2, ['config', 'mailmap.blob', toBo]);
    const mapped = await keyOf(repo2);
    // A second value: git reads the last one, and so must the key.
    git(repo2, ['config', '--add', 'mailmap.blob', toCy]);
    const remapped = await keyOf(repo2);
    expect(new Set([before, mapped, remapped]).size).toBe(3);
    git(repo2, ['config', '--unset-all', 'mailmap.blob']);
    git(repo2, ['config', '--add', 'mailmap.blob', toCy]);
    expect(await keyOf(repo2)).toBe(remapped);
    const emails = (await readCommits(repo2, { env })).map((c) => c.email);
    expect(emails).toContain('cy@example.com');
  });

  it('changes with replace refs, which change the commits git shows', async () => {
    const repo2 = makeCacheRepo(temp.dir, 'replaced');
    const before = await keyOf(repo2);
    const [newest, older] = listCommits(repo2);
    git(repo2, ['replace', newest!, older!]);
    expect(await keyOf(repo2)).not.toBe(before);
  });

  it('lets a run in a linked worktree place its caches without asking git again where its directories are', async () => {
    const main = makeRepo(temp.dir, 'worktree-main', commits, inventory);
    const worktree = join(temp.dir, 'worktree-linked');
    git(main, ['worktree', 'add', '-q', worktree, 'HEAD']);
    // The inventory is not committed: the worktree gets its own copy.
    writeFileSync(join(worktree, 'debt.yaml'), readFileSync(join(main, 'debt.yaml')));
    const counter = countingGit(temp.dir, 'worktree', worktree);
    const cacheHome = join(temp.dir, 'worktree-cache');
    const env = { ...counter.env, XDG_CACHE_HOME: cacheHome };
    const first = renderReport((await audit({ cwd: worktree, env })).report, 'json', {
      color: false,
    });
    const second = renderReport((await audit({ cwd: worktree, env })).report, 'json', {
      color: false,
    });
    expect(await second).toBe(await first);
    // Every cache of the run was placed (none refused as inside the repository)...
    const kept = readdirSync(join(cacheHome, 'mldebt')).map((f) => f.replace(/^[0-9a-f]+/, ''));
    for (const suffix of ['.inventory', '.cache', '.snapshot']) expect(kept).toContain(suffix);
    // ...from what the run's first rev-parse said, with no git asked for the directories again.
    expect(counter.calls('rev-parse --absolute-git-dir')).toBe(0);
  });

  it('is shared by the worktrees of one clone, not by another clone', async () => {
    const worktree = join(temp.dir, 'keyed-worktree');
    git(repo, ['worktree', 'add', '-q', worktree, 'HEAD']);
    expect(await keyOf(worktree)).toBe(await keyOf());
    const clone = join(temp.dir, 'keyed-clone');
    git(temp.dir, ['clone', '-q', repo, clone]);
    expect(await keyOf(clone)).not.toBe(await keyOf());
  });
});
