#!/usr/bin/env bash
# Benchmark on a real 3-node lab (its own addresses and directory, so it never touches the demo
# lab or the test lab). Prints a table and writes artifacts/bench/results.json.
#   1. agent footprint: RSS after 60 s at 1 Hz and CPU per sampling cycle, side by side with a shell
#      monitor (mariadb client per cycle, as monitor_galera.sh did) and prometheus-mysqld-exporter
#      scraped every second, all against the same node in the same minute
#   2. detection latency: kill of a node -> the collector's view shows it (median, p95)
#   3. full-outage recovery: kill-all -> 3 Synced, automatic vs the hand-optimal sequence
#   4. collector ingest: synthetic agents over real gRPC -> readings/s durably stored, with the
#      collector's CPU and RSS; history query time for one node, 1 h at 1 Hz
#   5. collector HA: 3 etcd members and 3 replicas (127.0.8.x); the leader SIGKILLed -> another
#      replica leads (median of 3; reported, no target)
# Usage: tests/bench/run.sh [RUNS]   (default 3 recovery runs and 5 detection runs; run as root)
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
RUNS="${1:-3}"
DETECT_RUNS="${KB_BENCH_DETECT_RUNS:-5}"
export KB_LAB_DIR=/var/tmp/kb-lab-bench KB_LAB_IP_BASE=127.0.4. KB_LAB_COLLECTOR=127.0.0.1:7191 KB_LAB_COLLECTOR_HTTP=127.0.0.1:7192
# Every run is an outage of its own: lift the per-hour circuit breaker for the benchmark collector.
export KEYBUZZ_Recovery__MaxAutoBootstraps=1000
LAB=packaging/lab/kb-lab
OUT=artifacts/bench
mkdir -p "$OUT"

log() { echo "bench: $*" >&2; }
now() { date +%s.%N; }
synced_count() { "$LAB" status | awk 'NR>1 && $5=="Primary" && $7=="Synced"' | wc -l; }
wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...: poll until the command succeeds
  local limit=$1 what=$2 deadline; shift 2; deadline=$(( $(date +%s) + limit ))
  until "$@"; do [ "$(date +%s)" -ge "$deadline" ] && { echo "bench: timeout waiting for $what" >&2; exit 1; }; sleep 0.05; done
}
all_synced() { [ "$(synced_count)" = 3 ]; }
no_active_round() { ! "$LAB" kbctl status 2>/dev/null | grep -q "recovery round"; }
view_synced() { "$LAB" kbctl status --json 2>/dev/null | grep -Eo '"localState": *"Synced"' | wc -l | grep -qx 3; }
cpu_seconds() { awk '{ print ($14 + $15) / 100 }' "/proc/$1/stat"; }
rss_mib() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
div() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN { printf f, a / b }'; }

EXPORTER_PID= INGEST_PID= HA_PIDS=
cleanup() { # the processes this script started, by PID
  for pid in $EXPORTER_PID $INGEST_PID $HA_PIDS; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

"$LAB" install
[ -x artifacts/agent/kb-agent ] && [ -x artifacts/collector/kb-collector ] || "$LAB" build
dotnet publish tests/bench/KeyBuzz.Bench/KeyBuzz.Bench.csproj -c Release -o artifacts/bench/tool --nologo -v q >/dev/null
BENCH=artifacts/bench/tool/kb-bench
"$LAB" destroy >/dev/null 2>&1 || true
"$LAB" up >/dev/null
"$LAB" start-collector
for n in 1 2 3; do "$LAB" start-agent "$n"; done
wait_for 60 "the collector view" view_synced

# --- 1. footprint: agent vs shell monitor vs mysqld-exporter, same node, same minute -----------
log "1/5 footprint (70 s)"
NODE_IP=127.0.4.11 DATADIR=$KB_LAB_DIR/node1/data
AGENT_PID=$(cat "$KB_LAB_DIR/run/agent1.pid")
EXPORTER_PORT=7199
cat >"$KB_LAB_DIR/exporter.cnf" <<CNF
[client]
user=kbmon
password=kbmon-lab
host=$NODE_IP
port=3306
CNF
chmod 600 "$KB_LAB_DIR/exporter.cnf"
setsid prometheus-mysqld-exporter --config.my-cnf="$KB_LAB_DIR/exporter.cnf" --web.listen-address="127.0.0.1:$EXPORTER_PORT" >"$KB_LAB_DIR/exporter.log" 2>&1 </dev/null &
EXPORTER_PID=$!
wait_for 20 "mysqld-exporter" curl -sf -o /dev/null "http://127.0.0.1:$EXPORTER_PORT/metrics"
sleep 10 # the agent has been sampling for a while; the window below is steady state
agent_cpu0=$(cpu_seconds "$AGENT_PID"); exporter_cpu0=$(cpu_seconds "$EXPORTER_PID")
tests/bench/monitor_galera.sh "$NODE_IP" kbmon kbmon-lab "$DATADIR" 60 >"$KB_LAB_DIR/monitor.times" &
MONITOR_PID=$!
scrapes=0; t_end=$(( $(date +%s) + 60 ))
while [ "$(date +%s)" -lt "$t_end" ]; do
  next=$(date +%s.%N); curl -sf -o /dev/null "http://127.0.0.1:$EXPORTER_PORT/metrics" && scrapes=$((scrapes + 1))
  sleep "$(awk -v n="$next" -v t="$(now)" 'BEGIN { d = n + 1 - t; printf "%.3f", (d > 0 ? d : 0) }')"
done
wait "$MONITOR_PID"
agent_cpu=$(awk -v a="$(cpu_seconds "$AGENT_PID")" -v b="$agent_cpu0" 'BEGIN { print a - b }')
exporter_cpu=$(awk -v a="$(cpu_seconds "$EXPORTER_PID")" -v b="$exporter_cpu0" 'BEGIN { print a - b }')
agent_rss=$(rss_mib "$AGENT_PID"); exporter_rss=$(rss_mib "$EXPORTER_PID")
kill "$EXPORTER_PID"; wait "$EXPORTER_PID" 2>/dev/null || true
# `times`: two lines "user sys" (the shell, then its children) as XmY.YYYs
monitor_cpu=$(tr ' ' '\n' <"$KB_LAB_DIR/monitor.times" | awk -F'[ms]' 'NF { t += $1 * 60 + $2 } END { printf "%.3f", t }')
# The shell monitor has no resident process: report the peak RSS of one mariadb client run.
monitor_rss=$(/usr/bin/time -f %M mariadb -h "$NODE_IP" -u kbmon -pkbmon-lab -e "SHOW GLOBAL STATUS LIKE 'wsrep%'" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.1f", $1 / 1024 }')
agent_ms=$(div "$agent_cpu" 0.06 %.2f); monitor_ms=$(div "$monitor_cpu" 0.06 %.2f); exporter_ms=$(div "$exporter_cpu" "$(awk -v s=$scrapes 'BEGIN { print s / 1000 }')" %.2f)

# --- 3. full-outage recovery ------------------------------------------------------------------
log "3/5 recovery ($RUNS automatic + $RUNS by hand)"
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
am=$(median "${auto[@]}"); hm=$(median "${hand[@]}"); ratio=$(div "$am" "$hm")

# --- 2. detection latency (self-repair off, so the lab tool restarts the node between runs) ----
log "2/5 detection ($DETECT_RUNS kills)"
KEYBUZZ_Repair__Enabled=false "$LAB" start-collector
for n in 1 2 3; do KEYBUZZ_Repair__Enabled=false "$LAB" start-agent "$n"; done
wait_for 60 "the collector view" view_synced
detect=$(KBCTL_TOKEN=$(cat "$KB_LAB_DIR/kbctl.token") "$BENCH" detect --collector "http://$KB_LAB_COLLECTOR" --lab "$PWD/$LAB" --labdir "$KB_LAB_DIR" --node 2 --runs "$DETECT_RUNS")
"$LAB" stop-keybuzz

# --- 4. collector ingest and history query ----------------------------------------------------
log "4/5 ingest (20 s) and history query"
INGEST_DIR=$KB_LAB_DIR/ingest; rm -rf "$INGEST_DIR"; mkdir -p "$INGEST_DIR"
setsid env KEYBUZZ_Auth__Mode=none KEYBUZZ_Collector__ListenUrl=http://127.0.0.1:7193 KEYBUZZ_Collector__HttpListenUrl=http://127.0.0.1:7194 \
  KEYBUZZ_Collector__DataDirectory="$INGEST_DIR" artifacts/collector/kb-collector >"$INGEST_DIR/stdout.log" 2>&1 </dev/null &
INGEST_PID=$!
wait_for 30 "the ingest collector" curl -sf -o /dev/null http://127.0.0.1:7194/readyz
ingest=$("$BENCH" ingest --collector http://127.0.0.1:7193 --pid "$INGEST_PID" --agents "${KB_BENCH_AGENTS:-50}" --seconds 20 --batch "${KB_BENCH_BATCH:-50}")
history=$("$BENCH" history --collector http://127.0.0.1:7193 --http http://127.0.0.1:7194 --points 3600 --queries 50)
kill "$INGEST_PID"; wait "$INGEST_PID" 2>/dev/null || true
"$LAB" destroy >/dev/null 2>&1

# --- 5. collector HA: SIGKILL the leader replica -> another leads (3 etcd members, 3 replicas) ---
log "5/5 collector leader failover (about 30 s)"
HA_DIR=$KB_LAB_DIR/ha; rm -rf "$HA_DIR"; mkdir -p "$HA_DIR"
HA_TTL=5 HA_RUNS=3
for m in 1 2 3; do
  setsid etcd --name "e$m" --data-dir "$HA_DIR/e$m" --listen-client-urls "http://127.0.8.$m:2379" --advertise-client-urls "http://127.0.8.$m:2379" \
    --listen-peer-urls "http://127.0.8.$m:2380" --initial-advertise-peer-urls "http://127.0.8.$m:2380" --initial-cluster-token kb-bench \
    --initial-cluster "e1=http://127.0.8.1:2380,e2=http://127.0.8.2:2380,e3=http://127.0.8.3:2380" --initial-cluster-state new \
    --heartbeat-interval 100 --election-timeout 1000 >"$HA_DIR/e$m.log" 2>&1 </dev/null &
  HA_PIDS+=" $!"
done
wait_for 30 "etcd" env ETCDCTL_API=3 etcdctl --endpoints http://127.0.8.1:2379,http://127.0.8.2:2379,http://127.0.8.3:2379 endpoint health
declare -A REPLICA_PID
start_replica() {
  setsid env KEYBUZZ_Auth__Mode=none KEYBUZZ_Collector__ListenUrl="http://127.0.8.1$1:7171" KEYBUZZ_Collector__HttpListenUrl="http://127.0.8.1$1:7172" \
    KEYBUZZ_Collector__DataDirectory="$HA_DIR/c$1" KEYBUZZ_Collector__Etcd__ReplicaName="c$1" KEYBUZZ_Collector__Etcd__AdvertiseUrl="http://127.0.8.1$1:7171" \
    KEYBUZZ_Collector__Etcd__LeaseTtlSeconds=$HA_TTL KEYBUZZ_Collector__Etcd__Endpoints__0=http://127.0.8.1:2379 \
    KEYBUZZ_Collector__Etcd__Endpoints__1=http://127.0.8.2:2379 KEYBUZZ_Collector__Etcd__Endpoints__2=http://127.0.8.3:2379 \
    artifacts/collector/kb-collector >>"$HA_DIR/c$1.log" 2>&1 </dev/null &
  REPLICA_PID[$1]=$!; HA_PIDS+=" $!"
}
leads() { artifacts/kbctl/kbctl --collector "http://127.0.8.1$1:7171" status --json 2>/dev/null | grep -Eq '"leader": *true'; }
leader() { local r; for r in 1 2 3; do [ -n "${REPLICA_PID[$r]:-}" ] && leads "$r" && { echo "$r"; return 0; }; done; return 1; }
for r in 1 2 3; do start_replica "$r"; done
wait_for 30 "a leader replica" leader
failovers=()
for run in $(seq "$HA_RUNS"); do
  old=$(leader); t0=$(now); kill -KILL "${REPLICA_PID[$old]}"; wait "${REPLICA_PID[$old]}" 2>/dev/null || true; REPLICA_PID[$old]=
  deadline=$(( $(date +%s) + 30 ))
  until new=$(leader); do [ "$(date +%s)" -lt "$deadline" ] || { log "no new leader within 30 s"; exit 1; }; sleep 0.05; done
  failovers+=("$(awk -v a="$(now)" -v b="$t0" 'BEGIN { printf "%.2f", a - b }')")
  log "run $run: c$old killed, c$new leads after ${failovers[-1]} s"
  start_replica "$old"; wait_for 30 "c$old back" curl -sf -o /dev/null "http://127.0.8.1$old:7172/healthz"
done
fmed=$(median "${failovers[@]}")
for pid in $HA_PIDS; do kill -KILL "$pid" 2>/dev/null || true; done; HA_PIDS=

j() { echo "$1" | grep -o "\"$2\": *[0-9.]*" | awk -F': *' '{ print $2 }'; }
dmed=$(j "$detect" medianSeconds); dp95=$(j "$detect" p95Seconds)
rate=$(j "$ingest" readingsPerSecond); ccpu=$(j "$ingest" collectorCpuPercent); crss=$(j "$ingest" collectorPeakRssMiB)
hraw=$(j "$history" rawMedianMs); hraw95=$(j "$history" rawP95Ms); hstep=$(j "$history" steppedMedianMs); hpoints=$(j "$history" points)

printf '\n%-44s %12s %14s %14s\n' "1. footprint (same node, same 60 s)" "kb-agent" "shell monitor" "mysqld-exporter"
printf '%-44s %11s  %13s  %13s\n' "RSS (MiB)" "$agent_rss" "${monitor_rss} (peak client)" "$exporter_rss"
printf '%-44s %11s  %13s  %13s\n' "CPU per cycle / scrape (ms)" "$agent_ms" "$monitor_ms" "$exporter_ms"
printf '%-44s %11s  %13s  %13s\n' "ratio to kb-agent (CPU)" "1x" "$(div "$monitor_ms" "$agent_ms" %.1f)x" "$(div "$exporter_ms" "$agent_ms" %.1f)x"
printf '%-44s targets: agent RSS below the exporter'"'"'s; <= 1 ms CPU per cycle\n' ""
printf '\n%-44s %9ss median  %9ss p95   (target p95 <= 1 s)\n' "2. detection (kill -> collector view)" "$dmed" "$dp95"
printf '\n%-44s %10s %10s %8s\n' "3. full-outage recovery (kill-all -> Synced)" "automatic" "by hand" "ratio"
printf '%-44s %9.2fs %9.2fs %7sx   (target <= 1.15x)\n' "median of $RUNS runs" "$am" "$hm" "$ratio"
printf '\n%-44s %10s readings/s  (target >= 20000), collector CPU %s%%, peak RSS %s MiB\n' "4. ingest (${KB_BENCH_AGENTS:-50} agents, batches of ${KB_BENCH_BATCH:-50})" "$rate" "$ccpu" "$crss"
printf '%-44s %10s ms median, %s ms p95 for %s points; at step=1m: %s ms  (target <= 10 ms)\n' "   history query (1 node, 1 h at 1 Hz)" "$hraw" "$hraw95" "$hpoints" "$hstep"

# --- targets (issue "Performance"): each figure against its target and the peer of the same run ---
met=0 total=0 TARGETS_JSON=
target() { # target NAME VALUE OP LIMIT: OP is le or ge; prints one line, counts it
  local name=$1 value=$2 op=$3 limit=$4 ok
  ok=$(awk -v v="$value" -v l="$limit" -v o="$op" 'BEGIN { print ((o == "le" ? v <= l : v >= l) ? 1 : 0) }')
  total=$((total + 1)); met=$((met + ok))
  printf '  %-58s %10s  %s %-10s %s\n' "$name" "$value" "$([ "$op" = le ] && echo "<=" || echo ">=")" "$limit" "$([ "$ok" = 1 ] && echo met || echo MISSED)"
  TARGETS_JSON+="${TARGETS_JSON:+, }{ \"name\": \"$name\", \"value\": $value, \"op\": \"$op\", \"limit\": $limit, \"met\": $([ "$ok" = 1 ] && echo true || echo false) }"
}
printf '\n%-44s %9ss median of %s (%s s), lease TTL %s s (reported; no target)\n' "5. collector HA: leader SIGKILLed -> new leader" "$fmed" "$HA_RUNS" "${failovers[*]}" "$HA_TTL"

printf '\nTargets\n'
target "agent RSS (MiB)" "$agent_rss" le 16
target "agent RSS below mysqld-exporter's (MiB, exporter)" "$agent_rss" le "$exporter_rss"
target "agent CPU per cycle (ms)" "$agent_ms" le 1.0
target "exporter CPU / agent CPU (x)" "$(div "$exporter_ms" "$agent_ms" %.1f)" ge 12
target "shell monitor CPU / agent CPU (x)" "$(div "$monitor_ms" "$agent_ms" %.1f)" ge 25
target "full outage, automatic / hand-optimal (x)" "$ratio" le 1.15
target "node crash shown down, p95 (s)" "$dp95" le 1.0
target "ingest, 50 agents, durable before ack (readings/s)" "$rate" ge 20000
target "collector peak RSS during ingest (MiB)" "$crss" le 200
target "history query, 1 node, 1 h at 1 Hz, median (ms)" "$hraw" le 10
echo "targets met: $met of $total"

cat >"$OUT/results.json" <<JSON
{
  "footprint": { "windowSeconds": 60,
    "agent": { "rssMiB": $agent_rss, "cpuMsPerCycle": $agent_ms },
    "shellMonitor": { "peakClientRssMiB": $monitor_rss, "cpuMsPerCycle": $monitor_ms },
    "mysqldExporter": { "rssMiB": $exporter_rss, "cpuMsPerScrape": $exporter_ms, "scrapes": $scrapes } },
  "detection": $detect,
  "recovery": { "runs": $RUNS, "automaticSeconds": [$(IFS=,; echo "${auto[*]}")], "handOptimalSeconds": [$(IFS=,; echo "${hand[*]}")],
    "automaticMedianSeconds": $am, "handOptimalMedianSeconds": $hm, "ratio": $ratio, "target": 1.15 },
  "ingest": $ingest,
  "history": $history,
  "haFailover": { "leaseTtlSeconds": $HA_TTL, "runs": [$(IFS=,; echo "${failovers[*]}")], "medianSeconds": $fmed },
  "targets": [$TARGETS_JSON],
  "targetsMet": $met, "targetsTotal": $total
}
JSON
echo "wrote $OUT/results.json"
