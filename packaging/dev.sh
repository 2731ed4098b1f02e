#!/usr/bin/env bash
# The two README commands:
#   packaging/dev.sh run    install what is missing, build, start the studio (or explain how to
#                           run the headless server when there is no display)
#   packaging/dev.sh test   install what is missing, build, run every test through CTest, then
#                           the engine tests again under AddressSanitizer + UBSan, then the
#                           Kafka request decoder fuzzer for 30 s
# Both are incremental: a second run reinstalls nothing and rebuilds only what changed.
# Environment: CI=true makes warnings errors everywhere (they are in the dev preset anyway) and
# skips nothing; RUNNEL_JOBS sets build parallelism (default: all cores).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
mode=${1:-}
jobs=${RUNNEL_JOBS:-$(nproc 2>/dev/null || echo 2)}
# ccache keys on relative paths under the checkout, so a fresh clone elsewhere (CI) reuses
# earlier compilations.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=true

step() { printf '\n== %s\n' "$*"; }

packaging/install-deps.sh

configure() {  # configure a preset once; later runs let the build re-run CMake when needed
  local preset=$1
  if [ ! -f "build/$preset/build.ninja" ]; then
    step "configuring ($preset)"
    local extra=()
    if [ "${CI:-}" = "true" ]; then extra=(-DRUNNEL_CI_BUILD=ON); fi
    cmake --preset "$preset" "${extra[@]}" >/dev/null
  fi
}

build() {  # build a preset: everything, or only the targets named after it
  local preset=$1
  shift
  step "building ($preset)"
  if [ $# -gt 0 ]; then
    cmake --build --preset "$preset" -j "$jobs" --target "$@"
  else
    cmake --build --preset "$preset" -j "$jobs"
  fi
}

# libFuzzer on the Kafka request decoder for a bounded time, from the committed seeds (real client
# requests among them). A small clang build of the codec and the fuzzer only (the fuzz preset):
# on a clean build it costs ~130 CPU-seconds plus the run, ~1m40s on 2 idle cores
# (docs/BENCHMARKS.md, "Request decoder fuzzing in the test command").
fuzz_seconds=${RUNNEL_FUZZ_SECONDS:-30}
have_clang() { command -v clang++-14 >/dev/null 2>&1; }
fuzz_build() {
  if ! have_clang; then
    echo "fuzzing skipped: clang++-14 not found (packaging/install-deps.sh installs clang-14 and libclang-rt-14-dev)"
    return 0
  fi
  configure fuzz
  build fuzz request_decoder_fuzz
}
fuzz_run() {
  step "fuzzing the Kafka request decoder (${fuzz_seconds} s)"
  have_clang || return 0
  local dir=build/fuzz/request_decoder
  mkdir -p "$dir/corpus"
  # New inputs go to the build's corpus; the committed seeds are only read.
  if build/fuzz/fuzz/request_decoder_fuzz -max_total_time="$fuzz_seconds" -max_len=4096 \
      -artifact_prefix="$dir/" "$dir/corpus" tests/fuzz/corpus/request_decoder >"$dir/log" 2>&1; then
    grep -E '^#[0-9]+[[:space:]]+DONE' "$dir/log" || tail -n 1 "$dir/log"
    return 0
  fi
  tail -n 40 "$dir/log"
  echo "request_decoder_fuzz found a problem: the input is in $dir/ (see tests/fuzz/README.md)"
  return 1
}

# Runs "$@" in the background with its output in a log, printed (and its status returned) by
# finish_background. Used for work that fits in the CPU the test suites leave idle: they spend
# much of their time waiting on sockets and timers, so on CI's 2 cores the overlap saves about
# two minutes (README, "CI time").
background_log=""
background_pid=""
start_background() {
  mkdir -p build
  background_log=build/background-$1.log
  shift
  # Niced, so the tests it runs beside keep their timing.
  ( renice -n 10 -p "$BASHPID" >/dev/null; "$@" ) >"$background_log" 2>&1 &
  background_pid=$!
}
finish_background() {
  local rc=0
  wait "$background_pid" || rc=$?
  cat "$background_log"
  return $rc
}

prepare_sanitizer_and_fuzz_builds() {
  configure asan
  fuzz_build
}

case "$mode" in
  run)
    configure dev
    build dev
    studio="$root/build/dev/bin/runnel"
    if [ "$(uname)" = "Linux" ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
      cat <<MSG

No display found, so the studio cannot open a window here. Instead:
  - run the embedded cluster headless:   $root/build/dev/bin/runnel-server --brokers 3
  - or the studio on a virtual display:  xvfb-run -a $studio
MSG
      exit 1
    fi
    step "starting the studio"
    exec "$studio" "${@:2}"
    ;;
  test)
    configure dev
    build dev
    step "running every test (CTest); meanwhile configuring the sanitizer build and building the fuzzer"
    status=0
    start_background prepare prepare_sanitizer_and_fuzz_builds
    ctest --preset dev -j "$jobs" --timeout 600 || status=1
    finish_background || status=1
    step "engine tests under AddressSanitizer + UndefinedBehaviorSanitizer; meanwhile fuzzing"
    build asan runnel_engine_tests
    start_background fuzz fuzz_run
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      ctest --preset asan -j "$jobs" --timeout 900 || status=1
    finish_background || status=1
    exit $status
    ;;
  *)
    echo "usage: packaging/dev.sh run|test" >&2
    exit 2
    ;;
esac
