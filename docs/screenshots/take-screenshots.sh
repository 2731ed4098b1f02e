#!/usr/bin/env bash
# Takes the README's screenshots of the studio on a virtual X display (Xvfb), light and dark.
# Usage: docs/screenshots/take-screenshots.sh [build-dir]   (default: build/dev)
# Uses a throw-away data and settings directory so your own layout and data are not touched.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/dev}
out=docs/screenshots
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_DATA_HOME=$scratch/data XDG_CONFIG_HOME=$scratch/config
for theme in light dark; do
  xvfb-run -a -s "-screen 0 1600x1000x24" "$build/bin/runnel" --reset-layout --theme "$theme" \
    --screenshot-delay 9000 --screenshot "$out/studio-$theme.png" >/dev/null 2>&1
  echo "wrote $out/studio-$theme.png"
done
