/**
 * What the portal's pipeline relies on of Astro, checked against the version installed. The pipeline uses
 * public APIs only (integration hooks astro:build:start, astro:build:done and astro:routes:resolved;
 * getStaticPaths' routePattern and paginate; middleware's isPrerendered and routePattern) and no
 * experimental option; Astro is pinned to one exact version, so an upgrade is a deliberate change that runs
 * this file and the build tests (tests/incremental.test.ts fails if a page is no longer reported, or a
 * change no longer reaches its pages).
 */
import fs from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

const repo = path.resolve(import.meta.dirname, '..')
const json = (file: string) => JSON.parse(fs.readFileSync(path.join(repo, file), 'utf8'))
const typesOf = (file: string) => fs.readFileSync(path.join(repo, 'node_modules/astro/dist', file), 'utf8')

describe('the Astro the pipeline is built on', () => {
  it('is pinned to one exact version, the one installed', () => {
    const pinned = json('package.json').dependencies.astro as string
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/)
    expect(json('node_modules/astro/package.json').version).toBe(pinned)
    expect(json('package-lock.json').packages['node_modules/astro'].version).toBe(pinned)
  })

  it('still declares the hooks and options the pipeline uses', () => {
    const hooks = typesOf('types/public/integrations.d.ts')
    for (const hook of ["'astro:build:start'", "'astro:build:done'", "'astro:routes:resolved'"])
      expect(hooks, hook).toContain(hook)
    const routing = fs
      .readdirSync(path.join(repo, 'node_modules/astro/dist/types/public'))
      .map((file) => typesOf(`types/public/${file}`))
      .join('\n')
    expect(routing).toMatch(/routePattern: string/)
    expect(routing).toMatch(/isPrerendered: boolean/)
    expect(routing).toMatch(/paginate: PaginateFunction/)
  })

  it('is configured without experimental options', () => {
    const config = fs.readFileSync(path.join(repo, 'site/astro.config.ts'), 'utf8')
    expect(config).not.toMatch(/experimental/)
  })
})
