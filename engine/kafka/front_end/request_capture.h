// RequestCapture: saves request frames a Kafka front end receives into a directory, framed as the
// client sent them (size prefix included), to seed the request decoder fuzzer with real client
// traffic (tests/fuzz/README.md). Keeps the first frame of each API version per client id and
// skips large frames, so a capture stays small; files are named API-vVERSION-HASH.bin.
// Thread-safety: record() may be called from every listener thread at once.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <tuple>

#include "engine/common/bytes.h"
#include "engine/common/result.h"

namespace runnel::kafka {

class RequestCapture {
 public:
  static constexpr std::size_t kMaxFrameBytes = 4096;  // the fuzzer runs with -max_len=4096

  // Creates `directory` if needed; an error when it cannot be created or is not writable.
  static Result<std::unique_ptr<RequestCapture>> open(std::string directory);

  // `frame` is a request frame without its size prefix, as a RequestDispatcher receives it.
  // Frames whose header does not parse are skipped (the dispatcher reports those). A failed write
  // is logged once and capturing stops; serving requests never depends on it.
  void record(ByteView frame);
  int written() const;

 private:
  explicit RequestCapture(std::string directory) : directory_(std::move(directory)) {}

  const std::string directory_;
  mutable std::mutex mu_;  // guards seen_, written_, failed_
  std::set<std::tuple<std::int16_t, std::int16_t, std::string>> seen_;
  int written_ = 0;
  bool failed_ = false;
};

}  // namespace runnel::kafka
