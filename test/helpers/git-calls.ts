/**
 * A git on PATH that logs its arguments and then runs the real one: tests count how many
 * history passes (`git log --no-merges`) a command made. A pass whose line counts are read
 * within the items' pathspecs runs two gits side by side over the same commits, names and
 * counts: the counting one (`-- :(…)` pathspecs) is part of its pass, not another.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testEnv } from './audit-repo.js';

/**
 * Installs the counting git in `dir/bin-<name>`; `env` runs commands in `repo` with it first on
 * PATH, `passes()` counts the `git log --no-merges` calls so far, `calls('ls-tree')` those of a
 * git command.
 */
export function countingGit(
  dir: string,
  name: string,
  repo: string,
): { env: NodeJS.ProcessEnv; passes: () => number; calls: (command: string) => number } {
  const bin = join(dir, `bin-${name}`);
  const log = join(dir, `git-calls-${name}.log`);
  mkdirSync(bin, { recursive: true });
  const realGit = (process.env.PATH ?? '')
    .split(':')
    .map((path) => join(path, 'git'))
    .find((path) => existsSync(path))!;
  writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${realGit}' "$@"\n`);
  chmodSync(join(bin, 'git'), 0o755);
  writeFileSync(log, '');
  const count = (pattern: RegExp): number =>
    readFileSync(log, 'utf8')
      .split('\n')
      .filter((line) => pattern.test(` ${line} `)).length;
  return {
    env: testEnv(repo, { PATH: `${bin}:${process.env.PATH ?? ''}` }),
    passes: () => count(/ log --no-merges /) - count(/ log --no-merges .* -- :\(/),
    calls: (command) => count(new RegExp(` ${command} `)),
  };
}
