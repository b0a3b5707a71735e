import { describe, expect, it } from 'vitest'

import { SLUG_PATTERN, toSlug } from '../content-schema/slug'

describe('toSlug: pinyin slugs', () => {
  it.each([
    ['苏州工业园区', 'suzhou-gongye-yuanqu'],
    ['江苏省', 'jiangsu-sheng'],
    ['泰州市姜堰区', 'taizhou-shi-jiangyan-qu'],
    ['锡山区', 'xishan-qu'],
    ['柳市镇', 'liushi-zhen'],
    ['乐清市', 'yueqing-shi'],
    ['德力西控股集团有限公司', 'delixi-konggu-jituan-youxiangongsi'],
    ['博世汽车部件(苏州)有限公司', 'boshi-qiche-bujian-suzhou-youxiangongsi'],
    ['绿色工厂', 'lvse-gongchang'],
    ['5G产业园', '5g-chanye-yuan'],
    ['Bosch 苏州 2023', 'bosch-suzhou-2023'],
    ['“四大工程”赋能', 'sida-gongcheng-funeng'],
  ])('%s → %s', (text, slug) => {
    expect(toSlug(text)).toBe(slug)
    expect(SLUG_PATTERN.test(slug)).toBe(true)
  })

  it('gives an empty slug for text with nothing to spell', () => {
    expect(toSlug('！？')).toBe('')
  })

  it('keeps slugs short, without a trailing hyphen', () => {
    const slug = toSlug('关于实施六个一赋能计划推动产才深度融合的方案'.repeat(3))
    expect(slug.length).toBeLessThanOrEqual(80)
    expect(SLUG_PATTERN.test(slug)).toBe(true)
  })
})
