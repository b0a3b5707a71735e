import type { APIRoute, GetStaticPaths } from 'astro'

import { dependOn, listKey } from '../../lib/dependencies'
import { pagesToBuild } from '../../lib/static-paths'
import type { FigureRecord } from '../../lib/csv'
import { figureRecords, indicatorRecord, indicatorsWithFigures } from '../../lib/downloads'
import { loadLookups } from '../../lib/page-data'

export const getStaticPaths = (async ({ routePattern }) => {
  const [indicators, lookups] = await Promise.all([indicatorsWithFigures(), loadLookups()])
  const site = new URL(import.meta.env.SITE)
  return pagesToBuild(
    routePattern,
    indicators.map(({ indicator, metrics }) => ({
      params: { slug: indicator.slug },
      props: (): Props => {
        dependOn(listKey('metrics', 'indicator', indicator.slug))
        const props: Props = {
          indicator: indicatorRecord(indicator, site),
          figures: figureRecords(metrics, indicator, site, lookups),
        }
        return props
      },
    })),
  )
}) satisfies GetStaticPaths

type Props = { indicator: ReturnType<typeof indicatorRecord>; figures: FigureRecord[] }

/** /indicators/<slug>.json: the indicator and its figures for programs. */
export const GET: APIRoute<Props> = ({ props }) => {
  const body = { indicator: props.indicator, figures: props.figures }
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  })
}
