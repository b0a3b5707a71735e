import { ValidationError, type CollectionBeforeChangeHook, type CollectionBeforeValidateHook } from 'payload'

import { FigureParseError, formatFigure, parseFigure } from '../../content-schema/figures'
import { relationId } from '../fields/relationships'

/**
 * Editors may type a figure as the report writes it (70.06万人次, 2000余万元, 同比下降60%): when that text is new
 * or changed, it fills value, unit, qualifier and comparison. A text that cannot be read is refused, not guessed.
 */
export const applyFigureText: CollectionBeforeValidateHook = ({ data, originalDoc, collection }) => {
  const text = typeof data?.figureText === 'string' ? data.figureText.trim() : ''
  if (!data || !text || text === originalDoc?.figureText) return data
  try {
    return { ...data, figureText: text, ...parseFigure(text) }
  } catch (error) {
    if (!(error instanceof FigureParseError)) throw error
    throw new ValidationError({
      collection: collection.slug,
      errors: [{ path: 'figureText', message: error.message }],
    })
  }
}

/** Stores how the portal prints the figure, and a title for admin lists: 无锡市 · 新增高技能人才 · 1.36万人. */
export const describeMetric: CollectionBeforeChangeHook = async ({ data, req }) => {
  const display = formatFigure({
    value: data.value,
    unit: data.unit,
    qualifier: data.qualifier ?? 'exact',
    comparison: data.comparison ?? 'none',
  })
  const name = async (collection: 'regions' | 'indicators', id: string | undefined) =>
    id
      ? (await req.payload.findByID({ collection, id, depth: 0, draft: true, disableErrors: true, req }))
          ?.name
      : undefined
  const parts = [
    await name('regions', relationId(data.region)),
    await name('indicators', relationId(data.indicator)),
    display,
  ]
  return { ...data, display, title: parts.filter(Boolean).join(' · ') }
}
