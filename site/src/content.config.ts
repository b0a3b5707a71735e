import { defineCollection } from 'astro:content'
import type { Loader } from 'astro/loaders'

import {
  articleSchema,
  channelSchema,
  enterpriseSchema,
  indicatorSchema,
  metricSchema,
  regionSchema,
  siteSettingsSchema,
  topicSchema,
  type PortalCollection,
  type PortalContent,
} from '../../content-schema/portal'
import { collectionsOfThisBuild } from '../integrations/content-store'
import { pullPortalContent } from './lib/cms'

/**
 * One loader per collection, all fed by a single pull. Entries are keyed by slug (figures by id), so a
 * schema violation is reported as "<collection> → <slug>" with the field that failed.
 *
 * In a build, every entry is validated (about 0.3 s at 10,000 articles) and handed to the pages in memory
 * (integrations/content-store.ts); Astro's own store stays empty, because Astro writes it to disk whole at
 * every sync (36 MB and 2 s at 10,000 articles) and reads it back at the next start. The development server
 * keeps Astro's store between reloads: entries whose digest is unchanged are not validated again, and
 * entries no longer published are removed.
 */
function cmsLoader(
  collection: string,
  entriesOf: (content: PortalContent) => { id: string; data: Record<string, unknown> }[],
): Loader {
  return {
    name: `cms-${collection}`,
    load: async ({ store, parseData, generateDigest, logger, config }) => {
      const content = await pullPortalContent(config, logger)
      const entries = entriesOf(content)
      const building = collectionsOfThisBuild()
      if (building) {
        store.clear()
        const validated = await Promise.all(
          entries.map(async ({ id, data }) => ({ id, data: await parseData({ id, data }) })),
        )
        building.set(collection, new Map(validated.map((entry) => [entry.id, entry])))
        return
      }
      for (const { id, data } of entries) {
        const digest = generateDigest(data)
        if (store.get(id)?.digest !== digest) store.set({ id, data: await parseData({ id, data }), digest })
      }
      const published = new Set(entries.map(({ id }) => id))
      for (const id of store.keys()) if (!published.has(id)) store.delete(id)
    },
  }
}

const entriesOf = (collection: PortalCollection) => (content: PortalContent) =>
  content[collection].map((entry) => ({
    id: 'slug' in entry ? entry.slug : entry.id,
    data: entry as Record<string, unknown>,
  }))
const cmsCollection = (collection: PortalCollection) => cmsLoader(collection, entriesOf(collection))

export const collections = {
  articles: defineCollection({ loader: cmsCollection('articles'), schema: articleSchema }),
  regions: defineCollection({ loader: cmsCollection('regions'), schema: regionSchema }),
  enterprises: defineCollection({ loader: cmsCollection('enterprises'), schema: enterpriseSchema }),
  indicators: defineCollection({ loader: cmsCollection('indicators'), schema: indicatorSchema }),
  metrics: defineCollection({ loader: cmsCollection('metrics'), schema: metricSchema }),
  channels: defineCollection({ loader: cmsCollection('channels'), schema: channelSchema }),
  topics: defineCollection({ loader: cmsCollection('topics'), schema: topicSchema }),
  /** The site settings, one entry `site` (none until they are filled in). */
  settings: defineCollection({
    loader: cmsLoader('settings', (content) =>
      content.settings ? [{ id: 'site', data: content.settings }] : [],
    ),
    schema: siteSettingsSchema,
  }),
}
