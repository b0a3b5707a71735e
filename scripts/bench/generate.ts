/**
 * Writes the synthetic corpus into the database DATABASE_URI names, in a process of its own:
 * `tsx scripts/bench/generate.ts --out summary.json --articles N --regions N --enterprises N --figures N --seed N`.
 * The bench runs it as a child so the memory the bulk load leaves behind (libsql keeps a few KiB of native
 * memory per statement run) is not counted against the CMS process that then serves edits and the publish worker.
 */
import fs from 'node:fs'
import { parseArgs } from 'node:util'

import { getPayload } from 'payload'

import { generateCorpus } from './corpus'

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    articles: { type: 'string' },
    regions: { type: 'string' },
    enterprises: { type: 'string' },
    figures: { type: 'string' },
    seed: { type: 'string' },
  },
})
if (!values.out) throw new Error('usage: tsx scripts/bench/generate.ts --out <summary.json> [--articles N …]')
const number = (value: string | undefined) => (value === undefined ? undefined : Number(value))

const { default: config } = await import('../../cms/payload.config')
const payload = await getPayload({ config })
const summary = await generateCorpus(payload, {
  articles: number(values.articles),
  regions: number(values.regions),
  enterprises: number(values.enterprises),
  figures: number(values.figures),
  seed: number(values.seed),
  log: (message) => console.log(`corpus ${message}`),
})
fs.writeFileSync(values.out, JSON.stringify(summary))
await payload.destroy()
process.exit(0)
