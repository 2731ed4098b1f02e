#include "engine/log/segment_scanner.h"

#include <algorithm>
#include <string>

#include "engine/record/record_batch_format.h"

namespace runnel {
namespace {

// Header scans usually need one header or a few small batches: a page's worth.
constexpr std::size_t kHeaderBlock = 4096;
constexpr std::size_t kWholeBlock = std::size_t{1024} * 1024;

}  // namespace

SegmentScanner::SegmentScanner(const RandomAccessFile& file, std::uint64_t from, std::uint64_t end,
                               Mode mode)
    : file_(file), pos_(from), end_(end), mode_(mode) {}

Result<bool> SegmentScanner::ensure(std::uint64_t pos, std::size_t n) {
  if (pos >= bufferStart_ && pos + n <= bufferStart_ + bufferLength_) return true;
  if (pos + n > end_) return false;
  const std::size_t block = mode_ == Mode::kHeaders ? kHeaderBlock : kWholeBlock;
  const std::size_t want =
      static_cast<std::size_t>(std::min<std::uint64_t>(std::max(n, block), end_ - pos));
  if (buffer_.size() < want) buffer_.resize(want);
  RUNNEL_ASSIGN_OR_RETURN(std::size_t got, file_.read(pos, std::span(buffer_).first(want)));
  bufferStart_ = pos;
  bufferLength_ = got;
  return got >= n;
}

Result<bool> SegmentScanner::next(ScannedBatch& out) {
  using namespace record;
  if (pos_ == end_) return false;
  const auto corrupt = [&](const std::string& why) {
    return Status::corruption("no valid record batch at byte " + std::to_string(pos_) + ": " + why);
  };
  RUNNEL_ASSIGN_OR_RETURN(bool haveHeader, ensure(pos_, kBatchHeaderSize));
  if (!haveHeader)
    return corrupt("only " + std::to_string(end_ - pos_) + " bytes left, a batch header needs 61");
  const std::uint8_t* h = buffer_.data() + (pos_ - bufferStart_);
  const auto length = static_cast<std::int32_t>(loadBigEndian32(h + kBatchLengthOffset));
  if (length < kMinBatchLength)
    return corrupt("batch length " + std::to_string(length) + " is impossible");
  if (static_cast<std::int8_t>(h[kMagicOffset]) != kMagicV2) {
    return corrupt("magic " +
                   std::to_string(static_cast<int>(static_cast<std::int8_t>(h[kMagicOffset]))));
  }
  const std::uint64_t size = kLogOverhead + static_cast<std::uint64_t>(length);
  if (pos_ + size > end_) {
    return corrupt("batch of " + std::to_string(size) + " bytes runs past the end (" +
                   std::to_string(end_ - pos_) + " bytes left)");
  }
  out.position = pos_;
  out.size = static_cast<std::uint32_t>(size);
  out.baseOffset = static_cast<std::int64_t>(loadBigEndian64(h + kBaseOffsetOffset));
  out.lastOffset =
      out.baseOffset + static_cast<std::int32_t>(loadBigEndian32(h + kLastOffsetDeltaOffset));
  out.maxTimestamp = static_cast<std::int64_t>(loadBigEndian64(h + kMaxTimestampOffset));
  out.partitionLeaderEpoch =
      static_cast<std::int32_t>(loadBigEndian32(h + kPartitionLeaderEpochOffset));
  if (mode_ == Mode::kWholeBatches) {
    RUNNEL_ASSIGN_OR_RETURN(bool whole, ensure(pos_, static_cast<std::size_t>(size)));
    if (!whole) return corrupt("the file ends inside the batch");
    out.bytes = ByteView(buffer_.data() + (pos_ - bufferStart_), static_cast<std::size_t>(size));
  } else {
    out.bytes = ByteView(h, kBatchHeaderSize);
  }
  pos_ += size;
  return true;
}

}  // namespace runnel
