#!/bin/sh
# How node runs ledger-api, in one place: `npm start`, the Docker image and the bench (scenario 7)
# all start it through this file, so what is measured is what is deployed.
#   sh scripts/ledger-api.sh dist/apps/ledger-api/src/main.js
# NODE picks the node binary (default: the one on PATH); the arguments are node's.
#
# --max-semi-space-size=16: under load V8 grew the young generation to 128 MB, most of it garbage
#   between scavenges; a 16 MB cap cut the peak resident set by 75-85 MB at 0.92-1.0x throughput
#   (issue 20, bench/README.md).
# MALLOC_ARENA_MAX=2: glibc gives each thread that allocates (libuv's pool, better-sqlite3 off the
#   main thread) an arena of its own, and freed memory stays in it; two bound that slack.
#   An operator's own value wins.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
exec "${NODE:-node}" --max-semi-space-size=16 "$@"
