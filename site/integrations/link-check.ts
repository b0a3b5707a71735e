import fs from 'node:fs'
import path from 'node:path'

/** Every file under `dir`, as paths relative to it. */
export const allFiles = (dir: string) =>
  fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))

/** Every .html file under `dir`, as paths relative to it. */
export const htmlFiles = (dir: string) => allFiles(dir).filter((file) => file.endsWith('.html'))

/**
 * Internal links (href, src and every image of a srcset, starting with "/") in `pages` of the site in `dir`
 * (all its pages by default) that point at none of its `files` (all the files in `dir` by default). A link
 * to "/a/b/" needs /a/b/index.html; anything else needs that exact file. Query and hash are ignored; a link
 * whose % escapes are malformed names no file, so it is broken.
 */
export function brokenInternalLinks(
  dir: string,
  pages = htmlFiles(dir),
  files = new Set(allFiles(dir)),
): { page: string; link: string }[] {
  const broken: { page: string; link: string }[] = []
  for (const page of pages) {
    const html = fs.readFileSync(path.join(dir, page), 'utf8')
    for (const link of internalLinks(html)) {
      const target = fileOf(link)
      if (target === undefined || !files.has(target)) broken.push({ page, link })
    }
  }
  return broken
}

/** The links of a page that stay on the site: href, src, and each URL of a srcset (before its width). */
function* internalLinks(html: string) {
  for (const [, attribute, value] of html.matchAll(/\s(href|src|srcset)="([^"]*)"/g)) {
    const urls = attribute === 'srcset' ? value!.split(',').map((c) => c.trim().split(/\s+/)[0]!) : [value!]
    for (const url of urls) if (url.startsWith('/') && !url.startsWith('//')) yield url
  }
}

/** The file a link needs, relative to the site's root; undefined when its % escapes cannot be decoded. */
function fileOf(link: string) {
  const pathname = link.replace(/[?#].*$/, '')
  let decoded: string
  try {
    decoded = decodeURI(pathname)
  } catch {
    return undefined
  }
  return path.join(decoded, pathname.endsWith('/') ? 'index.html' : '').slice(1)
}
