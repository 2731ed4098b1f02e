#!/usr/bin/env bash
# Checks the Windows port from Linux: cross-compiles the engine, runnel-server and runnel-sql for
# 64-bit Windows with MinGW-w64 (no Qt: no studio, no test suites) and env_check.exe (the file
# semantics of engine/common/windows_env.cpp, packaging/windows/env_check.cpp), then, when wine is
# installed, runs env_check.exe, and runs runnel-server.exe and produces and consumes records with
# kcat against it.
# Not part of CI (a cold build takes ~15 minutes on 2 cores); see docs/INSTALL.md, "Windows".
#
# Usage: packaging/windows/cross-check.sh [BUILD_DIR]     (default: build/mingw)
# Needs (Debian/Ubuntu): mingw-w64 libz-mingw-w64-dev libspdlog-dev cmake ninja-build python3;
#   for the run: wine (64-bit) and kcat.
# SQLite: Debian has no MinGW build of it, so it is compiled from the amalgamation: point
#   RUNNEL_SQLITE_AMALGAMATION at a directory holding sqlite3.c and sqlite3.h. Without it the
#   script takes the copy inside npm's better-sqlite3 package (`npm pack`), when npm is there.
# snappy, lz4, zstd and librdkafka have no MinGW packages either: this build leaves them out
#   (RUNNEL_WITH_SNAPPY/LZ4/ZSTD/REMOTE=OFF), so batches compressed with those codecs are refused
#   with a clear error and runnel-sql has no --bootstrap. A native Windows build (MSVC + vcpkg,
#   .github/workflows/packages.yml) has them all.
# Environment: JOBS (default 2), PORT (default 19392, the broker's port under wine).
set -euo pipefail

src="$(cd "$(dirname "$0")/../.." && pwd)"
build="$(realpath -m "${1:-$src/build/mingw}")"
jobs="${JOBS:-2}"
port="${PORT:-19392}"
triple=x86_64-w64-mingw32

fail() {
  echo "cross-check: $*" >&2
  exit 1
}

command -v "$triple-g++-posix" > /dev/null ||
  fail "no $triple-g++-posix: apt-get install mingw-w64 libz-mingw-w64-dev"
[[ -f /usr/$triple/include/zlib.h ]] || fail "no MinGW zlib: apt-get install libz-mingw-w64-dev"
[[ -f /usr/include/spdlog/spdlog.h && -d /usr/include/fmt ]] ||
  fail "no spdlog/fmt headers: apt-get install libspdlog-dev"
mkdir -p "$build"

# spdlog and fmt are used header-only: stage just their headers, so the cross compiler never sees
# the host's other headers (glibc's would shadow MinGW's).
stage="$build/stage"
mkdir -p "$stage/include"
ln -sfn /usr/include/spdlog "$stage/include/spdlog"
ln -sfn /usr/include/fmt "$stage/include/fmt"

sqlite="${RUNNEL_SQLITE_AMALGAMATION:-}"
if [[ -z "$sqlite" ]]; then
  sqlite="$build/sqlite"
  if [[ ! -f "$sqlite/sqlite3.c" ]]; then
    command -v npm > /dev/null ||
      fail "set RUNNEL_SQLITE_AMALGAMATION to a directory with sqlite3.c and sqlite3.h"
    echo "cross-check: taking SQLite's amalgamation from npm's better-sqlite3 package"
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent better-sqlite3 > /dev/null && tar xzf better-sqlite3-*.tgz)
    mkdir -p "$sqlite"
    cp "$tmp"/package/deps/sqlite3/sqlite3.[ch] "$sqlite/"
    rm -rf "$tmp"
  fi
fi
[[ -f "$sqlite/sqlite3.c" && -f "$sqlite/sqlite3.h" ]] || fail "no sqlite3.c/sqlite3.h in $sqlite"

echo "cross-check: configuring $build"
# -O2 as the native builds: at -O3 GCC 12 warns falsely (-Wrestrict) inside std::string.
cmake -S "$src" -B "$build" -G Ninja \
  -DCMAKE_TOOLCHAIN_FILE="$src/packaging/windows/mingw-w64-toolchain.cmake" \
  -DRUNNEL_CROSS_STAGE="$stage" \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS_RELEASE="-O2 -DNDEBUG" \
  -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" -DRUNNEL_WERROR=ON -DRUNNEL_USE_LLD=OFF -DRUNNEL_UNITY_BUILD=ON \
  -DRUNNEL_BUILD_GUI=OFF -DRUNNEL_BUILD_TESTS=OFF -DRUNNEL_BUILD_BENCHMARKS=OFF \
  -DRUNNEL_BUILD_PACKAGING=OFF -DRUNNEL_WITH_REMOTE=OFF \
  -DRUNNEL_WITH_SNAPPY=OFF -DRUNNEL_WITH_LZ4=OFF -DRUNNEL_WITH_ZSTD=OFF \
  -DRUNNEL_SQLITE_AMALGAMATION="$sqlite" > "$build/configure.log" ||
  fail "configure failed (see $build/configure.log)"

echo "cross-check: building runnel-server.exe and runnel-sql.exe (-j$jobs)"
cmake --build "$build" -j "$jobs" --target runnel-server runnel-sql
server="$build/bin/runnel-server.exe"
file "$server" | grep -q "PE32+ executable" || fail "$server is not a Windows executable"
echo "cross-check: built $(file -b "$server")"
envCheck="$build/bin/env_check.exe"
"$triple-g++-posix" -std=c++20 -O2 -Wall -Wextra -Wpedantic -Werror -DFMT_HEADER_ONLY -DNOMINMAX \
  -DWIN32_LEAN_AND_MEAN -D_WIN32_WINNT=0x0A00 -I"$src" -I"$build/generated" -isystem "$stage/include" \
  "$src/packaging/windows/env_check.cpp" "$build/engine/common/librunnel_common.a" -static \
  -o "$envCheck" || fail "building env_check.exe failed"

if ! command -v wine > /dev/null || ! command -v kcat > /dev/null; then
  echo "cross-check: no wine or kcat here: built, not run"
  exit 0
fi

# ---- run runnel-server.exe under wine and talk Kafka to it from Linux --------------------------
export WINEPREFIX="$build/wineprefix" WINEDEBUG=-all
wine wineboot -i > /dev/null 2>&1 || true
# wine 8 has no POSIX delete or rename: env_check then proves the tombstone fallback, and that
# replacing an open file is refused cleanly (Windows 10 on NTFS replaces it).
envData="$build/env-check-data"
rm -rf "$envData"
mkdir -p "$envData"
wine "$envCheck" "$(winepath -w "$envData")" 2> /dev/null || fail "env_check.exe failed (see above)"
data="$build/wine-data"
rm -rf "$data"
mkdir -p "$data"
log="$build/runnel-server.log"
control="$build/control.fifo"
rm -f "$control"
mkfifo "$control"
# The control FIFO is the server's stdin: closing it stops the server cleanly (end of input).
wine "$server" --brokers 1 --port "$port" --data-dir "$(winepath -w "$data")" \
  --control stdin < "$control" > "$log" 2>&1 &
serverPid=$!
exec 3> "$control"
cleanup() {
  exec 3>&- 2> /dev/null || true
  sleep 2
  kill "$serverPid" 2> /dev/null || true
}
trap cleanup EXIT

for _ in $(seq 1 120); do
  grep -q "^bootstrap" "$log" 2> /dev/null && break
  kill -0 "$serverPid" 2> /dev/null || fail "runnel-server.exe exited: $(cat "$log")"
  sleep 1
done
grep -q "^bootstrap" "$log" || fail "runnel-server.exe did not start in 120 s: $(cat "$log")"
echo "cross-check: runnel-server.exe is up: $(grep '^bootstrap' "$log")"

broker="127.0.0.1:$port"
kcat -b "$broker" -L -m 10 | grep -q "1 brokers" || fail "no metadata from runnel-server.exe"
expected=$(printf 'k%d=value %d\n' 1 1 2 2 3 3 4 4 5 5)
sed 's/=/:/' <<< "$expected" | kcat -b "$broker" -t cross-check -P -K: -z gzip -m 30 ||
  fail "producing to runnel-server.exe failed"
got=$(kcat -b "$broker" -t cross-check -C -o beginning -e -q -m 30 -f '%k=%s\n')
[[ "$got" == "$expected" ]] || fail "consumed records differ: expected
$expected
got
$got"
echo "cross-check: produced and consumed 5 gzip-compressed records through runnel-server.exe"

echo "status" >&3
exec 3>&-
for _ in $(seq 1 30); do
  kill -0 "$serverPid" 2> /dev/null || break
  sleep 1
done
trap - EXIT
if kill -0 "$serverPid" 2> /dev/null; then
  kill "$serverPid"
  fail "runnel-server.exe did not stop at the end of its control input"
fi
grep -q "shutting down" "$log" || fail "runnel-server.exe did not shut down cleanly: $(cat "$log")"
ls "$data" | grep -q . || fail "runnel-server.exe wrote no data in $data"
echo "cross-check: runnel-server.exe stopped cleanly; Windows cross check passed"
