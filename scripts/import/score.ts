/**
 * Precision and recall of figure extraction against labelled pages:
 *   npx tsx scripts/import/score.ts <labels dir> [pages dir]
 * Each <name>.figures.json in the labels dir lists the figures of page <name>.* (in the pages dir, by default
 * the labels dir): [{ "phrase": "2000余万元", "value": 20000000, "unit": "元", "qualifier": "more",
 * "comparison": "none" }, …]. Prints what was missed or wrongly found, page by page, then the totals.
 */
import fs from 'node:fs'
import path from 'node:path'

import { decodePage } from '../../cms/lib/import/decode'
import { figuresOnPage, scoreFigures, totalScore } from './evaluate'

const [labelsDir, pagesDir = labelsDir] = process.argv.slice(2)
if (!labelsDir) {
  console.error('用法：npx tsx scripts/import/score.ts <标注目录> [网页目录]')
  process.exit(1)
}
const pages = fs.readdirSync(pagesDir)
const scores = fs
  .readdirSync(labelsDir)
  .filter((file) => file.endsWith('.figures.json'))
  .map((file) => {
    const name = file.replace(/\.figures\.json$/, '')
    const page = pages.find((p) => p.startsWith(`${name}.`) && !p.endsWith('.json'))
    if (!page) throw new Error(`no page for ${file} in ${pagesDir}`)
    const labels = JSON.parse(fs.readFileSync(path.join(labelsDir, file), 'utf8'))
    const score = scoreFigures(
      figuresOnPage(decodePage(fs.readFileSync(path.join(pagesDir, page))).text),
      labels,
    )
    const missed = score.missed.map((m) => m.phrase).join(' ')
    const wrong = score.spurious.map((s) => s.phrase).join(' ')
    console.log(
      `${page}: ${score.correct}/${score.found} found right, ${score.correct}/${score.labelled} labelled found` +
        (missed ? `; missed ${missed}` : '') +
        (wrong ? `; wrong ${wrong}` : ''),
    )
    return score
  })
const total = totalScore(scores)
console.log(
  `precision ${total.precision.toFixed(3)}, recall ${total.recall.toFixed(3)} ` +
    `(${total.correct} right, ${total.found} found, ${total.labelled} labelled)`,
)
