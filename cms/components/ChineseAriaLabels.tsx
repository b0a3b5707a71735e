'use client'
import { useTranslation } from '@payloadcms/ui'
import { useEffect, type ReactNode } from 'react'

/**
 * Screen-reader labels that @payloadcms/ui and @payloadcms/richtext-lexical 3.90 write in English whatever the
 * admin's language (no translation key exists for them), put into Chinese as they appear. Delete an entry when
 * Payload translates it; tests/admin-editors.browser.test.ts reports any English that is left.
 */
const FIXED: Record<string, string> = {
  'Insert Paragraph': '在末尾插入段落',
  'Drag to move': '拖动以移动',
  'Add block': '添加内容块',
  'Edit link': '编辑链接',
  'Remove link': '移除链接',
  'Notifications alt+T': '通知（Alt+T）',
}
/** The relationship field's chips: `Edit 技能竞赛`. */
const PATTERNS: [RegExp, string][] = [[/^Edit (.+)$/, '编辑 $1']]

function inChinese(el: Element) {
  const current = el.getAttribute('aria-label')
  if (!current) return
  let next = FIXED[current]
  for (const [pattern, replacement] of PATTERNS)
    if (!next && pattern.test(current)) next = current.replace(pattern, replacement)
  if (next && next !== current) el.setAttribute('aria-label', next)
}

export function ChineseAriaLabels({ children }: { children?: ReactNode }) {
  const { i18n } = useTranslation()
  const chinese = i18n.language === 'zh'
  useEffect(() => {
    if (!chinese) return
    const sweep = (root: ParentNode) => root.querySelectorAll('[aria-label]').forEach(inChinese)
    sweep(document)
    const observer = new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        if (mutation.type === 'attributes') inChinese(mutation.target as Element)
        for (const node of mutation.addedNodes) {
          if (node instanceof Element) {
            inChinese(node)
            sweep(node)
          }
        }
      }
    })
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['aria-label'],
    })
    return () => observer.disconnect()
  }, [chinese])
  return <>{children}</>
}
