/**
 * Child processes for the benchmark: run one with its output timestamped line by line, and watch the memory
 * of a process tree (an `astro build` starts the content pull as a child of its own, so the memory a build
 * needs is that of the whole tree).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export type TimedLine = { ms: number; text: string }

export type ChildRun = {
  code: number
  ms: number
  lines: TimedLine[]
  output: string
  memory: TreeMemory
}

export type TreeMemory = {
  /** Highest sum of resident memory over the tree at any sample, in KiB. */
  peakTreeKb: number
  /** Highest peak resident memory (VmHWM) of any single process in the tree, in KiB. */
  peakProcessKb: number
  /** Peak resident memory of each kind of process seen in the tree (the largest of each kind), largest first. */
  byProcess: { name: string; kb: number }[]
}

/** Runs `node <args>`, collecting stdout and stderr as timestamped lines, and sampling the tree's memory. */
export function runNode(
  args: string[],
  options: {
    cwd: string
    env: NodeJS.ProcessEnv
    onLine?: (text: string) => void
    /** Opens an IPC channel to the child and hands it over (a build waiting for the worker's content). */
    onSpawn?: (child: ChildProcess) => void
  },
): Promise<ChildRun> {
  const started = performance.now()
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe', ...(options.onSpawn ? (['ipc'] as const) : [])],
  })
  options.onSpawn?.(child)
  const lines: TimedLine[] = []
  const collect = (stream: NodeJS.ReadableStream) => {
    let pending = ''
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => {
      const ms = performance.now() - started
      const parts = (pending + chunk).split('\n')
      pending = parts.pop() ?? ''
      for (const text of parts) {
        lines.push({ ms, text })
        options.onLine?.(text)
      }
    })
    stream.on('end', () => {
      if (pending) lines.push({ ms: performance.now() - started, text: pending })
    })
  }
  collect(child.stdout!)
  collect(child.stderr!)
  const watch = watchTreeMemory(() => (child.pid ? [child.pid] : []))
  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      watch.stop()
      reject(error)
    })
    child.on('close', (code) => {
      const ms = performance.now() - started
      const memory = watch.stop()
      resolve({ code: code ?? 1, ms, lines, output: lines.map((l) => l.text).join('\n'), memory })
    })
  })
}

const readProc = (path: string) => {
  try {
    return fs.readFileSync(path, 'utf8')
  } catch {
    return ''
  }
}

const kbField = (status: string, field: string) =>
  Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0)

/** The given processes and all their descendants (Linux /proc; empty elsewhere). */
function descendants(roots: number[]): number[] {
  const found: number[] = []
  const queue = [...roots]
  while (queue.length) {
    const pid = queue.shift()!
    found.push(pid)
    const children = readProc(`/proc/${pid}/task/${pid}/children`).trim()
    if (children) queue.push(...children.split(/\s+/).map(Number))
  }
  return found
}

/**
 * Samples every `intervalMs` the resident memory of the processes `roots()` names and of their descendants.
 * A process's own high-water mark (VmHWM) is exact; the tree's sum is as good as the sampling rate.
 */
export function watchTreeMemory(roots: () => number[], intervalMs = 100) {
  let peakTreeKb = 0
  const names = new Map<number, string>()
  const peaks = new Map<number, number>()
  const sample = () => {
    let sum = 0
    for (const pid of descendants(roots())) {
      const status = readProc(`/proc/${pid}/status`)
      if (!status) continue
      sum += kbField(status, 'VmRSS')
      // Read every time: a child is briefly a copy of its parent between fork and exec.
      const name = processName(pid)
      if (name) names.set(pid, name)
      peaks.set(pid, Math.max(peaks.get(pid) ?? 0, kbField(status, 'VmHWM')))
    }
    peakTreeKb = Math.max(peakTreeKb, sum)
  }
  const timer = setInterval(sample, intervalMs)
  sample()
  return {
    stop: (): TreeMemory => {
      clearInterval(timer)
      const byName = new Map<string, number>()
      for (const [pid, kb] of peaks) {
        const name = names.get(pid) ?? String(pid)
        byName.set(name, Math.max(byName.get(name) ?? 0, kb))
      }
      const byProcess = [...byName].map(([name, kb]) => ({ name, kb })).sort((a, b) => b.kb - a.kb)
      return { peakTreeKb, peakProcessKb: byProcess[0]?.kb ?? 0, byProcess }
    },
  }
}

/** What a process is, from its command line: the astro build, the content pull, Pagefind … */
function processName(pid: number) {
  const args = readProc(`/proc/${pid}/cmdline`).split('\0').filter(Boolean)
  const joined = args.join(' ')
  if (pid === process.pid) return 'bench (CMS, worker)'
  if (/astro\.mjs/.test(joined)) return 'astro build'
  if (/pull-content/.test(joined))
    return args.some((a) => a.endsWith('cli.mjs')) ? 'tsx (content pull)' : 'content pull'
  if (/bench\/generate/.test(joined)) return 'corpus generator'
  if (/pagefind/.test(joined)) return 'pagefind'
  return args[0] ? path.basename(args[0]) : undefined
}

/** Descendants of this process (not itself): the builds a worker running in-process starts. */
export const childPids = () =>
  readProc(`/proc/${process.pid}/task/${process.pid}/children`)
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number)
