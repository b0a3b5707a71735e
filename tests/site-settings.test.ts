/**
 * The 网站设置 global: what every page's footer shows. Anyone may read it (the portal pulls it as an anonymous
 * reader); only administrators may change it, through REST, GraphQL or the Local API as a user; a change asks
 * for a portal rebuild; the seed fills in placeholders once and never overwrites what an administrator set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedDemoContent } from '../scripts/seed/index'
import { createStaff, graphql, rest, startTestCms, type TestCms } from './helpers/cms'

let cms: TestCms
let tokens: Awaited<ReturnType<typeof createStaff>>

beforeAll(async () => {
  cms = await startTestCms()
  tokens = await createStaff(cms.payload)
  await seedDemoContent(cms.payload)
})
afterAll(() => cms?.close())

const organizer = async () => (await cms.payload.findGlobal({ slug: 'site-settings' })).organizer

describe('网站设置', () => {
  it('is seeded with placeholders that say they are examples', async () => {
    const settings = await cms.payload.findGlobal({ slug: 'site-settings' })
    for (const value of [settings.organizer, settings.icpNumber, settings.publicSecurityNumber])
      expect(value).toContain('示例')
  })

  it('can be read by anyone, over REST and GraphQL', async () => {
    const viaRest = await rest(cms.payload, 'GET', '/api/globals/site-settings')
    expect(viaRest.status).toBe(200)
    expect(viaRest.json.organizer).toBe(await organizer())
    const viaGraphql = await graphql(cms.payload, '{ SiteSetting { organizer icpNumber } }')
    expect(viaGraphql.errors).toBeUndefined()
    expect((viaGraphql.data!.SiteSetting as { organizer: string }).organizer).toBe(await organizer())
  })

  it.each(['anonymous', 'contributor', 'editor'] as const)('cannot be changed by %s', async (role) => {
    const before = await organizer()
    const token = role === 'anonymous' ? undefined : tokens[role]
    const viaRest = await rest(cms.payload, 'POST', '/api/globals/site-settings', {
      body: { organizer: `${role} 改的` },
      token,
    })
    expect(viaRest.status).toBe(403)
    const viaGraphql = await graphql(
      cms.payload,
      `mutation { updateSiteSetting(data: { organizer: "${role} 改的" }) { organizer } }`,
      token,
    )
    expect(viaGraphql.errors?.length).toBeGreaterThan(0)
    const user =
      role === 'anonymous'
        ? undefined
        : (await cms.payload.find({ collection: 'users', where: { role: { equals: role } } })).docs[0]
    await expect(
      cms.payload.updateGlobal({
        slug: 'site-settings',
        data: { organizer: `${role} 改的` },
        overrideAccess: false,
        user,
      }),
    ).rejects.toThrow()
    expect(await organizer()).toBe(before)
  })

  it('is changed by an administrator, which asks for a portal rebuild; seeding again keeps the change', async () => {
    const { status } = await rest(cms.payload, 'POST', '/api/globals/site-settings', {
      body: { organizer: '某市总工会' },
      token: tokens.admin,
    })
    expect(status).toBe(200)
    // The same mutation the other roles were refused (so their refusal was about access, not a wrong name).
    const viaGraphql = await graphql(
      cms.payload,
      'mutation { updateSiteSetting(data: { organizer: "某市总工会" }) { organizer } }',
      tokens.admin,
    )
    expect(viaGraphql.errors).toBeUndefined()
    expect(await organizer()).toBe('某市总工会')
    const { docs } = await cms.payload.find({
      collection: 'site-builds',
      where: { status: { equals: 'queued' } },
    })
    expect(docs.flatMap((b) => b.changes ?? []).map((c) => c.collection)).toContain('site-settings')
    await seedDemoContent(cms.payload)
    expect(await organizer()).toBe('某市总工会')
  })
})
