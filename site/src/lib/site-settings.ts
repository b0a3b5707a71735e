import type { PortalSiteSettings } from '../../../content-schema/portal'

/** ICP 备案 numbers are looked up at the MIIT's registry. */
export const ICP_REGISTRY = 'https://beian.miit.gov.cn/'

/** 公安备案: the registry's page for the number (its digits). */
export const publicSecurityHref = (number: string) =>
  `https://beian.mps.gov.cn/#/query/webSearch?code=${number.replace(/\D/g, '')}`

/** Where readers write to the editors, e.g. to report an error. */
export const contactHref = ({ contactEmail }: Pick<PortalSiteSettings, 'contactEmail'>) =>
  contactEmail ? `mailto:${contactEmail}` : undefined
