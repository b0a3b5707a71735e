/** The CSV download (site/src/lib/csv.ts): RFC 4180 quoting and formula neutralising, checked without a build. */
import { describe, expect, it } from 'vitest'

import { csvField, toCsv, type FigureRecord } from '../site/src/lib/csv'

const record = (over: Partial<FigureRecord> = {}): FigureRecord => ({
  id: 'm1',
  indicator: '新增高技能人才',
  region: '无锡市',
  regionSlug: 'wuxi-shi',
  enterprise: null,
  enterpriseSlug: null,
  value: 13600,
  unit: '人',
  qualifier: { value: 'exact', label: '确数' },
  comparison: { value: 'none', label: '数值' },
  display: '1.36万人',
  period: { kind: 'year', label: '2021年', start: '2021-01-01', end: '2021-12-31' },
  evidence: '新增高技能人才1.36万人',
  sourceTitle: '无锡：技能提升',
  sourceUrl: 'https://example.org/articles/wuxi/',
  ...over,
})

describe('csvField', () => {
  it('quotes a field with a comma, quote or line break, doubling quotes', () => {
    expect(csvField('甲,乙')).toBe('"甲,乙"')
    expect(csvField('他说"好"')).toBe('"他说""好"""')
    expect(csvField('第一行\r\n第二行')).toBe('"第一行\r\n第二行"')
    expect(csvField('第一行\n第二行')).toBe('"第一行\n第二行"')
    expect(csvField('柳市镇')).toBe('柳市镇')
  })

  it('writes text a spreadsheet would run as a formula with a leading apostrophe', () => {
    expect(csvField('=1+1')).toBe("'=1+1")
    expect(csvField('+86 10 1234')).toBe("'+86 10 1234")
    expect(csvField('-2+3')).toBe("'-2+3")
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvField('\t=1')).toBe("'\t=1")
    expect(csvField('\r=1')).toBe('"\'\r=1"')
    expect(csvField('=HYPERLINK("http://evil.example","点此")')).toBe(
      '"\'=HYPERLINK(""http://evil.example"",""点此"")"',
    )
    // Only at the start: 2+3 in the middle of a phrase is not a formula.
    expect(csvField('增长2+3')).toBe('增长2+3')
  })

  it('writes numbers as they are, negative ones included, and null as an empty field', () => {
    expect(csvField(-60)).toBe('-60')
    expect(csvField(700600)).toBe('700600')
    expect(csvField(null)).toBe('')
  })
})

describe('toCsv', () => {
  it('starts with a byte-order mark and a header, one CRLF-ended line per record', () => {
    const csv = toCsv([record(), record({ id: 'm2', region: '苏州市', value: -60, display: '同比下降60%' })])
    expect(csv.startsWith('\uFEFF指标(indicator),地区(region),')).toBe(true)
    const lines = csv.slice(1).split('\r\n')
    expect(lines).toHaveLength(4)
    expect(lines.at(-1)).toBe('')
    expect(lines[1]).toBe(
      '新增高技能人才,无锡市,wuxi-shi,,,13600,人,exact,确数,none,数值,1.36万人,year,2021年,2021-01-01,2021-12-31,' +
        '新增高技能人才1.36万人,无锡：技能提升,https://example.org/articles/wuxi/,m1',
    )
    expect(lines[2]).toContain(',苏州市,wuxi-shi,,,-60,人,')
  })

  it('neutralises a formula that reached the evidence phrase, keeping the columns in place', () => {
    const csv = toCsv([record({ evidence: '=cmd|"/c calc"!A1', sourceTitle: '@title' })])
    const row = csv.slice(1).split('\r\n')[1]!
    expect(row).toContain(`,"'=cmd|""/c calc""!A1",'@title,`)
    expect(row.endsWith(',m1')).toBe(true)
  })
})
