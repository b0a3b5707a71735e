import type { APIRoute, GetStaticPaths } from 'astro'

import type { PortalIndicator, PortalMetric } from '../../../../content-schema/portal'
import { figureRecords, indicatorsWithFigures, toCsv } from '../../lib/downloads'

export const getStaticPaths = (async () =>
  (await indicatorsWithFigures()).map(({ indicator, metrics }) => ({
    params: { slug: indicator.slug },
    props: { indicator, metrics },
  }))) satisfies GetStaticPaths

type Props = { indicator: PortalIndicator; metrics: PortalMetric[] }

/** /indicators/<slug>.csv: the indicator's figures for spreadsheets. */
export const GET: APIRoute<Props> = async ({ props, site }) => {
  const records = await figureRecords(props.metrics, props.indicator, site!)
  return new Response(toCsv(records), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } })
}
