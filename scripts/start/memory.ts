/**
 * How npm start's two long-running processes — its own (publish worker, jobs) and the admin's Next.js server —
 * use memory (issue #14; figures in scripts/soak/README.md).
 *
 * npm start's process retains nothing as it works (heap snapshots minutes apart differ by JIT code only) and
 * the admin's heap stays level, but on a machine with a lot of memory V8 lets a heap grow to up to 4× its live
 * size before a full collection, and defers the first one further still: npm start's process held a 495 MiB
 * heap until its first full collection, after which 150 MiB were in use, and RSS swung with the heap by a
 * third. So the first full collection starts once the old generation reaches 256 MiB, and after that a heap
 * grows by at most a fixed share of its live size between full collections: a fifth for npm start's process,
 * which allocates little (it polls the build queue and pulls the content once per build), so its collections
 * stay rare; half for the admin, which allocates with every request and would otherwise spend its time
 * collecting. The heap's upper limit is left as it is: a large pull or import may still use more.
 *
 * glibc gives each thread that allocates its own malloc arena (up to 8 per core), and memory freed in one is
 * not reused by another; with two, npm start's process had about 45 MiB less outside its heap (one pair of
 * 8-minute soaks).
 *
 * npm start's own process gets these from its script in package.json (they must be set before Node starts);
 * the admin gets them from here. tests/start-memory.test.ts checks that both run with them.
 */
export const MAIN_NODE_FLAGS = ['--initial-old-space-size=256', '--heap-growing-percent=20']
export const ADMIN_NODE_FLAGS = ['--initial-old-space-size=256', '--heap-growing-percent=50']

export const ALLOCATOR_ENV = { MALLOC_ARENA_MAX: '2' }
