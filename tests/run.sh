#!/usr/bin/env bash
# Runs every test: unit tests and the integration tests on a real 3-node Galera lab.
# Installs what it needs first (MariaDB, galera-4, clang for the AOT agent), so it works on a
# fresh Debian 12 machine with only the .NET SDK. Run as root.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

[ "$(id -u)" = 0 ] || { echo "tests/run.sh: run as root (the lab starts mariadbd as user mysql and uses iptables)" >&2; exit 1; }
command -v dotnet >/dev/null || { echo "tests/run.sh: the .NET SDK is required (dotnet not on PATH)" >&2; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p /var/tmp/kb-lab-test
packaging/lab/kb-lab install
# Publishes the native AOT agent (must have zero warnings), the collector and kbctl into artifacts/.
KB_LAB_DIR=/var/tmp/kb-lab-test packaging/lab/kb-lab build
# The .deb packages (lintian must be clean); PackageTests installs and checks them. chromium and
# chromium-driver: the web console's browser tests (Debian's, nothing downloaded at test time).
missing=(); for p in lintian dpkg-dev binutils chromium chromium-driver; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; fi
packaging/deb/build.sh

# ProxySQL is not packaged for Debian: $KB_PROXYSQL_BIN, else proxysql on PATH, else the project's copy in
# ../shared/bin. Exported so kb-lab and the tests use the same one; without any, ProxySQL tests report as skipped.
proxysql=${KB_PROXYSQL_BIN:-$(command -v proxysql || true)}
[ -n "$proxysql" ] || [ ! -x ../shared/bin/proxysql ] || proxysql=$(readlink -f ../shared/bin/proxysql)
if [ -n "$proxysql" ] && [ -x "$proxysql" ]; then
  export KB_PROXYSQL_BIN=$proxysql
  echo "tests/run.sh: ProxySQL $("$proxysql" --version 2>&1 | sed -n 's/.*ProxySQL version \([^,]*\).*/\1/p') from $proxysql: the lab runs two ProxySQL nodes"
else
  echo "tests/run.sh: no ProxySQL binary (KB_PROXYSQL_BIN, PATH, ../shared/bin/proxysql): the ProxySQL tests will be reported as skipped"
fi

log=$(mktemp)
status=0
dotnet test KeyBuzz.Agents.sln --nologo 2>&1 | tee "$log" || status=$?

# One closing line for CI: the sum over every test assembly.
awk '/(Passed|Failed)! +- Failed:/ {
       line = $0; gsub(",", "", line); n = split(line, w, " ")
       for (i = 1; i < n; i++) { if (w[i] == "Failed:") f += w[i+1]; if (w[i] == "Passed:") p += w[i+1]; if (w[i] == "Skipped:") s += w[i+1] }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
