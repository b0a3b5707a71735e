import fs from 'node:fs'
import path from 'node:path'

/** Every .html file under `dir`, as paths relative to it. */
export function htmlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html'))
}

/**
 * Internal links (href and src starting with "/") in the built site that point at no file.
 * A link to "/a/b/" needs /a/b/index.html; anything else needs that exact file. Query and hash are ignored.
 */
export function brokenInternalLinks(dir: string): { page: string; link: string }[] {
  const broken: { page: string; link: string }[] = []
  for (const page of htmlFiles(dir)) {
    const html = fs.readFileSync(path.join(dir, page), 'utf8')
    for (const [, link] of html.matchAll(/\s(?:href|src)="(\/[^"#?]*)[^"]*"/g)) {
      if (link.startsWith('//')) continue
      const target = path.join(dir, decodeURI(link), link.endsWith('/') ? 'index.html' : '')
      if (!fs.existsSync(target)) broken.push({ page, link })
    }
  }
  return broken
}
