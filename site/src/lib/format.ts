import { formatFigure } from '../../../content-schema/figures'
import { portalPath, type PortalMetric } from '../../../content-schema/portal'

// Made once: creating a DateTimeFormat costs about a millisecond, and lists format tens of thousands of dates
// (the same ones on many pages, so each is formatted once).
const chinaDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
const isoDates = new Map<string, string>()

/** The machine-readable date for <time datetime>: 2023-07-28 (dates on the portal are China time). */
export function isoDate(iso: string) {
  let date = isoDates.get(iso)
  if (date === undefined) isoDates.set(iso, (date = chinaDay.format(new Date(iso))))
  return date
}

/** 2023-07-28T… → 2023年7月28日. */
export function formatDate(iso: string) {
  const [year, month, day] = isoDate(iso).split('-').map(Number)
  return `${year}年${month}月${day}日`
}

/** A figure as readers see it: 70.06万人次, 2000余万元, 同比下降60%. */
export const figureText = (metric: PortalMetric) => formatFigure(metric as Parameters<typeof formatFigure>[0])

/** A figure's record on its indicator page: the row of the indicator's tables with the anchor #figure-<id>. */
export const figureRecordHref = (indicatorSlug: string, figureId: string) =>
  `${portalPath('indicators', indicatorSlug)}#figure-${figureId}`
