#!/usr/bin/env bash
# Chaos on a real 3-node lab (its own directory and addresses: never the demo or test lab). Each run
# starts from a healthy lab under writes, applies a random sequence of faults (kill -9 / clean stop
# of nodes, partition/heal, all-node crashes, collector SIGKILL, agent SIGKILL, datadir wiped or
# re-initialised on one node) and checks the invariants afterwards: no acknowledged write missing on
# any serving node, at most one history accepting writes, never a bootstrap from a node whose
# position was below another's, every round ended (recovered, or waiting for a human with a reason).
# Prints one line per run and "N passed, N failed"; replay a run with the seed it prints.
# Usage: tests/chaos/run.sh [RUNS] [SEED]   (default 10 runs, a random seed; run as root; not in CI: too long)
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
RUNS="${1:-10}"
SEED="${2:-$(( RANDOM * 32768 + RANDOM ))}"  # below 2^30: the runner takes an int
[ "$(id -u)" = 0 ] || { echo "tests/chaos/run.sh: run as root (the lab starts mariadbd as user mysql and uses iptables)" >&2; exit 1; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p /var/tmp/kb-lab-chaos
packaging/lab/kb-lab install
KB_LAB_DIR=/var/tmp/kb-lab-chaos packaging/lab/kb-lab build
dotnet build tests/chaos/KeyBuzz.Chaos -c Release --nologo -v q >/var/tmp/kb-lab-chaos/chaos-build.log 2>&1 || { tail -30 /var/tmp/kb-lab-chaos/chaos-build.log; exit 1; }
exec dotnet tests/chaos/KeyBuzz.Chaos/bin/Release/net10.0/kb-chaos.dll "$RUNS" "$SEED"
