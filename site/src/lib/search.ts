/**
 * How pages enter the search index (Pagefind) and how the search page ranks them. A page gives its type,
 * shown on the result and offered as a filter, and its date, shown and sortable; catalogue pages (a region,
 * an enterprise, an indicator) weigh their words far less than an article's (layouts/Base.astro).
 */
export const SEARCH_TYPES = ['文章', '地区', '企业', '指标', '专题', '栏目', '本站'] as const
export type SearchType = (typeof SEARCH_TYPES)[number]

/** The Pagefind filter that holds a page's type. */
export const SEARCH_TYPE_FILTER = '类型'

export type SearchEntry = {
  type: SearchType
  /** iso for sorting (2023-07-28), label as readers read it (2023年7月28日). */
  date?: { iso: string; label: string }
  weight?: 'catalogue'
}

/**
 * How much a catalogue page's words count against an article's (Pagefind weighs a word by the square of its
 * weight; an h1 is 7 by default).
 */
export const CATALOGUE_WEIGHT = 0.25
/** A catalogue page's title (a region's, an indicator's name). */
export const CATALOGUE_TITLE_WEIGHT = 0.5

/**
 * Pagefind's ranking, tuned so the articles that discuss the query rank above pages that merely bear it in
 * their name. Pagefind adds to a page's score a boost for each query word in its title, about as large as the
 * score of the whole text: a twenty-word topic page named 技能提升 outranked every report about skills, whatever
 * the weights. Titles count for a tenth here (metaWeights), page length for little (pageLength 0.2 against 0.75)
 * and repetitions keep counting longer (termSaturation 2 against 1.4). Tried on the demo content (search
 * 技能, 工会, 技能等级认定); tests/site.test.ts checks the order.
 */
export const SEARCH_RANKING = {
  pageLength: 0.2,
  termSaturation: 2,
  termFrequency: 1,
  termSimilarity: 1,
  metaWeights: { title: 0.1 },
}

/** What Pagefind returns of a result (the fields the search page reads). */
export type SearchResultData = {
  url: string
  excerpt: string
  meta: { title?: string; type?: string; date?: string }
  filters: Record<string, string[]>
}
