/** npm run seed: loads (or refreshes) the demo content in the configured database. Safe to run again. */
import { getPayload } from 'payload'

import { prepareEnvironment, describeTarget } from '../lib/env'
import { requestSiteBuild } from '../../cms/lib/site-builds'
import { seedDemoContent } from './index'

const { database } = prepareEnvironment()
const { default: config } = await import('../../cms/payload.config')
const payload = await getPayload({ config })
console.log(`Seeding demo content into ${describeTarget(database)} …`)
const counts = await seedDemoContent(payload)
console.log('Seeded:', counts)
// One rebuild for the whole load; a running `npm start` picks it up.
await requestSiteBuild(payload, { collection: 'system', operation: 'seed' })
await payload.destroy()
process.exit(0)
