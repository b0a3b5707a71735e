import { describe, it, expect } from 'vitest'
import {
  FigureParseError,
  formatFigure,
  formatNumberChinese,
  parseFigure,
  type Figure,
} from '../content-schema/figures'

type Case = [input: string, figure: Figure, canonical: string]

const level = (value: number, unit: Figure['unit'], qualifier: Figure['qualifier'] = 'exact'): Figure => ({
  value,
  unit,
  qualifier,
  comparison: 'none',
})
const yoy = (value: number, unit: Figure['unit'], qualifier: Figure['qualifier'] = 'exact'): Figure => ({
  value,
  unit,
  qualifier,
  comparison: 'yoy',
})

/** Phrasings taken from the reports; the third column is how the portal writes the same figure. */
const CASES: Case[] = [
  // exact counts and amounts
  ['70.06万人次', level(700600, '人次'), '70.06万人次'],
  ['1.36万人', level(13600, '人'), '1.36万人'],
  ['2865人', level(2865, '人'), '2865人'],
  ['2097人', level(2097, '人'), '2097人'],
  ['２０９７人', level(2097, '人'), '2097人'],
  ['142.85万元', level(1428500, '元'), '142.85万元'],
  ['4523万元', level(45230000, '元'), '4523万元'],
  ['300万元', level(3000000, '元'), '300万元'],
  ['7.4亿元', level(740000000, '元'), '7.4亿元'],
  ['7.40亿元', level(740000000, '元'), '7.4亿元'],
  ['2千万元', level(20000000, '元'), '2000万元'],
  ['1.2万亿元', level(1200000000000, '元'), '12000亿元'],
  ['8500元', level(8500, '元'), '8500元'],
  ['193家', level(193, '家'), '193家'],
  ['3.2万人', level(32000, '人'), '3.2万人'],
  ['15580家', level(15580, '家'), '15580家'],
  ['15,580家', level(15580, '家'), '15580家'],
  ['13项', level(13, '项'), '13项'],
  ['3.93万人次', level(39300, '人次'), '3.93万人次'],
  ['39300人次', level(39300, '人次'), '3.93万人次'],
  ['10万人', level(100000, '人'), '10万人'],
  ['1.2亿人次', level(120000000, '人次'), '1.2亿人次'],
  ['56所', level(56, '所'), '56所'],
  ['126篇', level(126, '篇'), '126篇'],
  ['48件', level(48, '件'), '48件'],
  ['12场', level(12, '场'), '12场'],
  ['35次', level(35, '次'), '35次'],
  ['97%', level(97, '%'), '97%'],
  ['71.4%', level(71.4, '%'), '71.4%'],
  [' 2865 人 ', level(2865, '人'), '2865人'],
  // 余 / 多: a little more than
  ['2000余万元', level(20000000, '元', 'more'), '2000余万元'],
  ['60余万人', level(600000, '人', 'more'), '60余万人'],
  ['4万余人次', level(40000, '人次', 'more'), '4万余人次'],
  ['4万多人次', level(40000, '人次', 'moreDuo'), '4万多人次'],
  ['300余个', level(300, '个', 'more'), '300余个'],
  ['1000余人', level(1000, '人', 'more'), '1000余人'],
  ['1000多人', level(1000, '人', 'moreDuo'), '1000多人'],
  ['50多万人次', level(500000, '人次', 'moreDuo'), '50多万人次'],
  ['两千多人', level(2000, '人', 'moreDuo'), '2000多人'],
  ['万多名', level(10000, '名', 'moreDuo'), '万多名'],
  ['6万多人次', level(60000, '人次', 'moreDuo'), '6万多人次'],
  ['10万余名', level(100000, '名', 'more'), '10余万名'],
  ['万余家', level(10000, '家', 'more'), '万余家'],
  ['1.5万余人', level(15000, '人', 'more'), '1.5万余人'],
  // 超过 / 逾 / 超: over
  ['超过10万人次', level(100000, '人次', 'over'), '超过10万人次'],
  ['逾10万人次', level(100000, '人次', 'overYu'), '逾10万人次'],
  ['逾5万人', level(50000, '人', 'overYu'), '逾5万人'],
  ['超3000人', level(3000, '人', 'over'), '超过3000人'],
  ['超过97%', level(97, '%', 'over'), '超过97%'],
  // 近 / 将近 / 接近: nearly
  ['近20万人', level(200000, '人', 'nearly'), '近20万人'],
  ['近万名', level(10000, '名', 'nearly'), '近万名'],
  ['近40场次', level(40, '场次', 'nearly'), '近40场次'],
  ['将近3000人', level(3000, '人', 'nearly'), '近3000人'],
  ['接近2亿元', level(200000000, '元', 'nearly'), '近2亿元'],
  // 约 / 大约 / 左右: about
  ['约3000人', level(3000, '人', 'about'), '约3000人'],
  ['大约5万人次', level(50000, '人次', 'about'), '约5万人次'],
  ['3000人左右', level(3000, '人', 'about'), '约3000人'],
  ['约3000人左右', level(3000, '人', 'about'), '约3000人'],
  // 上 + power word: in the order of
  ['上千场', level(1000, '场', 'orderOf'), '上千场'],
  ['上万人', level(10000, '人', 'orderOf'), '上万人'],
  ['上百家', level(100, '家', 'orderOf'), '上百家'],
  ['上亿元', level(100000000, '元', 'orderOf'), '上亿元'],
  // year-on-year changes
  ['同比下降60%', yoy(-60, '%'), '同比下降60%'],
  ['同比下降71.4%', yoy(-71.4, '%'), '同比下降71.4%'],
  ['同比增长12.5%', yoy(12.5, '%'), '同比增长12.5%'],
  ['同比提高3.5%', yoy(3.5, '%'), '同比增长3.5%'],
  ['同比减少20%', yoy(-20, '%'), '同比下降20%'],
  ['同比增加120人', yoy(120, '人'), '同比增长120人'],
  ['同比增长超过30%', yoy(30, '%', 'over'), '同比增长超过30%'],
  ['同比降低1.2万元', yoy(-12000, '元'), '同比下降1.2万元'],
]

describe('parseFigure and formatFigure', () => {
  it.each(CASES)('%s', (input, figure, canonical) => {
    expect(parseFigure(input)).toEqual(figure)
    expect(formatFigure(figure)).toBe(canonical)
  })

  it('round-trips every canonical form', () => {
    for (const [, , canonical] of CASES) expect(formatFigure(parseFigure(canonical))).toBe(canonical)
  })
})

describe('exact values', () => {
  it('folds scale words into integers without float error', () => {
    expect(parseFigure('70.06万人次').value).toBe(700600)
    expect(parseFigure('1.36万人').value).toBe(13600)
    expect(parseFigure('142.85万元').value).toBe(1428500)
    expect(parseFigure('7.4亿元').value).toBe(740000000)
    expect(parseFigure('0.07亿元').value).toBe(7000000)
    expect(parseFigure('1.23456万元').value).toBe(12345.6)
  })

  it('writes the longest unit that matches', () => {
    expect(parseFigure('5000人次').unit).toBe('人次')
    expect(parseFigure('30场次').unit).toBe('场次')
  })
})

describe('formatNumberChinese', () => {
  it('keeps up to 2 decimals in 万 for counts and whole yuan for money', () => {
    expect(formatNumberChinese(12345, '人')).toBe('12345人')
    expect(formatNumberChinese(12345, '元')).toBe('1.2345万元')
    expect(formatNumberChinese(123450000, '元')).toBe('1.2345亿元')
    expect(formatNumberChinese(123456789, '元')).toBe('12345.6789万元')
    expect(formatNumberChinese(12345.67, '元')).toBe('12345.67元')
    expect(formatNumberChinese(20000, '%')).toBe('20000%')
  })
})

describe('bad input', () => {
  it.each([
    ['', '请填写数字'],
    ['   ', '请填写数字'],
    ['abc', '无法识别数字「abc」'],
    ['人次', '无法识别数字「人次」'],
    ['12公斤', '无法识别「12公斤」中的单位「公斤」'],
    ['万', '「万」缺少单位'],
    ['2000', '「2000」缺少单位'],
    ['2865人（含外包）', '无法识别「2865人（含外包）」中的单位'],
    ['上3000人', '「上3000人」中的“上”'],
    ['超过2000余人', '限定词相互矛盾'],
    ['同比增长', '无法识别数字「同比增长」'],
  ])('rejects %j', (input, message) => {
    expect(() => parseFigure(input)).toThrow(FigureParseError)
    expect(() => parseFigure(input)).toThrow(message)
  })
})
