/**
 * 多 and 逾 are qualifiers of their own (content-schema/enums.ts): the migration that brought them gives figures
 * saved before it their word back, from the figure as the editor wrote it, and its display says the same.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'

import { startTestCms, type TestCms } from './helpers/cms'

let cms: TestCms
beforeAll(async () => {
  cms = await startTestCms()
})
afterAll(() => cms?.close())

it('gives figures saved as 余 or 超过 the 多 or 逾 they were written with, and back again on the way down', async () => {
  const migration = await import('../cms/migrations/20261129_233544_qualifier_words_site_settings')
  const db = (cms.payload.db as unknown as { drizzle: unknown }).drizzle
  const args = { db, payload: cms.payload, req: {} } as never
  // As figures were stored before: 多 read as 余, 逾 as 超过.
  const before = [
    { figureText: '50多万人次', qualifier: 'more', display: '50余万人次' },
    { figureText: '60余万人', qualifier: 'more', display: '60余万人' },
    { figureText: '逾5万人', qualifier: 'over', display: '超过5万人' },
    { figureText: '超过10万人次', qualifier: 'over', display: '超过10万人次' },
  ]
  const ids = await Promise.all(
    before.map(async (data) => (await cms.payload.db.create({ collection: 'metrics', data })).id),
  )
  const stored = async () =>
    Promise.all(
      ids.map(async (id) => {
        const doc = await cms.payload.db.findOne<{ id: string; qualifier: string; display: string }>({
          collection: 'metrics',
          where: { id: { equals: id } },
        })
        return [doc!.qualifier, doc!.display]
      }),
    )
  // The migration ran when the CMS started, on an empty table; run it again over these rows.
  await migration.down(args)
  await migration.up(args)
  expect(await stored()).toEqual([
    ['moreDuo', '50多万人次'],
    ['more', '60余万人'],
    ['overYu', '逾5万人'],
    ['over', '超过10万人次'],
  ])
  await migration.down(args)
  expect(await stored()).toEqual(before.map((b) => [b.qualifier, b.display]))
  await migration.up(args)
  // The settings table is back, and the global saves.
  await cms.payload.updateGlobal({ slug: 'site-settings', data: { organizer: '测试主办单位' } })
  expect((await cms.payload.findGlobal({ slug: 'site-settings' })).organizer).toBe('测试主办单位')
})
