import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The subprocess tests and the schema test read dist/: build it first when it is stale.
    globalSetup: ['test/setup/build-dist.ts'],
    // Test files share a worker's module cache instead of re-importing src/ each time (this
    // halves the suite). It is safe because no test changes process-wide state: none calls
    // chdir, writes process.env or mocks a module; keep it that way.
    isolate: false,
    // Most of a test's time is spent waiting for git and the built CLI, so one worker per core
    // (vitest's default leaves one idle) keeps the machine busy.
    maxWorkers: availableParallelism(),
    // E2E tests build git repositories and spawn the CLI: give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
