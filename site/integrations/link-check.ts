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
 * Internal links (href and src starting with "/") in `pages` of the site in `dir` (all its pages by default)
 * that point at none of its `files` (all the files in `dir` by default). A link to "/a/b/" needs
 * /a/b/index.html; anything else needs that exact file. Query and hash are ignored.
 */
export function brokenInternalLinks(
  dir: string,
  pages = htmlFiles(dir),
  files = new Set(allFiles(dir)),
): { page: string; link: string }[] {
  const broken: { page: string; link: string }[] = []
  for (const page of pages) {
    const html = fs.readFileSync(path.join(dir, page), 'utf8')
    for (const [, link] of html.matchAll(/\s(?:href|src)="(\/[^"#?]*)[^"]*"/g)) {
      if (link.startsWith('//')) continue
      const target = path.join(decodeURI(link), link.endsWith('/') ? 'index.html' : '').slice(1)
      if (!files.has(target)) broken.push({ page, link })
    }
  }
  return broken
}
