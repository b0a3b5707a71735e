/**
 * Scoring the importer on labelled pages without a CMS: the seed catalogue stands in for the CMS's regions,
 * enterprises and indicators (and the seed articles for the articles it has), and every page goes through
 * the importer's own extraction, duplicate check and analysis. Each figure found is matched to a label by
 * phrase and reading; for the matched ones the scope (region and enterprise) and period are compared with
 * the label, the planted slips with the flags raised, and bylines, draft places and duplicates with theirs.
 */
import fs from 'node:fs'
import path from 'node:path'

import { isUnit } from '../../content-schema/enums'
import type { Figure } from '../../content-schema/figures'
import { analyseArticle, type Catalogue, type ProposedMetric } from '../../cms/lib/import/analyse'
import { matchingText } from '../../cms/lib/import/chinese'
import { decodePage } from '../../cms/lib/import/decode'
import { findDuplicate, type KnownArticle } from '../../cms/lib/import/duplicates'
import { ImportError } from '../../cms/lib/import/errors'
import { extractArticles } from '../../cms/lib/import/extract'
import type { KnownIndicator } from '../../cms/lib/import/indicators'
import { Gazetteer } from '../../cms/lib/import/link'

type SeedRegion = { name: string; level: string; parent: string | null }
type SeedEnterprise = { name: string; shortName?: string; region?: string }
type SeedIndicator = { name: string; slug: string; description?: string; canonicalUnit: string; kind: string }

const SEED_DATA = path.join(import.meta.dirname, '../seed/data')
const readSeed = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(SEED_DATA, file), 'utf8'))

type SeedArticle = { key: string; title: string; status?: string; originalUrl?: string }

/** The seed articles as the importer sees the CMS's: their text is their body without Markdown headings. */
export function seedArticles(): KnownArticle[] {
  return readSeed<SeedArticle[]>('articles.json').map((a) => ({
    id: a.key,
    title: a.title,
    status: a.status ?? 'published',
    originalUrl: a.originalUrl,
    text: fs.readFileSync(path.join(SEED_DATA, 'articles', `${a.key}.md`), 'utf8').replace(/^#+\s*/gm, ''),
  }))
}

/** The seed catalogue as the importer sees the CMS's: documents are identified by their names. */
export function seedCatalogue(): Catalogue {
  const regions = readSeed<SeedRegion[]>('regions.json')
  const enterprises = readSeed<SeedEnterprise[]>('enterprises.json')
  const indicators = readSeed<SeedIndicator[]>('indicators.json')
  return {
    gazetteer: new Gazetteer(
      regions.map((r) => ({ id: r.name, name: r.name, level: r.level, parent: r.parent })),
      enterprises.map((e) => ({ id: e.name, name: e.name, shortName: e.shortName, region: e.region })),
    ),
    indicators: indicators.flatMap((i): KnownIndicator[] =>
      isUnit(i.canonicalUnit)
        ? [
            {
              id: i.slug,
              name: i.name,
              description: i.description,
              canonicalUnit: i.canonicalUnit,
              kind: i.kind as KnownIndicator['kind'],
            },
          ]
        : [],
    ),
  }
}

export type LabelledPeriod = { kind: string; start?: string; end?: string } | null
export type CorpusFigure = Figure & {
  phrase: string
  period: LabelledPeriod
  scope: string
  enterprise?: string
}
export type CorpusLabels = {
  subject: string
  figures: CorpusFigure[]
  flags: { written: string; likely: string }[]
  /** Bylines the page gives (people or offices); not checked when absent. */
  authors?: string[]
  /** Regions and enterprises to be proposed as drafts, with the parent the text names. */
  newPlaces?: { name: string; parent: string }[]
  /** The title of the seed article the page repeats. */
  duplicateOf?: string
}

export type PageScore = {
  page: string
  labelled: number
  found: number
  correct: number
  scopeRight: number
  periodRight: number
  flagsExpected: number
  flagsFound: number
  /** Flags raised that name no planted slip. */
  flagsExtra: string[]
  bylinesExpected: number
  bylinesFound: number
  placesExpected: number
  placesFound: number
  duplicatesExpected: number
  duplicatesFound: number
  /** Pages taken for a copy of an article they are not. */
  duplicatesWrong: number
  /**
   * Review marks on the figure itself (reading, period, place; the indicator is chosen apart): how many of
   * the figures found right were marked, how many needed a mark (wrong scope or period, or a period the text
   * does not give and the editor must fill in), and how those two overlap.
   */
  marked: number
  needed: number
  markedNeeded: number
  unmarkedNeeded: number
  problems: string[]
}

/** Everything the importer proposes for a page, article by article. */
export function analysePage(bytes: Uint8Array, catalogue: Catalogue) {
  return extractArticles(decodePage(bytes).text).articles.map((a) => analyseArticle(a, catalogue))
}

/** As the importer writes a page: an article the CMS already has (`existing`) gets nothing of its own. */
export function importPage(bytes: Uint8Array, catalogue: Catalogue, existing: KnownArticle[]) {
  return analysePage(bytes, catalogue).map((analysis) => ({
    analysis,
    duplicate: findDuplicate(analysis.article, existing),
  }))
}

const squeeze = (text: string) => matchingText(text).replace(/\s+/g, '')

function samePhrase(found: string, label: string) {
  const a = squeeze(found)
  const b = squeeze(label)
  return a.includes(b) || b.includes(a)
}

function sameReading(a: Figure, b: Figure) {
  return (
    a.value === b.value && a.unit === b.unit && a.qualifier === b.qualifier && a.comparison === b.comparison
  )
}

/** The period as labelled: null for one the text does not state. */
function periodRight(metric: ProposedMetric, label: LabelledPeriod) {
  const unstated = metric.period.label === '原文未注明' || metric.period.label === '发布时'
  if (label === null) return unstated
  if (unstated || metric.period.kind !== label.kind) return false
  return (
    (label.start === undefined || metric.period.start === label.start) &&
    (label.end === undefined || metric.period.end === label.end)
  )
}

function scopeRight(metric: ProposedMetric, label: CorpusFigure, catalogue: Catalogue) {
  if (metric.region?.name !== label.scope) return false
  if (!label.enterprise) return !metric.enterprise
  const name = metric.enterprise?.name
  if (!name) return false
  const known = metric.enterprise?.id ? catalogue.gazetteer.enterprises.get(metric.enterprise.id) : undefined
  return name === label.enterprise || known?.shortName === label.enterprise
}

export function scorePage(
  page: string,
  bytes: Uint8Array,
  labels: CorpusLabels,
  catalogue: Catalogue,
  existing: KnownArticle[] = seedArticles(),
): PageScore {
  let imported: ReturnType<typeof importPage> = []
  let refused: string | undefined
  try {
    imported = importPage(bytes, catalogue, existing)
  } catch (error) {
    if (!(error instanceof ImportError)) throw error
    refused = error.message
  }
  const analyses = imported.filter((i) => !i.duplicate).map((i) => i.analysis)
  const duplicates = imported.flatMap((i) => (i.duplicate ? [i.duplicate.title] : []))
  const metrics = analyses.flatMap((a) => a.metrics)
  const flags = analyses.flatMap((a) => a.flags)
  const open = [...labels.figures]
  const problems: string[] = []
  const score: PageScore = {
    page,
    labelled: labels.figures.length,
    found: metrics.length,
    correct: 0,
    scopeRight: 0,
    periodRight: 0,
    flagsExpected: labels.flags.length,
    flagsFound: 0,
    flagsExtra: [],
    bylinesExpected: labels.authors?.length ?? 0,
    bylinesFound: 0,
    placesExpected: labels.newPlaces?.length ?? 0,
    placesFound: 0,
    duplicatesExpected: labels.duplicateOf ? 1 : 0,
    duplicatesFound: 0,
    duplicatesWrong: 0,
    marked: 0,
    needed: 0,
    markedNeeded: 0,
    unmarkedNeeded: 0,
    problems,
  }
  if (refused) problems.push(`refused: ${refused}`)
  for (const metric of metrics) {
    const at = open.findIndex((l) => samePhrase(metric.phrase, l.phrase) && sameReading(metric.figure, l))
    if (at < 0) {
      problems.push(`wrong ${metric.phrase}`)
      continue
    }
    const [label] = open.splice(at, 1)
    score.correct++
    const scope = scopeRight(metric, label, catalogue)
    const period = periodRight(metric, label.period)
    if (scope) score.scopeRight++
    else
      problems.push(
        `scope ${label.phrase}: ${metric.enterprise?.name ?? ''}${metric.region?.name ?? '-'} ≠ ${label.enterprise ?? ''}${label.scope}`,
      )
    if (period) score.periodRight++
    else
      problems.push(
        `period ${label.phrase}: ${metric.period.kind} ${metric.period.label} ${metric.period.start ?? ''}..${metric.period.end ?? ''}`,
      )
    const marked = metric.checks.length > 0
    const needed = !scope || !period || label.period === null
    if (marked) score.marked++
    if (needed) score.needed++
    if (needed && marked) score.markedNeeded++
    if (needed && !marked) score.unmarkedNeeded++
  }
  for (const label of open) problems.push(`missed ${label.phrase}`)
  for (const slip of labels.flags) {
    if (flags.some((f) => f.includes(slip.written) && f.includes(slip.likely))) score.flagsFound++
    else problems.push(`slip not flagged ${slip.written}→${slip.likely}`)
  }
  score.flagsExtra = flags.filter(
    (f) => !labels.flags.some((slip) => f.includes(slip.written) && f.includes(slip.likely)),
  )
  for (const extra of score.flagsExtra) problems.push(`extra flag ${extra}`)
  const bylines = new Set(analyses.flatMap((a) => a.article.authors.map((b) => b.name)))
  for (const name of labels.authors ?? []) {
    if (bylines.has(name)) score.bylinesFound++
    else problems.push(`byline missing ${name} (found ${[...bylines].join('、') || 'none'})`)
  }
  const proposals = analyses.flatMap((a) => a.proposals)
  for (const place of labels.newPlaces ?? []) {
    const draft = proposals.find((p) => p.name === place.name)
    if (draft?.parent?.name === place.parent) score.placesFound++
    else
      problems.push(
        `draft ${place.name} < ${place.parent}: ${draft ? `under ${draft.parent?.name ?? '-'}` : 'not proposed'}`,
      )
  }
  for (const title of duplicates) {
    if (title === labels.duplicateOf) score.duplicatesFound++
    else {
      score.duplicatesWrong++
      problems.push(`taken for a copy of 《${title}》`)
    }
  }
  if (labels.duplicateOf && !duplicates.includes(labels.duplicateOf))
    problems.push(`copy of 《${labels.duplicateOf}》 not recognised`)
  return score
}

/** Scores every labelled page in a folder of the corpus. */
export function scoreFolder(
  folder: string,
  catalogue = seedCatalogue(),
  existing = seedArticles(),
): PageScore[] {
  return fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.labels.json'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.labels\.json$/, '')
      const page = fs.readdirSync(folder).find((p) => p.startsWith(`${name}.`) && !p.endsWith('.json'))
      if (!page) throw new Error(`no page for ${file} in ${folder}`)
      const labels: CorpusLabels = JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8'))
      return scorePage(page, fs.readFileSync(path.join(folder, page)), labels, catalogue, existing)
    })
}

export type Totals = Omit<PageScore, 'page' | 'problems' | 'flagsExtra'> & { flagsExtra: number }

export function totals(scores: PageScore[]): Totals {
  const sum = (key: keyof Omit<Totals, 'flagsExtra'>) => scores.reduce((n, s) => n + s[key], 0)
  return {
    labelled: sum('labelled'),
    found: sum('found'),
    correct: sum('correct'),
    scopeRight: sum('scopeRight'),
    periodRight: sum('periodRight'),
    flagsExpected: sum('flagsExpected'),
    flagsFound: sum('flagsFound'),
    flagsExtra: scores.reduce((n, s) => n + s.flagsExtra.length, 0),
    bylinesExpected: sum('bylinesExpected'),
    bylinesFound: sum('bylinesFound'),
    placesExpected: sum('placesExpected'),
    placesFound: sum('placesFound'),
    duplicatesExpected: sum('duplicatesExpected'),
    duplicatesFound: sum('duplicatesFound'),
    duplicatesWrong: sum('duplicatesWrong'),
    marked: sum('marked'),
    needed: sum('needed'),
    markedNeeded: sum('markedNeeded'),
    unmarkedNeeded: sum('unmarkedNeeded'),
  }
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-')

/** One line of figures for a page or a total. */
export function scoreLine(name: string, s: Totals | PageScore): string {
  const extra = Array.isArray(s.flagsExtra) ? s.flagsExtra.length : s.flagsExtra
  return (
    `${name.padEnd(32)} P ${pct(s.correct, s.found).padStart(6)}  R ${pct(s.correct, s.labelled).padStart(6)}` +
    `  scope ${pct(s.scopeRight, s.correct).padStart(6)}  period ${pct(s.periodRight, s.correct).padStart(6)}` +
    `  flags ${s.flagsFound}/${s.flagsExpected}${extra ? ` (+${extra} extra)` : ''}` +
    `  marks ${s.marked}/${s.correct} needed ${s.needed} (${s.markedNeeded} hit, ${s.unmarkedNeeded} missed,` +
    ` ${s.marked - s.markedNeeded} unneeded)` +
    `  bylines ${s.bylinesFound}/${s.bylinesExpected}  drafts ${s.placesFound}/${s.placesExpected}` +
    `  copies ${s.duplicatesFound}/${s.duplicatesExpected}${s.duplicatesWrong ? ` (+${s.duplicatesWrong} wrong)` : ''}`
  )
}
