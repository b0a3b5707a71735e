import { defineCollection } from 'astro:content'
import type { Loader } from 'astro/loaders'

import {
  articleSchema,
  channelSchema,
  enterpriseSchema,
  indicatorSchema,
  metricSchema,
  regionSchema,
  topicSchema,
  type PortalCollection,
} from '../../content-schema/portal'
import { shareLoadedCollection } from '../integrations/content-store'
import { pullPortalContent } from './lib/cms'

/**
 * One loader per collection, all fed by a single pull. Entries are keyed by slug (figures by id), so a
 * schema violation is reported as "<collection> → <slug>" with the field that failed. Astro keeps the store
 * between builds: entries whose digest is unchanged are not validated again, and entries no longer published
 * are removed.
 */
function cmsLoader(collection: PortalCollection): Loader {
  return {
    name: `cms-${collection}`,
    load: async ({ store, parseData, generateDigest, logger, config }) => {
      const content = await pullPortalContent(config, logger)
      const published = new Set<string>()
      for (const entry of content[collection]) {
        const id = 'slug' in entry ? entry.slug : entry.id
        published.add(id)
        const digest = generateDigest(entry as Record<string, unknown>)
        if (store.get(id)?.digest === digest) continue
        const data = await parseData({ id, data: entry as Record<string, unknown> })
        store.set({ id, data, digest })
      }
      for (const id of store.keys()) if (!published.has(id)) store.delete(id)
      shareLoadedCollection(collection, store)
    },
  }
}

export const collections = {
  articles: defineCollection({ loader: cmsLoader('articles'), schema: articleSchema }),
  regions: defineCollection({ loader: cmsLoader('regions'), schema: regionSchema }),
  enterprises: defineCollection({ loader: cmsLoader('enterprises'), schema: enterpriseSchema }),
  indicators: defineCollection({ loader: cmsLoader('indicators'), schema: indicatorSchema }),
  metrics: defineCollection({ loader: cmsLoader('metrics'), schema: metricSchema }),
  channels: defineCollection({ loader: cmsLoader('channels'), schema: channelSchema }),
  topics: defineCollection({ loader: cmsLoader('topics'), schema: topicSchema }),
}
