import type { APIRoute, GetStaticPaths } from 'astro'

import type { PortalIndicator, PortalMetric } from '../../../../content-schema/portal'
import { figureRecords, indicatorRecord, indicatorsWithFigures } from '../../lib/downloads'

export const getStaticPaths = (async () =>
  (await indicatorsWithFigures()).map(({ indicator, metrics }) => ({
    params: { slug: indicator.slug },
    props: { indicator, metrics },
  }))) satisfies GetStaticPaths

type Props = { indicator: PortalIndicator; metrics: PortalMetric[] }

/** /indicators/<slug>.json: the indicator and its figures for programs. */
export const GET: APIRoute<Props> = async ({ props, site }) => {
  const body = {
    indicator: indicatorRecord(props.indicator, site!),
    figures: await figureRecords(props.metrics, props.indicator, site!),
  }
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  })
}
