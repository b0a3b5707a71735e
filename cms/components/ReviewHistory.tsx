import type { UIFieldServerProps } from 'payload'

import { REVIEW_DECISIONS, labelOf, type ReviewDecision } from '../../content-schema/enums'
import { formatChinaTime } from '../lib/admin'
import { userName } from '../lib/desk'

type Entry = { decision: ReviewDecision; by?: string | number | null; at: string; note?: string | null }

/**
 * 审核记录 in the document's sidebar: each review decision with who made it and when, newest first, read
 * from review.history (hooks/review.ts appends to it on every save through any interface).
 */
export async function ReviewHistory({ data, req }: UIFieldServerProps) {
  const history = ((data?.review as { history?: Entry[] } | undefined)?.history ?? []).slice().reverse()
  return (
    <div className="field-type review-history">
      <span className="field-label">审核记录</span>
      {history.length ? (
        <ol className="review-history__list">
          {await Promise.all(
            history.map(async (entry, index) => (
              <li key={index} className={`review-history__entry review-history__entry--${entry.decision}`}>
                <strong>{labelOf(REVIEW_DECISIONS, entry.decision)}</strong>
                <span>
                  {(await userName(req, entry.by)) ?? '系统'} · {formatChinaTime(entry.at)}
                </span>
                {entry.note && <span className="review-history__note">意见：{entry.note}</span>}
              </li>
            )),
          )}
        </ol>
      ) : (
        <p className="review-history__empty">尚无审核记录</p>
      )}
    </div>
  )
}
