/**
 * How npm start's two long-running processes — its own (publish worker, jobs) and the admin's Next.js server —
 * use memory (issue #14; figures in scripts/soak/README.md).
 *
 * npm start's process retains nothing as it works (heap snapshots minutes apart differ by JIT code only) and
 * the admin's heap stays level: what moves their RSS is how large V8 lets a heap grow around its live objects.
 * Left to itself on a machine with a lot of memory, V8 lets a heap grow to several times its live size
 * between full collections and defers the first one further still: npm start's process held a 495 MiB heap
 * (RSS 705 MiB) until its first full collection, after which 150 MiB were in use. With the first full
 * collection due once the old generation reaches 256 MiB and a heap growing by at most half its live size
 * (V8's `--heap-growing-percent`) after that, npm start's process starts at about 520 MiB and the admin held
 * 697–749 MiB through two 30-minute soaks; npm start's process still swung by up to 1.33× between its full
 * collections. The heap's upper limit is left as it is: a large pull or import may still use more.
 *
 * glibc gives each thread that allocates its own malloc arena (up to 8 per core), and memory freed in one is
 * not reused by another; with two, npm start's process had about 45 MiB less outside its heap (one pair of
 * 8-minute soaks).
 *
 * npm start's own process gets these from its script in package.json (they must be set before Node starts);
 * the admin gets them from here. tests/start-memory.test.ts checks that both run with them.
 */
export const NODE_MEMORY_FLAGS = ['--initial-old-space-size=256', '--heap-growing-percent=50']

export const ALLOCATOR_ENV = { MALLOC_ARENA_MAX: '2' }
