import { PILOT_LEVELS, labelOf } from '../../../content-schema/enums'
import type { PortalEnterprise } from '../../../content-schema/portal'

/** 园区级试点（2021年）, 试点（2021年）, 省级试点, or '' when neither is known. */
export function pilotText({ pilotLevel, pilotYear }: Pick<PortalEnterprise, 'pilotLevel' | 'pilotYear'>) {
  const level = pilotLevel ? `${labelOf(PILOT_LEVELS, pilotLevel)}试点` : pilotYear ? '试点' : ''
  return pilotYear ? `${level}（${pilotYear}年）` : level
}
