#!/usr/bin/env bash
# The long fuzz run behind `npm run fuzz`: FUZZ_RUNS cases per route (default 10,000), the routes
# split over FUZZ_PROCESSES jest processes (default one per core), each with its own ledger, so
# the run uses every core; their reports are merged into docs/fuzz-report.md and .json.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${FUZZ_RUNS:-10000}
processes=${FUZZ_PROCESSES:-$(nproc)}
seed=${FUZZ_SEED:-$(($(date +%s) % 1000000))}
out=${FUZZ_REPORT:-docs/fuzz-report.md}
work=$(mktemp -d)
echo "fuzz: $runs cases per route, seed $seed, $processes processes; logs in $work"
pids=()
for k in $(seq 1 "$processes"); do
  FUZZ_RUNS=$runs FUZZ_SEED=$seed FUZZ_SHARD=$k/$processes FUZZ_REPORT=$work/shard-$k.md \
    npx jest --runInBand test/security/fuzz.e2e.spec.ts >"$work/shard-$k.log" 2>&1 &
  pids+=($!)
done
failed=0
for k in "${!pids[@]}"; do
  if ! wait "${pids[$k]}"; then
    failed=1
    echo "fuzz: shard $((k + 1)) failed:" && tail -n 60 "$work/shard-$((k + 1)).log"
  fi
done
node --import ./scripts/register-ts.mjs test/security/fuzz/merge-reports.ts "$out" "$work"/shard-*.json
echo "fuzz: report in $out"
exit $failed
