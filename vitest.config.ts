import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The subprocess tests and the schema test read dist/: build it first when it is stale.
    globalSetup: ['test/setup/build-dist.ts'],
    // E2E tests build git repositories and spawn the CLI: give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
