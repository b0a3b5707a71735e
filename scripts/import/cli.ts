/**
 * npm run import -- <files…>: reads saved pages (HTML or text, any Chinese encoding) into drafts for an editor
 * to check. Nothing is published. Prints what each file gave; exits with 1 if any file could not be imported.
 * `--verbose` also lists every proposed figure and what to check on it. A report the CMS already has (same
 * original address, or same title and text) is not written again unless `--again` asks for a copy.
 */
import fs from 'node:fs'
import path from 'node:path'

import { getPayload } from 'payload'

import { describeTarget, prepareEnvironment } from '../lib/env'
import { ImportError } from '../../cms/lib/import/errors'
import { importReport, type ImportResult } from '../../cms/lib/import/importer'

const args = process.argv.slice(2)
const verbose = args.includes('--verbose')
const again = args.includes('--again')
const files = args.filter((a) => !a.startsWith('--'))
if (files.length === 0) {
  console.error('用法：npm run import -- <保存的网页或文本文件…> [--verbose] [--again]')
  process.exit(1)
}

const { database } = prepareEnvironment()
const { default: config } = await import('../../cms/payload.config')
const payload = await getPayload({ config })
console.log(`导入到 ${describeTarget(database)}（全部为草稿，不发布）\n`)

let failed = 0
for (const file of files) {
  try {
    const result = await importReport(
      payload,
      { fileName: path.basename(file), bytes: fs.readFileSync(file) },
      { again },
    )
    report(file, result)
  } catch (error) {
    failed++
    const message = error instanceof ImportError ? error.message : `导入时出错：${(error as Error).message}`
    console.error(`✗ ${file}\n  ${message}\n`)
    if (!(error instanceof ImportError) && verbose) console.error(error)
  }
}
if (files.length > 1)
  console.log(`共 ${files.length} 个文件，成功 ${files.length - failed} 个，失败 ${failed} 个`)
await payload.destroy()
process.exit(failed ? 1 : 0)

function report(file: string, result: ImportResult) {
  const again = result.status === 'updated' ? '（此前导入过，已更新原有草稿）' : ''
  console.log(`✓ ${file}  [${result.encoding}]${again}`)
  const kind = result.digest ? `（多条消息拆分为 ${result.articles.length} 篇）` : ''
  console.log(`  文章草稿 ${result.articles.length} 篇${kind}：`)
  for (const a of result.articles)
    console.log(
      `    《${a.title}》 ${a.action === 'created' ? '新建' : a.action === 'updated' ? '已更新' : `已在系统中（文章 ${a.id}），未重复创建`}`,
    )
  const m = result.metrics
  console.log(
    `  数据草稿 ${m.total} 项（新建 ${m.created}，更新 ${m.updated}），其中 ${m.needsReview} 项待核实`,
  )
  const places = (label: string, { matched, proposed }: ImportResult['regions']) =>
    console.log(
      `  ${label}：已匹配 ${matched.length} 个${matched.length ? `（${matched.join('、')}）` : ''}；` +
        `新建草稿 ${proposed.length} 个${proposed.length ? `（${proposed.join('、')}）` : ''}`,
    )
  places('地区', result.regions)
  places('企业', result.enterprises)
  for (const flag of result.flags) console.log(`  ⚠ ${flag}`)
  const titles = new Map(result.articles.map((a) => [a.id, a.title]))
  for (const note of result.notes.filter(
    (n) => n.kind === 'missing' || n.document?.collection === 'articles',
  )) {
    const title = result.digest && note.document ? `《${titles.get(note.document.id)}》` : ''
    console.log(`  · ${title}${note.message}`)
  }
  if (verbose) {
    for (const f of result.figures) {
      const where = [f.region, f.enterprise].filter(Boolean).join(' · ') || '—'
      const check = f.review.length ? `  ？${f.review.join('；')}` : ''
      console.log(
        `    ${f.figureText} ｜ ${f.indicator ?? '（未定指标）'} ｜ ${where} ｜ ${f.period}${check}`,
      )
    }
  }
  console.log('')
}
