#include "engine/kafka/protocol/frame_splitter.h"

#include <algorithm>
#include <string>
#include <utility>

namespace runnel::kafka {
namespace {
constexpr std::size_t kInitialReserveBytes = 1 << 20;
}  // namespace

FrameSplitter::FrameSplitter(std::size_t maxFrameBytes) : maxFrameBytes_(maxFrameBytes) {}

Status FrameSplitter::startFrame() {
  const auto size = static_cast<std::int32_t>(loadBigEndian32(sizePrefix_));
  sizeHave_ = 0;
  if (size < 0) {
    return Status::invalidArgument("Kafka frame with negative size " + std::to_string(size) +
                                   ": not a Kafka client, or a corrupt stream");
  }
  if (static_cast<std::size_t>(size) > maxFrameBytes_) {
    return Status::resourceExhausted("Kafka frame of " + std::to_string(size) +
                                     " bytes exceeds socket.request.max.bytes (" +
                                     std::to_string(maxFrameBytes_) + ")");
  }
  frameSize_ = static_cast<std::size_t>(size);
  current_.clear();
  // Grow with the data actually received: a peer announcing a huge frame and sending nothing
  // should not pin that much memory.
  current_.reserve(std::min(frameSize_, kInitialReserveBytes));
  inFrame_ = true;
  return Status::ok();
}

Status FrameSplitter::feed(ByteView data) {
  if (!failure_.isOk()) return failure_;
  while (true) {
    if (!inFrame_) {
      const std::size_t take = std::min(kFrameSizeBytes - sizeHave_, data.size());
      std::copy_n(data.begin(), take, sizePrefix_ + sizeHave_);
      sizeHave_ += take;
      data = data.subspan(take);
      if (sizeHave_ < kFrameSizeBytes) return Status::ok();
      failure_ = startFrame();
      if (!failure_.isOk()) return failure_;
    }
    const std::size_t take = std::min(frameSize_ - current_.size(), data.size());
    current_.insert(current_.end(), data.begin(), data.begin() + static_cast<std::ptrdiff_t>(take));
    data = data.subspan(take);
    if (current_.size() < frameSize_) return Status::ok();
    ready_.push_back(std::move(current_));
    current_ = Bytes();
    inFrame_ = false;
    if (data.empty()) return Status::ok();
  }
}

std::optional<Bytes> FrameSplitter::nextFrame() {
  if (ready_.empty()) return std::nullopt;
  Bytes frame = std::move(ready_.front());
  ready_.pop_front();
  return frame;
}

}  // namespace runnel::kafka
