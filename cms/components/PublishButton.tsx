'use client'
import { PublishButton as PayloadPublishButton, useDocumentInfo } from '@payloadcms/ui'
import { useEffect } from 'react'

/**
 * Payload's 发布 button, with one correction: Payload counts unpublished versions only against a published
 * one, so a draft that was never published has none, and its 预约发布 dialog then offers 取消发布 first.
 * A draft never published *is* an unpublished version: counted as one, the dialog defaults to 发布.
 * (Payload's Status label uses the count only for published documents, so nothing else changes.)
 */
export function PublishButton() {
  const { id, hasPublishedDoc, unpublishedVersionCount, setUnpublishedVersionCount } = useDocumentInfo()
  useEffect(() => {
    if (id && !hasPublishedDoc && unpublishedVersionCount === 0) setUnpublishedVersionCount(1)
  }, [id, hasPublishedDoc, unpublishedVersionCount, setUnpublishedVersionCount])
  return <PayloadPublishButton />
}
