import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/**/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    // Tests that spawn processes share two cores with everything else: give them room and never run
    // two process-heavy files at once.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // Runs started by tests begin at once: the quiet-start wait (up to 30 s for other work to quiet down) would
    // only slow the suite on a shared machine. quiet-start.test.ts tests the wait itself.
    env: { CORESWEEP_SETTLE_SEC: '0' },
  },
});
