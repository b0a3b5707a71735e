import { getTranslation } from '@payloadcms/translations'
import type { CollectionSlug, PayloadRequest, WidgetServerProps } from 'payload'

import { REVIEW_STATES, labelOf } from '../../content-schema/enums'
import { checkPublishing } from '../endpoints/health'
import { SITE_BUILD_STATUSES } from '../collections/SiteBuilds'
import { formatChinaTime, formatDuration } from '../lib/admin'
import {
  documentsInReview,
  failedBuilds,
  importsWithQuestions,
  latestBuilds,
  userName,
  type DeskItem,
} from '../lib/desk'

/** The dashboard's desks (lib/desk.ts says which role sees which). Server components: they read at render. */

const adminPath = (req: PayloadRequest, path: string) => `${req.payload.config.routes.admin}${path}`

const collectionLabel = (req: PayloadRequest, slug: CollectionSlug) =>
  getTranslation(req.payload.collections[slug].config.labels.singular, req.i18n)

function Panel({ title, name, children }: { title: string; name: string; children: React.ReactNode }) {
  return (
    <section className={`desk desk--${name}`} aria-label={title}>
      <h2 className="desk__title">{title}</h2>
      {children}
    </section>
  )
}

function Items({
  req,
  items,
  empty,
  name,
}: {
  req: PayloadRequest
  items: DeskItem[]
  empty: string
  name: string
}) {
  if (!items.length) return <p className="desk__empty">{empty}</p>
  return (
    <ol className={`desk__list desk__list--${name}`}>
      {items.map((item) => (
        <li key={`${item.collection}-${item.id}`} className="desk__item">
          <span className="desk__kind">{collectionLabel(req, item.collection)}</span>
          <a href={adminPath(req, `/collections/${item.collection}/${item.id}`)}>{item.title}</a>
          <span className="desk__meta">
            {labelOf(REVIEW_STATES, item.state)} · {formatChinaTime(item.since)}
            {item.by ? ` · ${item.by}` : ''}
          </span>
          {item.state === 'returned' && item.note && <p className="desk__note">审核意见：{item.note}</p>}
        </li>
      ))}
    </ol>
  )
}

/** 编辑: 待审核 oldest first, imports with open questions, builds that failed since the last good one. */
export async function ReviewDesk({ req }: WidgetServerProps) {
  const [pending, imports, failed] = await Promise.all([
    documentsInReview(req, ['pending']),
    importsWithQuestions(req),
    failedBuilds(req),
  ])
  return (
    <Panel title="编辑工作台" name="review">
      <h3>待审核（先提交的在前）</h3>
      <Items req={req} items={pending} empty="没有等待审核的稿件。" name="pending" />
      <h3>导入记录中待核实的事项</h3>
      {imports.length ? (
        <ol className="desk__list desk__list--imports">
          {imports.map((record) => (
            <li key={record.id} className="desk__item">
              <a href={adminPath(req, `/collections/imports/${record.id}`)}>
                {record.summary ?? record.fileName}
              </a>
              <span className="desk__meta">
                {record.notes?.length ?? 0}项待核实 · {formatChinaTime(record.importedAt)}
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="desk__empty">没有待核实的导入。</p>
      )}
      <h3>失败的构建</h3>
      {failed.length ? (
        <ol className="desk__list desk__list--failed">
          {failed.map((build) => (
            <li key={build.id} className="desk__item">
              <a href={adminPath(req, `/collections/site-builds/${build.id}`)}>
                {build.summary ?? '站点构建'}
              </a>
              <span className="desk__meta">{formatChinaTime(build.finishedAt)}</span>
              {build.error && <p className="desk__note">{build.error.split('\n')[0]}</p>}
            </li>
          ))}
        </ol>
      ) : (
        <p className="desk__empty">上次成功构建以来没有失败的构建。</p>
      )}
    </Panel>
  )
}

/** 撰稿: their drafts, what came back with a 审核意见, and what waits for an editor. */
export async function WriterDesk({ req }: WidgetServerProps) {
  const me = req.user?.id
  if (me === undefined) return null
  const [returned, drafts, pending] = await Promise.all([
    documentsInReview(req, ['returned'], { createdBy: me }),
    documentsInReview(req, ['draft'], { createdBy: me }),
    documentsInReview(req, ['pending'], { createdBy: me }),
  ])
  return (
    <Panel title="我的稿件" name="writer">
      <h3>退回修改（附审核意见）</h3>
      <Items req={req} items={returned} empty="没有退回的稿件。" name="returned" />
      <h3>我的草稿</h3>
      <Items req={req} items={drafts} empty="没有草稿。" name="drafts" />
      <h3>已提交、等待审核</h3>
      <Items req={req} items={pending} empty="没有等待审核的稿件。" name="submitted" />
    </Panel>
  )
}

/** Everyone: the last builds and whether the portal shows the latest published content. */
export async function BuildsDesk({ req }: WidgetServerProps) {
  const [builds, checks] = await Promise.all([latestBuilds(req), checkPublishing(req.payload)])
  const state = !checks.worker.ok
    ? { ok: false, text: '发布程序没有运行：修改暂时不会上线，请联系管理员。' }
    : checks.portal.ok
      ? { ok: true, text: '门户已是最新：所有已发布的内容都已上线。' }
      : !checks.lastBuild.ok && checks.queue.ok
        ? { ok: false, text: '最近一次构建失败，门户仍显示上一版内容。' }
        : { ok: false, text: '有修改正在排队或构建，稍后上线。' }
  return (
    <Panel title="门户发布" name="builds">
      <p className={`desk__status desk__status--${state.ok ? 'ok' : 'stale'}`} role="status">
        {state.text}
      </p>
      <ol className="desk__list desk__list--builds">
        {await Promise.all(
          builds.map(async (build) => (
            <li key={build.id} className="desk__item">
              <a href={adminPath(req, `/collections/site-builds/${build.id}`)}>
                {build.summary ?? '站点构建'}
              </a>
              <span className="desk__meta">
                {SITE_BUILD_STATUSES.find((s) => s.value === build.status)?.label.zh} ·{' '}
                {formatChinaTime(build.finishedAt ?? build.requestedAt)}
                {build.durationMs ? ` · 耗时${formatDuration(build.durationMs)}` : ''}
                {` · ${(await userName(req, build.requestedBy as string | number | null)) ?? '系统'}`}
              </span>
            </li>
          )),
        )}
      </ol>
      <p>
        <a href={adminPath(req, '/collections/site-builds')}>全部构建记录</a>
      </p>
    </Panel>
  )
}
