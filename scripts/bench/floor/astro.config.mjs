// The bench's floor (scripts/bench/index.ts): a bare Astro build of trivial pages, nothing of the portal.
import { defineConfig } from 'astro/config'

export default defineConfig({
  outDir: process.env.FLOOR_OUT_DIR,
  cacheDir: `${process.env.FLOOR_OUT_DIR}.cache`,
  build: { format: 'directory' },
})
