/**
 * The operators' log: a refusal an editor gets (a 4xx, answered in Chinese) is one info line without a stack
 * trace, so test logs and server logs are not full of expected errors; a real error still logs with its stack.
 */
import { execFileSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { expect, it } from 'vitest'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

it('logs a refusal as one info line and a real error with its stack', () => {
  const output = execFileSync(
    process.execPath,
    [path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'tests/fixtures/log-probe.ts'],
    { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8' },
  )
  expect(output).toContain('probe: refused with 403')
  const lines = output.split('\n')
  const refusal = lines.filter((line) => line.includes('撰稿人不能直接发布'))
  expect(refusal).toHaveLength(1)
  expect(refusal[0]).toMatch(/INFO.*Refused \(403\): 撰稿人不能直接发布/)
  expect(output).not.toMatch(/ERROR[^\n]*\n[^\n]*撰稿人不能直接发布/)
  const failure = lines.findIndex((line) => line.includes('probe: a real failure'))
  expect(lines.slice(Math.max(0, failure - 1), failure + 1).join('\n')).toContain('ERROR')
  expect(lines.slice(failure + 1, failure + 10).some((line) => /^\s+at /.test(line))).toBe(true)
})
