/** /rss.xml: the 30 newest articles, linked at their portal URLs. */
import rss from '@astrojs/rss'
import type { APIContext } from 'astro'

import { portalPath } from '../../../content-schema/portal'
import { getArticles } from '../lib/content'

export async function GET(context: APIContext) {
  const site = context.site ?? new URL(context.url.origin)
  const articles = (await getArticles()).slice(0, 30)
  return rss({
    title: '产改门户',
    description: '产业工人队伍建设改革（产改）工作信息、各地经验与数据',
    site,
    items: articles.map((article) => ({
      title: article.title,
      link: new URL(portalPath('articles', article.slug), site).href,
      pubDate: new Date(article.publishedAt),
      description: article.summary,
    })),
    customData: '<language>zh-cn</language>',
    // Browsers show the feed as a page through this stylesheet (site/public/rss.xsl).
    stylesheet: '/rss.xsl',
  })
}
