// FrameSplitter cuts the byte stream of one Kafka connection into frames: each request (or
// response) is a big-endian int32 size followed by that many bytes. Feed it whatever the socket
// delivered; it hands back each complete frame (without the size prefix) as its own buffer, which
// the caller keeps alive for as long as a decoded message borrows from it (records fields).
// A negative size, or one above the configured maximum (Kafka's socket.request.max.bytes), is a
// protocol violation: feed() fails and keeps failing, and the connection must be closed.
// Owns its buffers; not thread-safe (one connection, one reading thread).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>

#include "engine/common/bytes.h"
#include "engine/common/status.h"
#include "engine/kafka/protocol/protocol_constants.h"

namespace runnel::kafka {

class FrameSplitter {
 public:
  explicit FrameSplitter(std::size_t maxFrameBytes = kDefaultSocketRequestMaxBytes);

  // Consumes `data`. Fails with InvalidArgument for a negative frame size and ResourceExhausted
  // for one above the maximum; after a failure every call fails the same way.
  Status feed(ByteView data);

  // The oldest complete frame, if any, moved out of the splitter.
  std::optional<Bytes> nextFrame();
  std::size_t readyFrames() const { return ready_.size(); }

  // Bytes of a frame not yet complete (its size prefix included): what the socket still owes.
  std::size_t bufferedBytes() const {
    return inFrame_ ? kFrameSizeBytes + current_.size() : sizeHave_;
  }
  std::size_t maxFrameBytes() const { return maxFrameBytes_; }

 private:
  Status startFrame();

  std::size_t maxFrameBytes_;
  std::uint8_t sizePrefix_[kFrameSizeBytes] = {};
  std::size_t sizeHave_ = 0;  // bytes of the size prefix received so far
  bool inFrame_ = false;      // the size is known and current_ is being filled
  std::size_t frameSize_ = 0;
  Bytes current_;
  std::deque<Bytes> ready_;
  Status failure_;
};

}  // namespace runnel::kafka
