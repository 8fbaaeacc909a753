/**
 * Entry of the `mldebt` binary. `--version` answers before anything heavy is imported (it must
 * take at most twice a bare node start-up); everything else goes through commander in run.ts.
 */
import { standardStreams } from './stream-writer.js';

const args = process.argv.slice(2);

/** The current directory, or null when it was removed under us (`process.cwd()` throws). */
function currentDirectory(): string | null {
  try {
    return process.cwd();
  } catch {
    return null;
  }
}

/** Prints `--version` and resolves to the exit code (2 when stdout cannot take it). */
async function printVersion(): Promise<number> {
  const { VERSION } = await import('../version.js');
  const { stdout, stderr } = standardStreams(process.stdout, process.stderr);
  stdout.write(`${VERSION}\n`);
  try {
    await stdout.flush();
    return 0;
  } catch (error) {
    stderr.write(`mldebt: ${(error as Error).message}\n`);
    await stderr.flush();
    return 2;
  }
}

async function main(): Promise<number> {
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) return printVersion();
  const cwd = currentDirectory();
  if (cwd === null) {
    const { stderr } = standardStreams(process.stdout, process.stderr);
    stderr.write('mldebt: the current directory no longer exists: change to one that does\n');
    await stderr.flush();
    return 2;
  }
  const { run } = await import('./run.js');
  return run(args, { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd });
}

process.exitCode = await main();
