/**
 * How well figure extraction does against a hand-labelled list of the figures a page contains: precision (how
 * many of the figures found are real) and recall (how many of the real ones were found). A found figure counts
 * when its phrase and its reading (value, unit, qualifier, comparison) both agree with a label.
 */
import type { Figure } from '../../content-schema/figures'
import { matchingText } from '../../cms/lib/import/chinese'
import { extractArticles } from '../../cms/lib/import/extract'
import { findFigures, type FoundFigure } from '../../cms/lib/import/figures'

export type LabelledFigure = Figure & { phrase: string }

export type FigureScore = {
  labelled: number
  found: number
  correct: number
  precision: number
  recall: number
  missed: LabelledFigure[]
  spurious: { phrase: string; figure: Figure }[]
}

/** Every figure on a decoded page, article by article, without a CMS. */
export function figuresOnPage(text: string): FoundFigure[] {
  return extractArticles(text).articles.flatMap((article) =>
    findFigures(article.paragraphs.map((p) => ({ text: p, match: matchingText(p) }))),
  )
}

export function scoreFigures(
  found: { phrase: string; figure: Figure }[],
  labels: LabelledFigure[],
): FigureScore {
  const open = [...labels]
  const spurious: FigureScore['spurious'] = []
  for (const candidate of found) {
    const at = open.findIndex((label) => agrees(candidate, label))
    if (at >= 0) open.splice(at, 1)
    else spurious.push(candidate)
  }
  const correct = labels.length - open.length
  return {
    labelled: labels.length,
    found: found.length,
    correct,
    precision: found.length ? correct / found.length : 1,
    recall: labels.length ? correct / labels.length : 1,
    missed: open,
    spurious,
  }
}

/** Adds up scores from several pages. */
export function totalScore(scores: FigureScore[]): FigureScore {
  const sum = (key: 'labelled' | 'found' | 'correct') => scores.reduce((n, s) => n + s[key], 0)
  const [labelled, found, correct] = [sum('labelled'), sum('found'), sum('correct')]
  return {
    labelled,
    found,
    correct,
    precision: found ? correct / found : 1,
    recall: labelled ? correct / labelled : 1,
    missed: scores.flatMap((s) => s.missed),
    spurious: scores.flatMap((s) => s.spurious),
  }
}

function agrees(candidate: { phrase: string; figure: Figure }, label: LabelledFigure) {
  const { figure } = candidate
  const same =
    figure.value === label.value &&
    figure.unit === label.unit &&
    figure.qualifier === label.qualifier &&
    figure.comparison === label.comparison
  const a = matchingText(candidate.phrase)
  const b = matchingText(label.phrase)
  return same && (a.includes(b) || b.includes(a))
}
