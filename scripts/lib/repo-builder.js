// Builds a real git repository from a readable spec in one `git fast-import` stream.
//
// Shared by the demo, the benchmark and the tests so that all three describe history the
// same way. fast-import writes hundreds of commits (or 50,000 for the bench) in one process
// with exact author/committer identities and dates, which `git commit` in a loop cannot do
// fast enough, and it never depends on the user's git config.

import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';

/**
 * @typedef {{ name: string, email: string }} Person
 * @typedef {object} CommitSpec
 * @property {string} date            committer and author date, ISO 8601 (`2026-03-01T10:00:00Z`)
 * @property {string} [authorDate]    author date when it differs from the committer date
 * @property {Person} author
 * @property {Person} [committer]     defaults to the author
 * @property {string} message
 * @property {string} [id]            a name later commits can use in `from` / `merge`
 * @property {string} [branch]        branch the commit goes on (default `main`)
 * @property {string} [from]          parent when starting a branch: a commit id or a branch name
 * @property {string[]} [merge]       extra parents (commit ids or branch names): a merge commit
 * @property {Record<string, string | null>} [files]  path -> new content, or null to delete
 * @property {[string, string][]} [renames]  [from, to] pairs, applied before `files`
 */

/** Git environment for every call: no user or system config, no locks, no prompts. */
export function isolatedGitEnv(extra = {}) {
  return {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: 'Builder',
    GIT_AUTHOR_EMAIL: 'builder@example.com',
    GIT_COMMITTER_NAME: 'Builder',
    GIT_COMMITTER_EMAIL: 'builder@example.com',
    ...extra,
  };
}

/** Runs git in `cwd` with the isolated environment and returns stdout. */
export function git(cwd, args, options = {}) {
  return execFileSync('git', args, {
    cwd,
    env: isolatedGitEnv(options.env),
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['pipe', 'pipe', 'pipe'],
    input: options.input,
  });
}

function epochOf(iso) {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`repo-builder: bad date ${JSON.stringify(iso)}`);
  return Math.floor(ms / 1000);
}

function quotePath(path) {
  // fast-import accepts C-style quoted paths; quoting every path keeps spaces safe.
  return JSON.stringify(path);
}

/**
 * Renders the commits as a fast-import stream (exported for the bench, which streams it).
 * @param {CommitSpec[]} commits
 * @returns {Generator<string>}
 */
export function* fastImportStream(commits) {
  const marks = new Map();
  const tips = new Map();
  // fast-import does not merge trees: a merge commit keeps its first parent's tree unless
  // told otherwise. So each branch's files are tracked here, with the paths the branch
  // changed since it forked, and a merge applies the merged branch's changes (theirs win;
  // specs have no conflicts to resolve).
  const files = new Map(); // branch -> Map(path -> content)
  const touched = new Map(); // branch -> Set(path)
  const snapshots = new Map(); // commit id -> { files, touched } at that commit
  let mark = 0;
  for (const c of commits) {
    mark += 1;
    const branch = c.branch ?? 'main';
    const committer = c.committer ?? c.author;
    const when = epochOf(c.date);
    const authorWhen = c.authorDate ? epochOf(c.authorDate) : when;
    const msg = Buffer.from(c.message.endsWith('\n') ? c.message : `${c.message}\n`);
    let out = `commit refs/heads/${branch}\nmark :${mark}\n`;
    out += `author ${c.author.name} <${c.author.email}> ${authorWhen} +0000\n`;
    out += `committer ${committer.name} <${committer.email}> ${when} +0000\n`;
    out += `data ${msg.length}\n${msg.toString()}`;
    const resolve = (ref) => marks.get(ref) ?? tips.get(ref);
    const stateOf = (ref) =>
      snapshots.get(ref) ?? { files: files.get(ref), touched: touched.get(ref) };
    if (c.from !== undefined) {
      const parent = resolve(c.from);
      if (parent === undefined) throw new Error(`repo-builder: unknown parent ${c.from}`);
      out += `from :${parent}\n`;
      files.set(branch, new Map(stateOf(c.from).files ?? []));
      touched.set(branch, new Set());
    } else if (tips.has(branch)) {
      out += `from :${tips.get(branch)}\n`;
    }
    if (!files.has(branch)) files.set(branch, new Map());
    if (!touched.has(branch)) touched.set(branch, new Set());
    const mine = files.get(branch);
    const mineTouched = touched.get(branch);
    const merged = new Map();
    for (const ref of c.merge ?? []) {
      const parent = resolve(ref);
      if (parent === undefined) throw new Error(`repo-builder: unknown merge parent ${ref}`);
      out += `merge :${parent}\n`;
      const theirs = stateOf(ref);
      for (const path of theirs.touched ?? []) merged.set(path, theirs.files?.get(path) ?? null);
    }
    const changes = { ...Object.fromEntries(merged), ...(c.files ?? {}) };
    for (const [from, to] of c.renames ?? []) {
      out += `R ${quotePath(from)} ${quotePath(to)}\n`;
      mine.set(to, mine.get(from));
      mine.delete(from);
      mineTouched.add(from).add(to);
    }
    for (const [path, content] of Object.entries(changes)) {
      mineTouched.add(path);
      if (content === null) {
        out += `D ${quotePath(path)}\n`;
        mine.delete(path);
      } else {
        const data = Buffer.from(content);
        out += `M 100644 inline ${quotePath(path)}\ndata ${data.length}\n${content}\n`;
        mine.set(path, content);
      }
    }
    out += '\n';
    if (c.id !== undefined) {
      marks.set(c.id, mark);
      snapshots.set(c.id, { files: new Map(mine), touched: new Set(mineTouched) });
    }
    tips.set(branch, mark);
    yield out;
  }
}

/**
 * Creates `dir` as a git repository holding `commits`, with `main` checked out.
 * @param {string} dir
 * @param {CommitSpec[]} commits
 * @param {{ checkout?: boolean }} [options]
 */
export function buildRepo(dir, commits, options = {}) {
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  const stream = [...fastImportStream(commits)].join('');
  const res = spawnSync('git', ['fast-import', '--quiet', '--done'], {
    cwd: dir,
    env: isolatedGitEnv(),
    input: `${stream}done\n`,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (res.status !== 0) throw new Error(`git fast-import failed: ${res.stderr}`);
  if (options.checkout !== false && commits.length > 0) git(dir, ['checkout', '-q', '-f', 'main']);
  return dir;
}

/**
 * Like {@link buildRepo}, but streams the commits into fast-import as they are generated, for
 * histories too large to hold as one string (the benchmark's 50,000 commits).
 * @param {string} dir
 * @param {Iterable<CommitSpec>} commits
 */
export async function buildRepoStreaming(dir, commits) {
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  const child = spawn('git', ['fast-import', '--quiet', '--done'], {
    cwd: dir,
    env: isolatedGitEnv(),
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const closed = once(child, 'close');
  for (const chunk of fastImportStream(commits)) {
    if (!child.stdin.write(chunk)) await once(child.stdin, 'drain');
  }
  child.stdin.end('done\n');
  const [code] = await closed;
  if (code !== 0) throw new Error(`git fast-import failed: ${stderr}`);
  git(dir, ['checkout', '-q', '-f', 'main']);
  return dir;
}
