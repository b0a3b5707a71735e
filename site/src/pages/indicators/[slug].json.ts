import type { APIRoute, GetStaticPaths } from 'astro'

import { cacheKeyOf } from '../../lib/cache-key'
import { figureRecords, indicatorRecord, indicatorsWithFigures, type FigureRecord } from '../../lib/downloads'
import { loadLookups } from '../../lib/page-data'

export const getStaticPaths = (async () => {
  const [indicators, lookups] = await Promise.all([indicatorsWithFigures(), loadLookups()])
  const site = new URL(import.meta.env.SITE)
  return indicators.map(({ indicator, metrics }) => {
    const props: Props = {
      indicator: indicatorRecord(indicator, site),
      figures: figureRecords(metrics, indicator, site, lookups),
    }
    return { params: { slug: indicator.slug }, props, cacheKey: cacheKeyOf(props) }
  })
}) satisfies GetStaticPaths

type Props = { indicator: ReturnType<typeof indicatorRecord>; figures: FigureRecord[] }

/** /indicators/<slug>.json: the indicator and its figures for programs. */
export const GET: APIRoute<Props> = ({ props }) => {
  const body = { indicator: props.indicator, figures: props.figures }
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  })
}
