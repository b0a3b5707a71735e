'use client'
import { FieldDescription, FieldLabel, TextInput, useField } from '@payloadcms/ui'
import type { TextFieldClientComponent } from 'payload'

import { FigureParseError, formatFigure, parseFigure, type Figure } from '../../content-schema/figures'

/**
 * 原文写法: the editor types a figure as the report writes it (70.06万人次); the field shows at once how the
 * portal will print it and fills in value, unit, qualifier and comparison. What cannot be read is shown as
 * an error here and refused on save (hooks/figures.ts), never guessed.
 */
export const FigureTextField: TextFieldClientComponent = ({ field, path }) => {
  const { value, setValue, showError, errorMessage } = useField<string>({ path })
  const figureFields = {
    value: useField<number>({ path: 'value' }),
    unit: useField<string>({ path: 'unit' }),
    qualifier: useField<string>({ path: 'qualifier' }),
    comparison: useField<string>({ path: 'comparison' }),
  }
  const reading = read(value)

  const onChange = (event: React.ChangeEvent<HTMLInputElement>) => {
    setValue(event.target.value)
    const figure = read(event.target.value)
    if (figure && 'value' in figure) {
      for (const key of ['value', 'unit', 'qualifier', 'comparison'] as const)
        figureFields[key].setValue(figure[key])
    }
  }

  return (
    <div className="field-type text figure-text">
      <FieldLabel label={field.label} path={path} />
      <TextInput
        path={path}
        value={value ?? ''}
        onChange={onChange}
        showError={showError}
        Error={errorMessage}
        placeholder="如 70.06万人次、2000余万元、同比下降60%"
      />
      {reading && 'value' in reading && (
        <p className="figure-text__preview" role="status">
          门户显示：<strong>{formatFigure(reading)}</strong>（数值 {reading.value.toLocaleString('zh-CN')}
          ，单位 {reading.unit}）
        </p>
      )}
      {reading && 'error' in reading && (
        <p className="figure-text__error" role="alert">
          {reading.error}
        </p>
      )}
      <FieldDescription description={field.admin?.description} path={path} />
    </div>
  )
}

function read(text: string | null | undefined): Figure | { error: string } | undefined {
  if (!text?.trim()) return undefined
  try {
    return parseFigure(text)
  } catch (error) {
    if (error instanceof FigureParseError) return { error: error.message }
    throw error
  }
}
