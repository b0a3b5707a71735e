/**
 * npm start: runs the product on the configured database (the embedded SQLite file by default).
 *
 * In order: the settings are validated (config/settings.ts; a bad value stops here), the database is opened
 * and migrated, an empty one gets the demo content, the publish worker starts and builds the portal, the
 * portal is served, the admin is built if its sources changed (about half a minute on first run) and served. Every
 * step says what it is doing, and one line says when each of the portal and the admin is ready; after that,
 * one line per portal build.
 *
 * Everything listens on 127.0.0.1 unless HOST says otherwise: the first visitor of the admin's
 * create-first-user screen becomes its administrator, so it must not be reachable from the network by accident.
 *
 * SIGINT or SIGTERM stops it all within seconds: the servers close, a portal build in progress is stopped and
 * left queued (it runs after the next start), scratch folders are removed, the database is closed.
 * `--dev` serves the admin with Next.js in development mode instead (no build, hot reload).
 */
import { prepareEnvironment } from '../lib/env'

// The settings first: a bad value stops here, in a fraction of a second, before Payload or Next.js is loaded.
const config = prepareEnvironment()
const { runProduct } = await import('./product')
await runProduct(config, { dev: process.argv.includes('--dev') })
