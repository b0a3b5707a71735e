import type { TextField, Validate } from 'payload'

import { UNIT_VALUES, isUnit, type Unit } from '../../content-schema/enums'
import type { Label } from '../lib/labels'

type UnitFieldOptions = {
  name: string
  label: Label
  description: { zh: string; en: string }
  /** A further check once the value is known to be a unit (e.g. that it fits the figure's indicator). */
  fits?: (unit: Unit, args: Parameters<Validate<string>>[1]) => Promise<string | true>
}

/**
 * A unit from the unit table (人, 人次, 家, 元, % …). Stored as a text field rather than a select: select
 * values become GraphQL enum names, which cannot be Chinese characters or "%".
 */
export const unitField = ({ name, label: fieldLabel, description, fits }: UnitFieldOptions): TextField => ({
  name,
  type: 'text',
  label: fieldLabel,
  required: true,
  admin: {
    description: {
      zh: `${description.zh}。可用单位：${UNIT_VALUES.join('、')}`,
      en: `${description.en}. Units: ${UNIT_VALUES.join(', ')}`,
    },
  },
  validate: async (value, args) => {
    if (typeof value !== 'string' || !isUnit(value)) {
      return `单位「${value ?? ''}」不在单位表中，可用单位：${UNIT_VALUES.join('、')}`
    }
    return fits ? fits(value, args) : true
  },
})
