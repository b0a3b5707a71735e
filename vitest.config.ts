import os from 'node:os'

import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Each file starts its own Payload on its own SQLite file; forks keep native modules and globals apart.
    pool: 'forks',
    // At least two files at once, even on a two-core machine (vitest's default there is one): the admin's browser
    // test (tests/admin.browser.test.ts) spends minutes waiting on the product it started, and would otherwise
    // hold up every other file. Elsewhere this is vitest's default (one worker per core, less one).
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
})
