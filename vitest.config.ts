import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Each file starts its own Payload on its own SQLite file; forks keep native modules and globals apart.
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
})
