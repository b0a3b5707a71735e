import { formatFigure } from '../../../content-schema/figures'
import type { PortalMetric } from '../../../content-schema/portal'

/** 2023-07-28T… → 2023年7月28日 (dates on the portal are China time). */
export function formatDate(iso: string) {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
    .format(new Date(iso))
    .split('-')
    .map(Number)
  return `${year}年${month}月${day}日`
}

/** The machine-readable date for <time datetime>. */
export const isoDate = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(iso))

/** A figure as readers see it: 70.06万人次, 2000余万元, 同比下降60%. */
export const figureText = (metric: PortalMetric) => formatFigure(metric as Parameters<typeof formatFigure>[0])
