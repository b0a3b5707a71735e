'use client'
import { useFormFields } from '@payloadcms/ui'

import { isUnit, type Comparison, type Qualifier } from '../../content-schema/enums'
import { formatFigure } from '../../content-schema/figures'

/**
 * The hint under 数值: how the value now in the field reads the Chinese way (20000000 元 → 2000万元), with
 * the portal's own formatting (content-schema/figures.ts), updated as the editor types.
 */
export function FigureValueDescription() {
  const value = useFormFields(([fields]) => fields.value?.value) as number | null | undefined
  const unit = useFormFields(([fields]) => fields.unit?.value) as string | null | undefined
  const qualifier = useFormFields(([fields]) => fields.qualifier?.value) as Qualifier | null | undefined
  const comparison = useFormFields(([fields]) => fields.comparison?.value) as Comparison | null | undefined
  const reads =
    typeof value === 'number' && Number.isFinite(value) && unit && isUnit(unit)
      ? formatFigure({ value, unit, qualifier: qualifier ?? 'exact', comparison: comparison ?? 'none' })
      : undefined
  return (
    <div className="field-description figure-value__reading" role="status">
      {reads ? (
        <>
          按基本单位记的 {value!.toLocaleString('zh-CN')} {unit}，门户显示为 <strong>{reads}</strong>
        </>
      ) : (
        '按基本单位填写，万、亿写进数值（如 70.06万人次 填 700600）'
      )}
    </div>
  )
}
