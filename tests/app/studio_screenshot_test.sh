#!/usr/bin/env bash
# Starts the real studio on Xvfb (the X11 platform, not offscreen), saves a screenshot and checks
# it is a real picture: the right size and not a single colour.
set -euo pipefail
bin=$1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
if ! command -v xvfb-run >/dev/null; then echo "xvfb-run missing: install xvfb"; exit 1; fi
export XDG_DATA_HOME=$scratch/data XDG_CONFIG_HOME=$scratch/config
unset QT_QPA_PLATFORM
timeout 60 xvfb-run -a -s "-screen 0 1600x1000x24" "$bin/runnel" --reset-layout --theme light \
  --screenshot "$scratch/shot.png" > "$scratch/out.txt" 2>&1 || { cat "$scratch/out.txt"; exit 1; }
python3 - "$scratch/shot.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
width, height = struct.unpack('>II', data[16:24])
assert width >= 1000 and height >= 700, f'window too small: {width}x{height}'
# Concatenate IDAT chunks and check the image has many distinct byte values (not blank).
pos, idat = 8, b''
while pos < len(data):
    length, kind = struct.unpack('>I4s', data[pos:pos + 8])
    if kind == b'IDAT':
        idat += data[pos + 8:pos + 8 + length]
    pos += 12 + length
pixels = zlib.decompress(idat)
assert len(set(pixels[::7])) > 20, 'screenshot looks blank'
print(f'screenshot ok: {width}x{height}')
PY
grep -q "Runnel Studio .* starting" "$scratch/out.txt" || { echo "no start-up log line"; cat "$scratch/out.txt"; exit 1; }
