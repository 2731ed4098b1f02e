#!/usr/bin/env bash
# Installs the Debian packages Runnel needs to build, run and test. Idempotent: when everything is
# already present it prints nothing and returns at once, so the README commands stay fast.
# Usage: packaging/install-deps.sh [--check]   (--check lists what is missing and exits 1 if any)
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache lld pkg-config git python3 file
  # engine libraries
  libsqlite3-dev libspdlog-dev libfmt-dev zlib1g-dev libzstd-dev liblz4-dev libsnappy-dev
  librdkafka-dev
  # studio
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev libqt6svg6 libqscintilla2-qt6-dev
  qtkeychain-qt6-dev
  qt6-qpa-plugins libqt6opengl6-dev libgl-dev libxkbcommon-dev fonts-dejavu-core
  # tests: display server for screenshots, real Kafka clients, fuzzing
  xvfb xauth x11-apps imagemagick kcat python3-kafka python3-confluent-kafka
  clang-14 libclang-rt-14-dev clang-format clang-tidy
  # packaging test: validators for the desktop entry and the AppStream metadata
  desktop-file-utils appstream
)

# kafkajs interop tests need node and npm; a machine may already have them from elsewhere.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed'; then
    missing+=("$p")
  fi
done

if [ "${1:-}" = "--check" ]; then
  [ ${#missing[@]} -eq 0 ] && exit 0
  printf 'missing: %s\n' "${missing[*]}"
  exit 1
fi
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1
  fi
fi
echo "install-deps: installing ${#missing[@]} package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
