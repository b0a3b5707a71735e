'use client'
import { Button, useConfig, useDocumentDrawer, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useCallback, useEffect, useState } from 'react'

import { REVIEW_STATES, isUnit, labelOf, type ReviewState } from '../../content-schema/enums'
import { formatFigure } from '../../content-schema/figures'
import type { Metric } from '../../content-schema/payload-types'
import { findFigures } from '../lib/import/figures'

type Named = { name?: string | null } | string | null | undefined
const nameOf = (value: Named) => (value && typeof value === 'object' ? (value.name ?? '') : '')

/**
 * 本文的指标数据 on the article's edit page: every figure whose source is this article, with its value as the
 * portal prints it (content-schema/figures.ts), indicator, scope, period and review state; and a way to add
 * one from a phrase of the body: the phrase becomes its 原文语句, the figure in it its 原文写法 (read by the
 * importer's own finder), this article its source.
 */
export function ArticleFigures() {
  const { id } = useDocumentInfo()
  const {
    config: {
      serverURL,
      routes: { api, admin },
    },
  } = useConfig()
  const regions = useFormFields(([fields]) => fields.regions?.value) as string[] | null | undefined
  const [figures, setFigures] = useState<Metric[]>()
  const [failed, setFailed] = useState(false)
  const [phrase, setPhrase] = useState('')
  const [problem, setProblem] = useState('')
  const [initialData, setInitialData] = useState<Record<string, unknown>>()
  const [Drawer, , { openDrawer }] = useDocumentDrawer({ collectionSlug: 'metrics' })

  const load = useCallback(async () => {
    if (!id) return
    const query = `where[sourceArticle][equals]=${encodeURIComponent(String(id))}&depth=1&draft=true&limit=200&sort=createdAt`
    try {
      const response = await fetch(`${serverURL ?? ''}${api}/metrics?${query}`, { credentials: 'include' })
      if (!response.ok) throw new Error(String(response.status))
      setFigures(((await response.json()) as { docs: Metric[] }).docs)
      setFailed(false)
    } catch {
      setFailed(true)
    }
  }, [id, serverURL, api])
  useEffect(() => {
    void load()
  }, [load])

  const addFromPhrase = () => {
    const text = phrase.trim()
    const [found] = findFigures([{ text, match: text }])
    if (!found) {
      setProblem(`“${text || '（空）'}”中没有找到数字，请选取含有数据的原文语句`)
      return
    }
    setProblem('')
    setInitialData({
      sourceArticle: id,
      evidence: text,
      figureText: found.figureText,
      ...found.figure,
      ...(regions?.length === 1 ? { region: regions[0] } : {}),
    })
    openDrawer()
  }

  if (!id) return <p className="article-figures__empty">保存文章后，可在这里查看和添加本文的指标数据。</p>
  return (
    <div className="field-type article-figures">
      <h3 className="article-figures__title">本文的指标数据</h3>
      {failed && <p role="alert">指标数据读取失败，请刷新页面重试。</p>}
      {figures && !figures.length && <p className="article-figures__empty">本文还没有指标数据。</p>}
      {figures && figures.length > 0 && (
        <table className="article-figures__table">
          <thead>
            <tr>
              <th>门户显示</th>
              <th>指标</th>
              <th>范围</th>
              <th>统计期</th>
              <th>审核状态</th>
            </tr>
          </thead>
          <tbody>
            {figures.map((figure) => (
              <tr key={figure.id}>
                <td>
                  <a href={`${admin}/collections/metrics/${figure.id}`}>
                    {isUnit(figure.unit)
                      ? formatFigure({
                          value: figure.value,
                          unit: figure.unit,
                          qualifier: figure.qualifier,
                          comparison: figure.comparison,
                        })
                      : figure.figureText}
                  </a>
                </td>
                <td>{nameOf(figure.indicator as Named)}</td>
                <td>
                  {[nameOf(figure.region as Named), nameOf(figure.enterprise as Named)]
                    .filter(Boolean)
                    .join(' · ')}
                </td>
                <td>{figure.period?.label}</td>
                <td>
                  {labelOf(REVIEW_STATES, (figure.review?.state ?? 'draft') as ReviewState)}
                  {figure._status === 'published' ? '' : '（未发布）'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="article-figures__add">
        <label htmlFor="article-figures-phrase">从正文摘句添加</label>
        <div className="article-figures__row">
          <input
            id="article-figures-phrase"
            type="text"
            value={phrase}
            placeholder="粘贴或选取正文中含有数据的一句话，如“新增高技能人才2097人”"
            onChange={(event) => setPhrase(event.target.value)}
          />
          <Button
            buttonStyle="secondary"
            size="small"
            onClick={() => setPhrase(window.getSelection()?.toString().trim() || phrase)}
            onMouseDown={(event) => event.preventDefault()}
          >
            使用选中的文字
          </Button>
          <Button buttonStyle="primary" size="small" onClick={addFromPhrase}>
            添加指标数据
          </Button>
        </div>
        {problem && (
          <p className="article-figures__problem" role="alert">
            {problem}
          </p>
        )}
      </div>
      {initialData && (
        <Drawer key={JSON.stringify(initialData)} initialData={initialData} onSave={() => void load()} />
      )}
    </div>
  )
}
