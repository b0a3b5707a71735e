/**
 * npm run import:score [-- --heldout]
 * Precision and recall of figures, the share of found figures with the right scope and period, slips flagged
 * and review marks, page by page: the tuned corpus, the four seed pages (figures only: their labels have no
 * scope or period), and with --heldout the held-out corpus, scored once, at the end of a change.
 */
import fs from 'node:fs'
import path from 'node:path'

import { decodePage } from '../../cms/lib/import/decode'
import { scoreLine, scoreFolder, seedCatalogue, totals, type PageScore } from './corpus'
import { figuresOnPage, scoreFigures, totalScore } from './evaluate'

const root = path.join(import.meta.dirname, '../../tests/fixtures')
const verbose = process.argv.includes('--verbose')
const catalogue = seedCatalogue()

function report(title: string, scores: PageScore[]) {
  console.log(`\n== ${title}`)
  for (const s of scores) {
    console.log(scoreLine(s.page, s))
    if (verbose) for (const p of s.problems) console.log(`    ${p}`)
  }
  console.log(scoreLine('TOTAL', totals(scores)))
}

report('tuned corpus', scoreFolder(path.join(root, 'import-corpus/tuned'), catalogue))
if (process.argv.includes('--heldout')) {
  // Scored once, at the end of a change (SCORES.md); sets scored before have been moved into tuned/.
  report('held-out corpus', scoreFolder(path.join(root, 'import-corpus/heldout'), catalogue))
}

console.log('\n== seed pages (figures only)')
const seedDir = path.join(root, 'import')
const seedScores = fs
  .readdirSync(seedDir)
  .filter((f) => f.endsWith('.figures.json'))
  .sort()
  .map((file) => {
    const name = file.replace(/\.figures\.json$/, '')
    const page = fs.readdirSync(seedDir).find((p) => p.startsWith(`${name}.`) && !p.endsWith('.json'))!
    const labels = JSON.parse(fs.readFileSync(path.join(seedDir, file), 'utf8'))
    const score = scoreFigures(
      figuresOnPage(decodePage(fs.readFileSync(path.join(seedDir, page))).text),
      labels,
    )
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`
    console.log(
      `${page.padEnd(32)} P ${pct(score.precision).padStart(6)}  R ${pct(score.recall).padStart(6)}`,
    )
    if (verbose) {
      for (const m of score.missed) console.log(`    missed ${m.phrase}`)
      for (const s of score.spurious) console.log(`    wrong ${s.phrase}`)
    }
    return score
  })
const seedTotal = totalScore(seedScores)
console.log(
  `${'TOTAL'.padEnd(32)} P ${(100 * seedTotal.precision).toFixed(1)}%  R ${(100 * seedTotal.recall).toFixed(1)}%` +
    ` (${seedTotal.correct} right, ${seedTotal.found} found, ${seedTotal.labelled} labelled)`,
)
