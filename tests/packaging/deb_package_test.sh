#!/usr/bin/env bash
# deb_package_test.sh BUILD_DIR SOURCE_DIR VERSION
# Builds the .deb from this build's binaries (cpack only packages, so it costs seconds), checks its
# metadata, dependencies and contents, installs it, and runs the installed programs with the
# source and build trees out of reach: `runnel --version`, `runnel-server` answering a kcat
# metadata request, and the studio starting offscreen and quitting by itself.
#
# Where it installs: as root with mount namespaces available (the CI container, a dev machine),
# `dpkg -i` runs for real in a chroot whose root is an overlay of this machine's / (writes go to a
# tmpfs and vanish with the namespace), so dpkg resolves the Depends against the real package
# database and the programs run from /usr/bin with the repository hidden under an empty tmpfs.
# Elsewhere (no root, or a container without CAP_SYS_ADMIN) it falls back to `dpkg -x` into a
# temporary root and checks the Depends against the package database itself; the programs then
# run from that root and the test proves they map nothing from the trees via /proc/PID/maps.
set -euo pipefail

build=$(cd "$1" && pwd)
source=$(cd "$2" && pwd)
version=$3
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/runnel-deb-test.XXXXXX)
cleanup() { rm -rf "$work"; }
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
note() { echo "-- $*"; }

# ---- package ------------------------------------------------------------------------------
start=$(date +%s)
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/pkg" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; fail "cpack -G DEB failed"; }
arch=$(dpkg --print-architecture)
deb=$work/pkg/runnel_${version}_${arch}.deb
[ -f "$deb" ] || { ls "$work/pkg"; fail "expected $deb (package name must carry the project version)"; }
note "built $(basename "$deb") ($(($(stat -c %s "$deb") / 1024)) KiB) in $(($(date +%s) - start)) s"

# ---- metadata -----------------------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = runnel ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', project says $version"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture is '$(field Architecture)'"
depends=$(field Depends)
note "Depends: $depends"
has_dep() { grep -Eq "(^|, |\| )$1( |,|$)" <<<"$depends"; }
# The libraries every build links, and the Qt platform plugins loaded at run time.
for want in libqt6core6 libqt6gui6 libqt6widgets6 libqt6charts6 libqt6svg6 'libqscintilla2-qt6-[0-9]+' \
  libsqlite3-0 'libspdlog1[.0-9a-z-]*' qt6-qpa-plugins libc6; do
  has_dep "$want" || fail "Depends lacks $want"
done
has_dep '[a-z0-9.+-]+-dev' && fail "Depends names a -dev package"
# And precisely: the package owning every shared library a program needs (librdkafka once the
# remote clients link it, ...) is a dependency.
dpkg-deb -x "$deb" "$work/extracted"
ldconfig -p >"$work/ldconfig"
sonames=$(for prog in runnel runnel-server runnel-sql; do
  objdump -p "$work/extracted/usr/bin/$prog" | awk '$1 == "NEEDED" {print $2}'
done | sort -u)
for soname in $sonames; do
  path=$(awk -v so="$soname" '$1 == so {print $NF; exit}' "$work/ldconfig")
  [ -n "$path" ] || fail "a program needs $soname, which this machine does not have"
  # With merged /usr, dpkg knows a library under /lib or /usr/lib, whichever its package used.
  real=$(readlink -f "$path")
  owner=""
  for candidate in "$(dirname "$path")/$(basename "$real")" "$real" "${real#/usr}"; do
    owner=$(dpkg -S "$candidate" 2>/dev/null | awk -F: 'NR == 1 {print $1}') || true
    [ -n "$owner" ] && break
  done
  [ -n "$owner" ] || fail "no package owns $path ($soname)"
  # The library's shlibs may name a package the owner provides (libspdlog1.10-fmt9).
  names=$owner$(dpkg-query -W -f='${Provides}' "$owner" | sed -E 's/ *\([^)]*\)//g; s/, */|/g; s/^(.)/|\1/')
  has_dep "($(sed 's/[.+]/\\&/g' <<<"$names"))" || fail "$soname comes from $owner, which Depends lacks"
done
note "every shared library the programs need is covered by Depends ($(wc -w <<<"$sonames") libraries)"

# ---- contents -----------------------------------------------------------------------------
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/contents"
expect=(/usr/bin/runnel /usr/bin/runnel-server /usr/bin/runnel-sql
  /usr/share/applications/dev.runnel.Runnel.desktop /usr/share/metainfo/dev.runnel.Runnel.metainfo.xml
  /usr/share/icons/hicolor/scalable/apps/dev.runnel.Runnel.svg)
for prog in runnel runnel-server runnel-sql; do
  expect+=("/usr/share/man/man1/$prog.1.gz")
done
for size in 16 22 24 32 48 64 128 256 512; do
  expect+=("/usr/share/icons/hicolor/${size}x${size}/apps/dev.runnel.Runnel.png")
done
for path in "${expect[@]}"; do
  grep -qx "$path" "$work/contents" || fail "package lacks $path"
done
grep -q "^$build\|^$source" "$work/contents" && fail "package holds build-tree paths"
share=$work/extracted/usr/share
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$share/applications/dev.runnel.Runnel.desktop" || fail "invalid .desktop file"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net "$share/metainfo/dev.runnel.Runnel.metainfo.xml" >"$work/appstream.log" 2>&1 ||
    { cat "$work/appstream.log"; fail "invalid AppStream metadata"; }
fi
for prog in runnel runnel-server runnel-sql; do
  zcat "$share/man/man1/$prog.1.gz" >"$work/$prog.1"
  grep -q "^\\.TH ${prog^^} 1 .*\"Runnel $version\"" "$work/$prog.1" ||
    fail "man page of $prog lacks its title line for version $version"
done
grep -q "<release version=\"$version\"" "$share/metainfo/dev.runnel.Runnel.metainfo.xml" ||
  fail "AppStream metadata lacks release $version"
for size in 16 22 24 32 48 64 128 256 512; do
  png=$share/icons/hicolor/${size}x${size}/apps/dev.runnel.Runnel.png
  # PNG header: width and height are big-endian at bytes 16 and 20.
  dims=$(od -An -tu1 -j16 -N8 "$png" | awk '{print $3*256+$4 "x" $7*256+$8}')
  [ "$dims" = "${size}x${size}" ] || fail "icon ${size}x${size} is $dims"
done

# ---- install ------------------------------------------------------------------------------
# The checks that run on the installed tree. PREFIX is where / of the installation is.
cat >"$work/installed_checks.sh" <<'CHECKS'
set -euo pipefail
prefix=$1 version=$2 source=$3 build=$4 scratch=$5
fail() { echo "FAIL: $*" >&2; exit 1; }
note() { echo "-- $*"; }
bin=$prefix/usr/bin
export HOME=$scratch/home XDG_DATA_HOME=$scratch/home/.local/share XDG_CONFIG_HOME=$scratch/home/.config
export XDG_RUNTIME_DIR=$scratch/runtime QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
cd "$scratch"
# Nothing of the repository may be mapped: libraries, plugins or resources from the trees.
no_tree_maps() {
  if grep -E "^[^ ]+ [^ ]+ [^ ]+ [^ ]+ [^ ]+ +($source|$build)/" "/proc/$1/maps"; then
    fail "$2 maps files from the source or build tree"
  fi
}

for prog in runnel runnel-server runnel-sql; do
  out=$("$bin/$prog" --version) || fail "$prog --version failed"
  [ "$out" = "$prog $version" ] || fail "$prog --version says '$out', expected '$prog $version'"
done
note "--version: all three say $version"

for prog in runnel runnel-server runnel-sql; do
  if ldd "$bin/$prog" | grep -E "not found|$source|$build"; then
    fail "$prog resolves libraries outside the system"
  fi
done

# runnel-server: any free ports (--port 0), then a real Kafka client asks for metadata.
"$bin/runnel-server" --brokers 2 --port 0 --data-dir "$scratch/cluster" >"$scratch/server.out" 2>&1 &
server=$!
bootstrap=""
for _ in $(seq 300); do  # up to 30 s on a loaded machine
  bootstrap=$(sed -n 's/^bootstrap //p' "$scratch/server.out")
  [ -n "$bootstrap" ] && break
  kill -0 $server 2>/dev/null || { cat "$scratch/server.out"; fail "runnel-server exited"; }
  sleep 0.1
done
[ -n "$bootstrap" ] || { kill $server; fail "runnel-server printed no bootstrap line"; }
no_tree_maps $server runnel-server
first=${bootstrap%%,*}
metadata=$(kcat -L -b "$first" -m 10 2>&1) || { kill $server; echo "$metadata"; fail "kcat -L failed"; }
brokers=$(grep -c '^  broker [0-9]* at ' <<<"$metadata" || true)
[ "$brokers" = 2 ] || { kill $server; echo "$metadata"; fail "kcat saw $brokers brokers, expected 2"; }
kill -TERM $server
rc=0
wait $server || rc=$?
[ $rc = 0 ] || { cat "$scratch/server.out"; fail "runnel-server exit status $rc after SIGTERM"; }
grep -q "shutting down" "$scratch/server.out" || fail "runnel-server did not shut down cleanly"
note "runnel-server: kcat -L -b $first saw 2 brokers; stopped cleanly"

# The studio: offscreen, its own data directory and free ports, quits by itself.
"$bin/runnel" --quit-after 2500 --port 0 --no-demo --data-dir "$scratch/studio" \
  >"$scratch/studio.out" 2>&1 &
studio=$!
sleep 1.2
kill -0 $studio 2>/dev/null && no_tree_maps $studio runnel
rc=0
wait $studio || rc=$?
[ $rc = 0 ] || { cat "$scratch/studio.out"; fail "runnel exit status $rc"; }
log=$scratch/studio/logs/runnel.log
[ -f "$log" ] || log=$(ls "$scratch"/studio/logs/*.log | head -1)
grep -q "Runnel Studio $version starting" "$log" || fail "studio log lacks its start line"
grep -q "Runnel Studio exiting" "$log" || fail "studio did not quit cleanly"
note "runnel: started offscreen, quit by itself (exit 0)"
CHECKS

# RUNNEL_DEB_TEST_MODE=extract forces the fallback (to test it where the chroot would work).
use_chroot=0
if [ "${RUNNEL_DEB_TEST_MODE:-}" != extract ] && [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
  use_chroot=1
fi

if [ $use_chroot = 1 ]; then
  note "installing with dpkg -i in a chroot on an overlay of / (nothing on this machine changes)"
  cat >"$work/in_namespace.sh" <<'NS'
set -euo pipefail
work=$1 deb=$2 version=$3 source=$4 build=$5
mount --make-rprivate /
mount -t tmpfs tmpfs "$work/ovl"
mkdir -p "$work/ovl/upper" "$work/ovl/work" "$work/ovl/root"
mount -t overlay overlay -o "lowerdir=/,upperdir=$work/ovl/upper,workdir=$work/ovl/work" "$work/ovl/root"
root=$work/ovl/root
mount -t proc proc "$root/proc"
mount --rbind /dev "$root/dev"
mount -t tmpfs tmpfs "$root/tmp"
# The repository disappears inside the chroot: an installed program cannot reach it. (A tree
# under /tmp is gone already.)
for tree in "$source" "$build"; do
  if [ -d "$root$tree" ]; then mount -t tmpfs tmpfs "$root$tree"; fi
done
cp "$deb" "$work/installed_checks.sh" "$root/tmp/"
chroot "$root" env PATH=/usr/sbin:/usr/bin:/sbin:/bin dpkg -i "/tmp/$(basename "$deb")" >"$work/dpkg.log" 2>&1 ||
  { cat "$work/dpkg.log"; echo "FAIL: dpkg -i (unsatisfied Depends?)" >&2; exit 1; }
chroot "$root" dpkg-query -W -f='${Status} ${Version}\n' runnel | grep -qx "install ok installed $version" ||
  { echo "FAIL: dpkg does not list runnel $version as installed" >&2; exit 1; }
for tree in "$source" "$build"; do
  [ -z "$(ls -A "$root$tree" 2>/dev/null)" ] || { echo "FAIL: $tree is visible in the chroot" >&2; exit 1; }
done
mkdir -p "$root/tmp/scratch"
chroot "$root" env -i PATH=/usr/bin:/bin bash /tmp/installed_checks.sh "" "$version" "$source" "$build" /tmp/scratch
NS
  mkdir -p "$work/ovl"
  unshare -m bash "$work/in_namespace.sh" "$work" "$deb" "$version" "$source" "$build"
else
  note "no mount namespace here: dpkg -x into a temporary root, Depends checked against dpkg's database"
  dpkg -x "$deb" "$work/root"
  python3 "$here/check_depends.py" "$depends" || fail "Depends not satisfied by the installed packages"
  mkdir -p "$work/scratch"
  env -i PATH=/usr/bin:/bin bash "$work/installed_checks.sh" "$work/root" "$version" "$source" "$build" \
    "$work/scratch"
fi
note "PASS ($(($(date +%s) - start)) s)"
