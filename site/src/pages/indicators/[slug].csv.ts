import type { APIRoute, GetStaticPaths } from 'astro'

import { dependOn, listKey } from '../../lib/dependencies'
import { pagesToBuild } from '../../lib/static-paths'
import { toCsv, type FigureRecord } from '../../lib/csv'
import { figureRecords, indicatorsWithFigures } from '../../lib/downloads'
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
        const props: Props = { records: figureRecords(metrics, indicator, site, lookups) }
        return props
      },
    })),
  )
}) satisfies GetStaticPaths

type Props = { records: FigureRecord[] }

/** /indicators/<slug>.csv: the indicator's figures for spreadsheets. */
export const GET: APIRoute<Props> = ({ props }) =>
  new Response(toCsv(props.records), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } })
