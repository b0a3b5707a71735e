/**
 * How npm start's two long-running processes — its own (publish worker, jobs) and the admin's Next.js server —
 * use memory (issue #14; figures in scripts/soak/README.md).
 *
 * Their JS heaps hold 150–250 MiB of live objects. Left to itself on a machine with a lot of memory, V8 lets
 * a heap grow to up to 4× its live size before a full collection, and defers the first one until far more:
 * the admin reached 1 GiB of RSS before its first full collection, and both processes' RSS swung by a third
 * with the heap, although nothing was retained. Growing a heap by at most half its live size between full
 * collections, and starting the first one once the old generation reaches 256 MiB, keeps RSS level for a few
 * more (short, mostly concurrent) collections. The heap's upper limit is left as it is: a large pull or
 * import may still use more.
 *
 * glibc gives each thread that allocates its own malloc arena (up to 8 per core), and memory freed in one is
 * not reused by another; two arenas keep the native side (SQLite, libuv's thread pool, zlib) from fanning out.
 *
 * `npm start`'s own process gets these from its script in package.json (they must be set before Node
 * starts); the processes it starts get them from here. tests/start-memory.test.ts checks they agree.
 */
export const NODE_MEMORY_FLAGS = ['--heap-growing-percent=50', '--initial-old-space-size=256']

export const ALLOCATOR_ENV = { MALLOC_ARENA_MAX: '2' }
