#!/usr/bin/env bash
# Captures the request frames real Kafka clients send (kcat, librdkafka, kafka-python, kafkajs)
# by running their interop suites against runnel-server with RUNNEL_CAPTURE_REQUESTS set, and
# copies them into corpus/request_decoder/ as seeds for request_decoder_fuzz.
# Usage: tests/fuzz/capture_request_corpus.sh BUILD_DIR   (a build with the interop suites built)
set -euo pipefail
build=${1:?usage: $0 BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
out="$here/corpus/request_decoder"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for suite in kcat librdkafka kafka_python kafkajs; do
  mkdir -p "$scratch/$suite"
  RUNNEL_CAPTURE_REQUESTS="$scratch/$suite" \
    ctest --test-dir "$build" -R "^${suite}_interop_test\$" --output-on-failure >/dev/null ||
    { echo "capture: ${suite}_interop_test failed (see ctest --test-dir $build -R $suite)" >&2; exit 1; }
done
# Files are named API-vVERSION-CONTENTHASH.bin, so equal frames from two clients collapse; the
# frames are at most 4 KiB each (RequestCapture::kMaxFrameBytes). The previous capture is replaced
# (ids and offsets differ from run to run); make_request_corpus's API-vVERSION.bin files stay.
find "$out" -maxdepth 1 -regextype posix-extended -regex '.*-v[0-9]+-[0-9a-f]{16}\.bin' -delete
for suite in kcat librdkafka kafka_python kafkajs; do
  for f in "$scratch/$suite"/*.bin; do
    [ -e "$f" ] && cp -n "$f" "$out/"
  done
done
echo "capture: $(ls "$out" | grep -c -- '-[0-9a-f]\{16\}\.bin$') captured frames in $out"
