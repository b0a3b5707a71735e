/**
 * The CSV download of an indicator's figures (/indicators/<slug>.csv). Kept apart from downloads.ts, which
 * reads the content store, so the writing can be checked on its own (tests/csv.unit.test.ts).
 */

/** One figure of an indicator, every field spelled out (built by figureRecords in downloads.ts). */
export type FigureRecord = {
  id: string
  indicator: string
  region: string
  regionSlug: string
  enterprise: string | null
  enterpriseSlug: string | null
  value: number
  unit: string
  qualifier: { value: string; label: string }
  comparison: { value: string; label: string }
  display: string
  /** Dates as YYYY-MM-DD (China time); null when the report gives none. */
  period: { kind: string; label: string; start: string | null; end: string | null }
  evidence: string
  sourceTitle: string
  sourceUrl: string
}

/** CSV columns: a Chinese heading with the field name, so both people and programs can read the header. */
const CSV_COLUMNS: [string, (r: FigureRecord) => string | number | null][] = [
  ['指标(indicator)', (r) => r.indicator],
  ['地区(region)', (r) => r.region],
  ['地区链接名(regionSlug)', (r) => r.regionSlug],
  ['企业(enterprise)', (r) => r.enterprise],
  ['企业链接名(enterpriseSlug)', (r) => r.enterpriseSlug],
  ['数值(value)', (r) => r.value],
  ['单位(unit)', (r) => r.unit],
  ['限定词(qualifier)', (r) => r.qualifier.value],
  ['限定词说明(qualifierLabel)', (r) => r.qualifier.label],
  ['比较方式(comparison)', (r) => r.comparison.value],
  ['比较方式说明(comparisonLabel)', (r) => r.comparison.label],
  ['显示(display)', (r) => r.display],
  ['统计期类型(periodKind)', (r) => r.period.kind],
  ['统计期(periodLabel)', (r) => r.period.label],
  ['统计期开始(periodStart)', (r) => r.period.start],
  ['统计期结束(periodEnd)', (r) => r.period.end],
  ['原文摘录(evidence)', (r) => r.evidence],
  ['来源文章(sourceTitle)', (r) => r.sourceTitle],
  ['来源链接(sourceUrl)', (r) => r.sourceUrl],
  ['数据编号(id)', (r) => r.id],
]

/**
 * RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; lines end in CRLF. A text
 * starting with = + - @ (or a tab or carriage return) would be run as a formula by Excel and LibreOffice
 * (an evidence phrase "=HYPERLINK(…)" typed or imported into the CMS): it is written with a leading
 * apostrophe, which spreadsheets show as text. Numbers are written as they are.
 */
export const csvField = (value: string | number | null) => {
  const text = value === null ? '' : typeof value === 'number' ? String(value) : defuseFormula(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

const defuseFormula = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text)

/** UTF-8 with a byte-order mark, so Excel opens the Chinese text correctly. */
export function toCsv(records: FigureRecord[]) {
  const lines = [
    CSV_COLUMNS.map(([heading]) => heading),
    ...records.map((r) => CSV_COLUMNS.map(([, get]) => get(r))),
  ]
  return `\uFEFF${lines.map((fields) => fields.map(csvField).join(',')).join('\r\n')}\r\n`
}
