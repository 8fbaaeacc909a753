/**
 * Entry of the `mldebt` binary. `--version` answers before anything heavy is imported (it must
 * take at most twice a bare node start-up); everything else goes through commander in run.ts.
 */
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const [{ VERSION }, { standardStreams }] = await Promise.all([
    import('../version.js'),
    import('./stream-writer.js'),
  ]);
  const { stdout, stderr } = standardStreams(process.stdout, process.stderr);
  stdout.write(`${VERSION}\n`);
  try {
    await stdout.flush();
  } catch (error) {
    stderr.write(`mldebt: ${(error as Error).message}\n`);
    await stderr.flush();
    process.exitCode = 2;
  }
} else {
  const { run } = await import('./run.js');
  process.exitCode = await run(args, {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  });
}
