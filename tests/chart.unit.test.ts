/** The bar charts' geometry (site/src/lib/chart.ts): pure functions, checked without a build. */
import { describe, expect, it } from 'vitest'

import {
  barShape,
  chartGroups,
  HATCH,
  layoutPieces,
  plotScale,
  textWidth,
  type Charted,
  type Piece,
} from '../site/src/lib/chart'

const figure = (value: number, unit: Charted['unit'], comparison: Charted['comparison'] = 'none') => ({
  value,
  unit,
  comparison,
})

describe('chartGroups', () => {
  it('never puts levels and changes, or units of different dimensions, on one axis', () => {
    const groups = chartGroups(
      [
        figure(2097, '人'),
        figure(13600, '名'),
        figure(700600, '人次'),
        figure(-60, '%', 'yoy'),
        figure(12, '%', 'yoy'),
        figure(35, '%'),
      ],
      '人',
    )
    expect(groups.map((g) => g.key)).toEqual(['none|人', 'none|名', 'none|人次', 'none|%', 'yoy|%'])
    const byKey = Object.fromEntries(groups.map((g) => [g.key, g]))
    // 人 and 名 both count people: separate groups on one scale, from zero to the larger of the two.
    expect(byKey['none|人']!.domain).toEqual([0, 13600])
    expect(byKey['none|名']!.domain).toEqual([0, 13600])
    expect(byKey['none|人']!.sameScaleAs).toEqual(['名'])
    expect(byKey['none|人次']!.domain).toEqual([0, 700600])
    expect(byKey['none|人次']!.sameScaleAs).toEqual([])
    // A change of -60 % and one of +12 % share an axis through zero; a share of 35 % is not on it.
    expect(byKey['yoy|%']!.domain).toEqual([-60, 12])
    expect(byKey['yoy|%']!.metrics.map((m) => m.value)).toEqual([12, -60])
    expect(byKey['none|%']!.domain).toEqual([0, 35])
  })

  it('puts the indicator’s own unit first even when another unit sorts before it', () => {
    const groups = chartGroups([figure(5, '人'), figure(8, '名')], '名')
    expect(groups.map((g) => g.unit)).toEqual(['名', '人'])
  })

  it('gives figures that are all zero a usable scale', () => {
    const [group] = chartGroups([figure(0, '家')], '家')
    expect(group!.domain).toEqual([0, 1])
    expect(barShape(0, 'exact', group!.domain)).toEqual({ solid: undefined })
  })
})

describe('plotScale and barShape', () => {
  it('keeps zero on the axis and room for a hatched end on the side that has bars', () => {
    expect(plotScale([0, 100]).zero).toBe(1)
    expect(plotScale([0, 100]).at(100)).toBe(100 - 1 - HATCH)
    const both = plotScale([-50, 50])
    expect(both.at(-50)).toBe(1 + HATCH)
    expect(both.zero).toBe(50)
  })

  it('draws an exact figure as one solid bar, and a tiny one still visible', () => {
    expect(barShape(100, 'exact', [0, 100])).toEqual({ solid: { x: 1, width: 91 } })
    expect(barShape(0.001, 'exact', [0, 100]).solid!.width).toBeCloseTo(0.4, 9)
  })

  it('hatches beyond the tick for 余/超过/上, before it for 近, across it for 约', () => {
    const end = 92
    expect(barShape(100, 'more', [0, 100])).toEqual({
      solid: { x: 1, width: 91 },
      hatch: { x: end, width: HATCH },
      tick: end,
    })
    expect(barShape(100, 'nearly', [0, 100])).toEqual({
      solid: { x: 1, width: 91 - HATCH },
      hatch: { x: end - HATCH, width: HATCH },
      tick: end,
    })
    expect(barShape(100, 'about', [0, 100])).toEqual({
      solid: { x: 1, width: 91 - HATCH / 2 },
      hatch: { x: end - HATCH / 2, width: HATCH },
      tick: end,
    })
  })

  it('extends a negative change, and its hatch, to the left of zero', () => {
    const shape = barShape(-60, 'over', [-60, 12])
    const { at, zero } = plotScale([-60, 12])
    expect(shape.tick).toBe(at(-60))
    expect(shape.solid).toEqual({ x: at(-60), width: zero - at(-60) })
    expect(shape.hatch).toEqual({ x: at(-60) - HATCH, width: HATCH })
  })
})

describe('layoutPieces', () => {
  const text = (lines: Piece[][]) => lines.map((line) => line.map((p) => p.text).join(''))

  it('keeps pieces on one line while they fit, joined by " · ", in their order', () => {
    const lines = layoutPieces([
      { text: '柳市镇', role: 'name' },
      { text: '2097人', role: 'figure' },
    ])
    expect(text(lines)).toEqual(['柳市镇 · 2097人'])
  })

  it('starts a new line when the next piece would run past the budget', () => {
    const lines = layoutPieces(
      [
        { text: '苏州工业园区总工会', role: 'name' },
        { text: '70.06万人次', role: 'figure' },
        { text: '2022年', role: 'period' },
      ],
      15,
    )
    expect(text(lines)).toEqual(['苏州工业园区总工会', '70.06万人次 · 2022年'])
    for (const line of text(lines)) expect(textWidth(line)).toBeLessThanOrEqual(15)
  })

  it('breaks a name longer than a line between characters, never inside one', () => {
    // 𠮷 is outside the Basic Multilingual Plane: two UTF-16 code units, one character.
    const name = `${'江'.repeat(14)}𠮷${'苏'.repeat(5)}`
    const lines = text(layoutPieces([{ text: name, role: 'name' }], 15))
    expect(lines.join('')).toBe(name)
    for (const line of lines) {
      expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/)
      expect(textWidth(line)).toBeLessThanOrEqual(15)
    }
    expect(lines).toEqual([`${'江'.repeat(14)}𠮷`, '苏'.repeat(5)])
  })

  it('ends even when the budget is narrower than one character', () => {
    expect(text(layoutPieces([{ text: '柳市', role: 'name' }], 0.5))).toEqual(['柳', '市'])
  })
})
