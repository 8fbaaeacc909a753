/**
 * This checkout as its users receive it: the files git would hand out (tracked ones, plus new
 * ones not yet committed and not ignored), without node_modules or dist. The action and the
 * pre-commit hooks are installed from exactly that, so their tests install from it too.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { git } from '../../scripts/lib/repo-builder.js';

/** The checkout under test (the repository root). */
export const CHECKOUT = fileURLToPath(new URL('../..', import.meta.url));

/** Copies the checkout's files (see the module comment) into `target`. */
export function copyCheckout(target: string): void {
  const listing = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: CHECKOUT, encoding: 'utf8' },
  );
  for (const file of listing.split('\0').filter(Boolean)) {
    // A tracked file deleted in the working tree is not part of the checkout being tested.
    if (!existsSync(join(CHECKOUT, file))) continue;
    mkdirSync(dirname(join(target, file)), { recursive: true });
    copyFileSync(join(CHECKOUT, file), join(target, file));
  }
}

/**
 * The checkout's files committed in a new repository at `target` (what `pre-commit try-repo`
 * does with uncommitted changes, but once, with a fixed date: the same revision for every
 * call, so pre-commit installs its environment once). Returns the commit.
 */
export function snapshotCheckout(target: string): string {
  copyCheckout(target);
  git(target, ['init', '--quiet', '--initial-branch=main']);
  git(target, ['add', '--all']);
  const date = {
    GIT_AUTHOR_DATE: '2026-06-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2026-06-01T00:00:00Z',
  };
  git(target, ['commit', '--quiet', '--no-gpg-sign', '-m', 'snapshot'], { env: date });
  return git(target, ['rev-parse', 'HEAD']).trim();
}
