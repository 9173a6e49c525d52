#!/usr/bin/env bash
# Benchmark on a real 3-node lab (its own addresses and directory, so it never touches the demo
# lab or the test lab). Prints a table and writes artifacts/bench/results.json.
#   Full-outage recovery: `kill-all` → 3 Synced, automatic (collector + agents), against the
#   hand-optimal sequence run by the lab tool (recover positions, bootstrap the best, start the others).
# Usage: tests/bench/run.sh [RUNS]   (default 3 runs each; run as root)
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
RUNS="${1:-3}"
export KB_LAB_DIR=/var/tmp/kb-lab-bench KB_LAB_IP_BASE=127.0.4. KB_LAB_COLLECTOR=127.0.0.1:7191
# Every run is an outage of its own: lift the per-hour circuit breaker for the benchmark collector.
export KEYBUZZ_Recovery__MaxAutoBootstraps=1000
LAB=packaging/lab/kb-lab
OUT=artifacts/bench
mkdir -p "$OUT"

now() { date +%s.%N; }
synced_count() { "$LAB" status | awk 'NR>1 && $5=="Primary" && $7=="Synced"' | wc -l; }
wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...: poll until the command succeeds
  local limit=$1 what=$2 deadline; shift 2; deadline=$(( $(date +%s) + limit ))
  until "$@"; do [ "$(date +%s)" -ge "$deadline" ] && { echo "bench: timeout waiting for $what" >&2; exit 1; }; sleep 0.05; done
}
all_synced() { [ "$(synced_count)" = 3 ]; }
no_active_round() { ! "$LAB" kbctl status 2>/dev/null | grep -q "recovery round"; }

"$LAB" install
[ -x artifacts/agent/kb-agent ] && [ -x artifacts/collector/kb-collector ] || "$LAB" build
"$LAB" destroy >/dev/null 2>&1 || true
"$LAB" up >/dev/null
"$LAB" start-collector
for n in 1 2 3; do "$LAB" start-agent "$n"; done
wait_for 60 "the collector view" bash -c "'$LAB' kbctl status --json 2>/dev/null | grep -Eo '\"localState\": *\"Synced\"' | wc -l | grep -qx 3"

auto=()
for i in $(seq 1 "$RUNS"); do
  wait_for 120 "no active round" no_active_round
  t0=$(now); "$LAB" kill-all >/dev/null 2>&1
  wait_for 180 "3 Synced (automatic run $i)" all_synced
  auto+=("$(awk -v a="$(now)" -v b="$t0" 'BEGIN { printf "%.2f", a - b }')")
done
wait_for 120 "no active round" no_active_round

"$LAB" stop-keybuzz
hand=()
for i in $(seq 1 "$RUNS"); do
  t0=$(now); "$LAB" kill-all >/dev/null 2>&1
  "$LAB" hand-recover >/dev/null 2>&1
  hand+=("$(awk -v a="$(now)" -v b="$t0" 'BEGIN { printf "%.2f", a - b }')")
done
"$LAB" destroy >/dev/null 2>&1

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
am=$(median "${auto[@]}"); hm=$(median "${hand[@]}")
ratio=$(awk -v a="$am" -v b="$hm" 'BEGIN { printf "%.2f", a / b }')
printf '\n%-48s %10s %10s %8s\n' "full-outage recovery (kill-all -> 3 Synced)" "automatic" "by hand" "ratio"
printf '%-48s %9.2fs %9.2fs %7sx   (target <= 1.5x)\n' "median of $RUNS runs" "$am" "$hm" "$ratio"
printf '%-48s %s\n' "automatic runs (s)" "${auto[*]}"
printf '%-48s %s\n' "hand-optimal runs (s)" "${hand[*]}"
cat >"$OUT/results.json" <<JSON
{ "recovery": { "runs": $RUNS, "automaticSeconds": [$(IFS=,; echo "${auto[*]}")], "handOptimalSeconds": [$(IFS=,; echo "${hand[*]}")],
  "automaticMedianSeconds": $am, "handOptimalMedianSeconds": $hm, "ratio": $ratio, "target": 1.5 } }
JSON
echo "wrote $OUT/results.json"
