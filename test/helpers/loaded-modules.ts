/**
 * Which modules a CLI run loads: the CLI runs with an ESM loader hook (on its own thread)
 * that logs every module's URL, so a test can say what a warm run never loads. By default
 * the CLI as tsc built it, whose modules have their sources' names; `entry: BIN` runs the
 * bundle, whose chunks are named for the lazily imported modules that start them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli, UNBUNDLED } from './exec.js';

/**
 * A runner of the CLI in `cwd` that returns the run's result and the URLs of the modules it
 * loaded, one per line. `dir` holds the hook's files and its log.
 */
export function moduleLogger(dir: string, entry = UNBUNDLED) {
  const log = join(dir, 'modules.log');
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  appendFileSync(${JSON.stringify(log)}, url + '\\n');\n  return next(url, context);\n}\n`,
  );
  const register = join(dir, 'register.mjs');
  writeFileSync(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
  );
  return (args: string[], options: { cwd: string; env: Record<string, string> }) => {
    writeFileSync(log, '');
    const result = runCli(args, {
      entry,
      cwd: options.cwd,
      env: { ...options.env, NODE_OPTIONS: `--import ${register}` },
    });
    return { result, modules: readFileSync(log, 'utf8') };
  };
}
