#!/bin/sh
# How node runs ledger-api, in one place: `npm start`, the Docker image and the bench (scenario 7)
# all start it through this file, so what is measured is what is deployed.
#   sh scripts/ledger-api.sh dist/apps/ledger-api/src/main.js
# NODE picks the node binary (default: the one on PATH); the arguments are node's.
#
# --max-semi-space-size=16: under load V8 grew the young generation to 128 MB, most of it garbage
#   between scavenges; a 16 MB cap cut the peak resident set by 75-85 MB at 0.92-1.0x throughput
#   (issue 20, bench/README.md). It is the main thread's: main.ts gives every worker thread 4 MB
#   semi-spaces before any starts (apps/ledger-api/src/infrastructure/worker-heap.ts).
# --no-parallel-scavenge: a GET's objects die young (~40 KB allocated, under 100 KB of 16 MB
#   surviving a scavenge), so the scavenge is sub-millisecond work, but in parallel the main thread
#   also waits for V8's helper threads, which on two busy cores are often not running: pauses of
#   1.5 ms median, 6 ms p90, up to 40 ms, that every request in flight waits through. One thread:
#   0.6 / 1.8 ms for the same work, the same CPU and memory (issue 20, bench/README.md "wip/gc";
#   at 64 connections the GET's p99 is queueing, and did not move).
# --no-allocation-site-pretenuring: with it on, V8 allocates the objects of a site whose objects it
#   saw survive straight into the old generation. Once a per-request object is born there, whatever
#   young it points to (the request, the response, their headers) survives every scavenge through
#   the old-to-new remembered set until the next full GC, and is promoted: more survival, more
#   sites tenured. ledger-api fell into that state in most runs and stayed in it (a GET promoted
#   ~6 KB, 14 full GCs in 60,000 GETs, 107-127 us of CPU each); without it none, 64-84 us
#   (issue 20, bench/README.md "the fifteenth pass").
# MALLOC_ARENA_MAX=2: glibc gives each thread that allocates (libuv's pool, better-sqlite3 off the
#   main thread) an arena of its own, and freed memory stays in it; two bound that slack.
#   An operator's own value wins.
# --max-old-space-size=512 (CREDENCE_MAX_OLD_SPACE_MB): how far V8 lets the old generation grow
#   past what survived its last full GC depends on this cap: from 1 GB up to 4x, below much less
#   (85 MB live: 159 MB of heap uncapped, 109 MB at 512). Under load the API's heap reached 311 MB
#   of which about 90 MB was live (a heap snapshot after 9,000 issuances: code, module sources and
#   8 MB of bounded caches); the rest was garbage awaiting a full GC. The cap is also a hard limit,
#   so it leaves 5x the live set: batch uploads (32 MB bodies) and every cache full fit. Raise it if
#   /metrics shows nodejs_heap_size_used_bytes near it.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
exec "${NODE:-node}" --no-allocation-site-pretenuring --max-semi-space-size=16 --no-parallel-scavenge --max-old-space-size="${CREDENCE_MAX_OLD_SPACE_MB:-512}" "$@"
