// Stops `npm start`, `npm test` and `npm run build` at once, with one line, on a Node.js older than
// package.json's "engines" asks. Plain CommonJS rather than TypeScript: it must run on any old Node, before
// the TypeScript tooling (which itself needs a recent Node) is loaded.
'use strict'
const { engines } = require('../package.json')

const required = /(\d+)\.(\d+)\.(\d+)/.exec(engines.node)
const parts = (version) => version.replace(/^v/, '').split('.').map(Number)
const [major, minor, patch] = parts(process.version)
const [needMajor, needMinor, needPatch] = required.slice(1).map(Number)
const recent =
  major !== needMajor ? major > needMajor : minor !== needMinor ? minor > needMinor : patch >= needPatch

if (!recent) {
  console.error(
    `This project needs Node.js ${engines.node} (this is ${process.version}): install Node.js 24 ` +
      '(e.g. `nvm install`, which reads .nvmrc, or https://nodejs.org), then run the command again.',
  )
  process.exit(1)
}
