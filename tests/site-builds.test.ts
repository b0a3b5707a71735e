import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { requestSiteBuild } from '../cms/lib/site-builds'
import { startTestCms, type TestCms } from './helpers/cms'

let cms: TestCms

beforeAll(async () => {
  cms = await startTestCms()
})
afterAll(() => cms?.close())

const queued = async () =>
  (await cms.payload.find({ collection: 'site-builds', where: { status: { equals: 'queued' } } })).docs

describe('the summary of a queued build', () => {
  it('counts a small burst exactly', async () => {
    for (let i = 1; i <= 3; i++)
      await requestSiteBuild(cms.payload, { collection: 'articles', title: `报道${i}`, operation: 'update' })
    const [build] = await queued()
    expect(build!.summary).toBe('修改《报道3》等3项修改')
    await cms.payload.delete({ collection: 'site-builds', where: { id: { exists: true } } })
  })

  it('never gives a wrong count for a burst of 100 changes', async () => {
    for (let i = 1; i <= 100; i++)
      await requestSiteBuild(cms.payload, { collection: 'articles', title: `报道${i}`, operation: 'publish' })
    const builds = await queued()
    expect(builds).toHaveLength(1)
    expect(builds[0]!.changes).toHaveLength(50)
    expect(builds[0]!.summary).toBe('发布《报道100》等50余项修改')
  })
})
