#!/usr/bin/env bash
# Builds the Debian packages into artifacts/deb/:
#   keybuzz-agent      native-AOT kb-agent (no .NET on DB nodes), systemd units, polkit rule
#   keybuzz-collector  self-contained kb-collector (no .NET on the collector host), keybuzz-tokens
#   kbctl              native-AOT kbctl, for any operator machine
# then runs lintian on them. Needs the .NET SDK, clang/zlib1g-dev (AOT), dpkg-dev, lintian.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/../.."
REPO=$PWD
PKG=$REPO/packaging/deb
OUT=${KB_DEB_OUT:-$REPO/artifacts/deb}
STAGE=$OUT/stage
VERSION=${KB_VERSION:-$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)}
ARCH=$(dpkg --print-architecture)
case "$ARCH" in amd64) RID=linux-x64 ;; arm64) RID=linux-arm64 ;; *) echo "build.sh: unsupported architecture $ARCH" >&2; exit 1 ;; esac
# Reproducible dates: the last commit's.
EPOCH=$(git log -1 --format=%ct 2>/dev/null || date +%s)
export SOURCE_DATE_EPOCH=$EPOCH DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { echo "deb: $*" >&2; }

rm -rf "$STAGE"; mkdir -p "$STAGE/bin" "$OUT"
log "publishing ($RID, version $VERSION)"
dotnet publish agent/KeyBuzz.Agent/KeyBuzz.Agent.csproj -c Release -r "$RID" -o "$STAGE/bin/agent" --nologo -v q
dotnet publish collector/KeyBuzz.Ctl/KeyBuzz.Ctl.csproj -c Release -r "$RID" -o "$STAGE/bin/kbctl" --nologo -v q -p:PublishAot=true
dotnet publish collector/KeyBuzz.Collector/KeyBuzz.Collector.csproj -c Release -r "$RID" --self-contained -o "$STAGE/bin/collector" --nologo -v q -p:DebugType=none -p:GenerateDocumentationFile=false

# common_files PACKAGE ROOT: copyright, changelog, man pages listed after ROOT.
common_files() {
  local name=$1 root=$2; shift 2
  install -d "$root/usr/share/doc/$name"
  install -m 0644 "$PKG/common/copyright" "$root/usr/share/doc/$name/copyright"
  printf '%s (%s) stable; urgency=medium\n\n  * Built from the KeyBuzz Agents repository.\n\n -- KeyBuzz Agents <dev@keybuzz.invalid>  %s\n' \
    "$name" "$VERSION" "$(date -u -R -d "@$EPOCH")" | gzip -9n >"$root/usr/share/doc/$name/changelog.gz"
  if [ -f "$PKG/$name/lintian-overrides" ]; then
    install -d "$root/usr/share/lintian/overrides"
    install -m 0644 "$PKG/$name/lintian-overrides" "$root/usr/share/lintian/overrides/$name"
  fi
  local page section
  for page in "$@"; do
    section=${page##*.}
    install -d "$root/usr/share/man/man$section"
    gzip -9n <"$PKG/man/$page" >"$root/usr/share/man/man$section/$page.gz"
    chmod 0644 "$root/usr/share/man/man$section/$page.gz"
  done
}

# maintainer_scripts PACKAGE ROOT: postinst (with the shared user creation), prerm, postrm.
maintainer_scripts() {
  local name=$1 root=$2 script
  for script in postinst prerm postrm; do
    [ -f "$PKG/$name/$script" ] || continue
    awk -v user="$PKG/common/postinst-user.sh" '/^#USER#$/ { while ((getline line < user) > 0) if (line !~ /^#/) print "    " line; next } { print }' \
      "$PKG/$name/$script" >"$root/DEBIAN/$script"
    chmod 0755 "$root/DEBIAN/$script"
  done
}

# finish PACKAGE ROOT DEPENDS DESCRIPTION...: control, md5sums, build, lintian input.
finish() {
  local name=$1 root=$2 depends=$3 summary=$4 long=$5 size
  size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
  cat >"$root/DEBIAN/control" <<CONTROL
Package: $name
Version: $VERSION
Architecture: $ARCH
Maintainer: KeyBuzz Agents <dev@keybuzz.invalid>
Installed-Size: $size
Depends: $depends
Section: database
Priority: optional
Homepage: https://keybuzz.invalid/agents
Description: $summary
$long
CONTROL
  (cd "$root" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum >DEBIAN/md5sums)
  find "$root" -exec touch -h -d "@$EPOCH" {} +
  dpkg-deb --root-owner-group -Zxz --build "$root" "$OUT/${name}_${VERSION}_${ARCH}.deb" >/dev/null
  log "built $OUT/${name}_${VERSION}_${ARCH}.deb"
}

# --- keybuzz-agent ---
R=$STAGE/keybuzz-agent; install -d "$R/DEBIAN" "$R/usr/bin" "$R/lib/systemd/system" "$R/usr/share/polkit-1/rules.d" "$R/etc/keybuzz" "$R/etc/keybuzz/galera.d" "$R/etc/mysql/mariadb.conf.d"
install -m 0755 "$STAGE/bin/agent/kb-agent" "$R/usr/bin/kb-agent"; strip --strip-unneeded "$R/usr/bin/kb-agent"
install -m 0644 "$PKG"/keybuzz-agent/*.service "$R/lib/systemd/system/"
install -m 0644 "$PKG/keybuzz-agent/50-keybuzz-agent.rules" "$R/usr/share/polkit-1/rules.d/"
# Shipped 0644 (no secret in it yet); postinst makes it 0640 root:keybuzz before a password goes in.
install -m 0644 "$PKG/keybuzz-agent/agent.json" "$R/etc/keybuzz/agent.json"
install -m 0644 "$PKG/keybuzz-agent/99-keybuzz.cnf" "$R/etc/mysql/mariadb.conf.d/99-keybuzz.cnf"
printf '/etc/keybuzz/agent.json\n/etc/mysql/mariadb.conf.d/99-keybuzz.cnf\n' >"$R/DEBIAN/conffiles"
common_files keybuzz-agent "$R" kb-agent.8
maintainer_scripts keybuzz-agent "$R"
finish keybuzz-agent "$R" "libc6 (>= 2.34), libssl3, adduser, polkitd | policykit-1, systemd" \
  "MariaDB Galera monitoring agent with guarded self-repair" \
  " kb-agent samples the local MariaDB Galera node every second and streams the
 readings to the KeyBuzz collector. It restarts a crashed node when that is
 safe and bootstraps a node only with a single-use grant from the collector.
 Native binary: no .NET runtime is needed on database nodes."

# --- keybuzz-collector ---
R=$STAGE/keybuzz-collector; install -d "$R/DEBIAN" "$R/usr/bin" "$R/usr/sbin" "$R/usr/lib/keybuzz-collector" "$R/lib/systemd/system" "$R/etc/keybuzz"
cp -r "$STAGE/bin/collector/." "$R/usr/lib/keybuzz-collector/"
find "$R/usr/lib/keybuzz-collector" -type f -exec chmod 0644 {} +; chmod 0755 "$R/usr/lib/keybuzz-collector/kb-collector"
find "$R/usr/lib/keybuzz-collector" -name '*.so' -exec strip --strip-unneeded {} +
ln -s ../lib/keybuzz-collector/kb-collector "$R/usr/bin/kb-collector"
install -m 0755 "$PKG/keybuzz-collector/keybuzz-tokens" "$R/usr/sbin/keybuzz-tokens"
install -m 0644 "$PKG/keybuzz-collector/keybuzz-collector.service" "$R/lib/systemd/system/"
install -m 0644 "$PKG/keybuzz-collector/collector.json" "$R/etc/keybuzz/collector.json"
echo /etc/keybuzz/collector.json >"$R/DEBIAN/conffiles"
common_files keybuzz-collector "$R" kb-collector.8 keybuzz-tokens.8
maintainer_scripts keybuzz-collector "$R"
finish keybuzz-collector "$R" "libc6 (>= 2.34), libgcc-s1, libstdc++6, libssl3, adduser, systemd" \
  "KeyBuzz collector: Galera history, alerts and coordinated recovery" \
  " kb-collector keeps the history of every MariaDB Galera node (LiteDB),
 evaluates alert rules, serves gRPC, an HTTP/JSON API and Prometheus metrics,
 pushes alerts to Alertmanager, and coordinates the bootstrap of a cluster
 after a full outage. Self-contained: no .NET runtime is needed."

# --- kbctl ---
R=$STAGE/kbctl; install -d "$R/DEBIAN" "$R/usr/bin"
install -m 0755 "$STAGE/bin/kbctl/kbctl" "$R/usr/bin/kbctl"; strip --strip-unneeded "$R/usr/bin/kbctl"
common_files kbctl "$R" kbctl.1
finish kbctl "$R" "libc6 (>= 2.34), libssl3" \
  "KeyBuzz operator command line" \
  " kbctl talks to the KeyBuzz collector: cluster status, history, alerts,
 events, bootstrap plans and approvals, maintenance, and renders agent and
 collector configurations from a servers.tsv inventory. Native binary."

if [ "${KB_SKIP_LINTIAN:-0}" != 1 ]; then
  log "lintian"
  lintian --fail-on error,warning "$OUT"/*.deb
fi
ls -l "$OUT"/*.deb
