/**
 * How mldebt runs git: read-only, never interactive, immune to user config that would change
 * what git prints. Both the simple-git queries and the streamed history pass use these.
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
 * Environment for every git process (SPEC §4): no optional locks, no prompts, and none of the
 * caller's GIT_DIR / GIT_WORK_TREE / GIT_INDEX_FILE that would point git somewhere else.
 * Git never pages when its output is a pipe, which it always is here; the spawned history
 * pass sets the pager variables anyway (simple-git refuses them, so the base has none).
 */
export function gitEnv(options: { pager?: boolean } = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of PASSED_THROUGH) {
    if (process.env[name] !== undefined) env[name] = process.env[name];
  }
  // Never take the index lock: the repository under audit is read-only to us.
  env.GIT_OPTIONAL_LOCKS = '0';
  env.GIT_TERMINAL_PROMPT = '0';
  env.LC_ALL = 'C';
  if (options.pager === false) {
    env.GIT_PAGER = 'cat';
    env.PAGER = 'cat';
  }
  return env;
}

/**
 * `-c` overrides placed before the subcommand: user settings such as `diff.renames=false`,
 * `log.showSignature` or `diff.external` would otherwise change the output we parse.
 */
export const GIT_CONFIG_OVERRIDES: readonly string[] = [
  '-c',
  'core.quotePath=false',
  '-c',
  'log.showSignature=false',
  '-c',
  'log.follow=false',
  '-c',
  'diff.renames=true',
  '-c',
  'diff.relative=false',
  '-c',
  'diff.noprefix=false',
  '-c',
  'diff.mnemonicPrefix=false',
  '-c',
  'color.ui=false',
];
