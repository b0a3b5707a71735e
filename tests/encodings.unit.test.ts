/** Big5 pages (older Taiwanese and Hong Kong sites) through the importer's decoder, cms/lib/import/decode.ts. */
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'

import { decodePage } from '../cms/lib/import/decode'

// Written for this test: a short traditional-character report, every character of it in Big5.
const page = (charset: string) =>
  `<html><head>${charset ? `<meta charset="${charset}">` : ''}<title>蘇州工業園區推進產業工人隊伍建設改革</title></head>` +
  '<body><p>園區總工會聯合社會組織，開展職業技能培訓三千餘人次，新增高技能人才一千二百名。' +
  '企業設立創新工作室，職工提出合理化建議，產改服務進入班組。</p></body></html>'

describe('Big5 input', () => {
  it.each(['big5', 'Big5', 'x-big5', 'cp950'])(
    'is read by its declared charset "%s" and named Big5',
    (charset) => {
      const bytes = iconv.encode(page(charset), 'big5')
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow()
      const decoded = decodePage(bytes)
      expect(decoded).toMatchObject({ encoding: 'Big5', decidedBy: 'declared' })
      expect(decoded.text).toBe(page(charset))
    },
  )

  it('is recognised without a declared charset', () => {
    const decoded = decodePage(iconv.encode(page(''), 'big5'))
    expect(decoded).toMatchObject({ encoding: 'Big5', decidedBy: 'detected' })
    expect(decoded.text).toContain('產改服務進入班組')
  })
})
