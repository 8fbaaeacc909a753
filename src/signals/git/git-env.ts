/**
 * How mldebt runs git: read-only, never interactive, never fetching, and immune to user
 * config that would change what git prints. Both the simple-git queries and the streamed
 * history pass use these.
 */

/** Variables passed through to git: enough to find it and the user's config, nothing that redirects it. */
const PASSED_THROUGH = [
  'PATH',
  'HOME',
  'USERPROFILE',
  'SYSTEMROOT',
  'TMPDIR',
  'TEMP',
  'TMP',
  'XDG_CONFIG_HOME',
  'GIT_CONFIG_NOSYSTEM',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'GIT_EXEC_PATH',
];

/**
 * Environment for every git process: no optional locks, no prompts, no fetching, and none of
 * the caller's GIT_DIR / GIT_WORK_TREE / GIT_INDEX_FILE that would point git somewhere else.
 *
 * No fetching: in a partial clone (`--filter=blob:none`) git fetches a missing object from
 * its promisor remote the moment a command reads it, writing packs and taking locks in the
 * repository under audit. GIT_NO_LAZY_FETCH forbids that (git 2.44+); for older git,
 * GIT_ALLOW_PROTOCOL with no real protocol makes any such fetch fail at once instead, so the
 * command fails with "could not fetch … from promisor remote", which mldebt reports.
 *
 * Git never pages when its output is a pipe, which it always is here; the spawned history
 * pass sets the pager variables anyway (simple-git refuses them, so the base has none).
 *
 * @param options.env the environment to take PATH, HOME and the config locations from
 *   (the CLI passes its own; defaults to this process's)
 */
export function gitEnv(
  options: { pager?: boolean; env?: NodeJS.ProcessEnv } = {},
): NodeJS.ProcessEnv {
  const source = options.env ?? process.env;
  const env: NodeJS.ProcessEnv = {};
  for (const name of PASSED_THROUGH) {
    if (source[name] !== undefined) env[name] = source[name];
  }
  // Never take the index lock: the repository under audit is read-only to us.
  env.GIT_OPTIONAL_LOCKS = '0';
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_NO_LAZY_FETCH = '1';
  env.GIT_ALLOW_PROTOCOL = 'none';
  env.LC_ALL = 'C';
  if (options.pager === false) {
    env.GIT_PAGER = 'cat';
    env.PAGER = 'cat';
  }
  return env;
}

/**
 * `-c` overrides placed before the subcommand: user or repository settings that would
 * change the output we parse or the figures in it (which commits are shown, how renames are
 * found, how lines are counted, which files count as binary, how text is encoded).
 */
export const GIT_CONFIG_OVERRIDES: readonly string[] = [
  ['core.quotePath', 'false'],
  ['core.attributesFile', '/dev/null'],
  ['core.bigFileThreshold', '512m'],
  ['log.showSignature', 'false'],
  ['log.showRoot', 'true'],
  ['log.follow', 'false'],
  ['i18n.logOutputEncoding', 'UTF-8'],
  ['diff.renames', 'true'],
  ['diff.renameLimit', '1000'],
  ['diff.algorithm', 'myers'],
  ['diff.relative', 'false'],
  ['diff.noprefix', 'false'],
  ['diff.mnemonicPrefix', 'false'],
  ['diff.ignoreSubmodules', 'none'],
  ['diff.orderFile', '/dev/null'],
  ['mailmap.file', '/dev/null'],
  ['color.ui', 'false'],
].flatMap(([key, value]) => ['-c', `${key}=${value}`]);
