#include "engine/log/offset_index.h"

#include <string>

#include "engine/log/log_format.h"

namespace runnel {

OffsetIndex::OffsetIndex(std::int64_t baseOffset, std::size_t maxEntries)
    : baseOffset_(baseOffset), entries_(maxEntries) {}

OffsetPosition OffsetIndex::decode(const ConcurrentEntryArray<1>::Entry& e) const {
  return {baseOffset_ + static_cast<std::int64_t>(e[0] >> 32), e[0] & 0xffffffffu};
}

Status OffsetIndex::load(ByteView bytes, std::uint64_t logSize) {
  entries_.truncate(0);
  if (bytes.size() % logfmt::kOffsetIndexEntrySize != 0) {
    return Status::corruption("offset index size " + std::to_string(bytes.size()) +
                              " is not a multiple of " +
                              std::to_string(logfmt::kOffsetIndexEntrySize));
  }
  std::int64_t lastRelative = -1;
  std::uint64_t lastPosition = 0;
  for (std::size_t at = 0; at < bytes.size(); at += logfmt::kOffsetIndexEntrySize) {
    const auto relative = static_cast<std::int32_t>(loadBigEndian32(bytes.data() + at));
    const std::uint32_t position = loadBigEndian32(bytes.data() + at + 4);
    if (relative <= lastRelative || (lastRelative >= 0 && position <= lastPosition)) {
      entries_.truncate(0);
      return Status::corruption("offset index entry " +
                                std::to_string(at / logfmt::kOffsetIndexEntrySize) +
                                " is out of order");
    }
    if (position >= logSize) {
      entries_.truncate(0);
      return Status::outOfRange("offset index entry " +
                                std::to_string(at / logfmt::kOffsetIndexEntrySize) +
                                " points at byte " + std::to_string(position) +
                                " but the log has only " + std::to_string(logSize) + " bytes");
    }
    if (!entries_.append({(std::uint64_t(std::uint32_t(relative)) << 32) | position})) {
      entries_.truncate(0);
      return Status::corruption("offset index has more entries than segment.index.bytes allows");
    }
    lastRelative = relative;
    lastPosition = position;
  }
  return Status::ok();
}

Status OffsetIndex::rewriteFile() {
  if (!file_) return Status::ok();
  RUNNEL_RETURN_IF_ERROR(file_->truncate(0));
  std::uint8_t buf[logfmt::kOffsetIndexEntrySize];
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const auto e = entries_.get(i);
    storeBigEndian32(buf, static_cast<std::uint32_t>(e[0] >> 32));
    storeBigEndian32(buf + 4, static_cast<std::uint32_t>(e[0]));
    RUNNEL_RETURN_IF_ERROR(file_->append(buf));
  }
  return Status::ok();
}

Status OffsetIndex::append(std::int64_t offset, std::uint64_t position) {
  const std::int64_t relative = offset - baseOffset_;
  if (relative < 0 || relative > INT32_MAX || position > UINT32_MAX) {
    return Status::internal("offset index entry out of range");
  }
  if (auto last = lastEntry(); last && last->offset >= offset) return Status::ok();
  if (!entries_.append({(std::uint64_t(relative) << 32) | position})) {
    return Status::resourceExhausted("offset index is full");
  }
  if (file_) {
    std::uint8_t buf[logfmt::kOffsetIndexEntrySize];
    storeBigEndian32(buf, static_cast<std::uint32_t>(relative));
    storeBigEndian32(buf + 4, static_cast<std::uint32_t>(position));
    Status s = file_->append(buf);
    if (!s.isOk()) {
      entries_.truncate(entries_.size() - 1);
      return s;
    }
  }
  return Status::ok();
}

Status OffsetIndex::truncateToOffset(std::int64_t offset) {
  const std::ptrdiff_t last =
      entries_.lastWhere([&](const auto& e) { return decode(e).offset < offset; });
  const auto keep = static_cast<std::size_t>(last + 1);
  if (keep >= entries_.size()) return Status::ok();
  entries_.truncate(keep);
  return file_ ? file_->truncate(keep * logfmt::kOffsetIndexEntrySize) : Status::ok();
}

Status OffsetIndex::flush() {
  return file_ ? file_->flush() : Status::ok();
}
Status OffsetIndex::sync() {
  return file_ ? file_->sync() : Status::ok();
}
Status OffsetIndex::close() {
  if (!file_) return Status::ok();
  Status s = file_->close();
  file_.reset();
  return s;
}

OffsetPosition OffsetIndex::lookup(std::int64_t target) const {
  const std::ptrdiff_t i =
      entries_.lastWhere([&](const auto& e) { return decode(e).offset <= target; });
  if (i < 0) return {baseOffset_, 0};
  return decode(entries_.get(static_cast<std::size_t>(i)));
}

OffsetPosition OffsetIndex::lookupByPosition(std::uint64_t position) const {
  const std::ptrdiff_t i =
      entries_.lastWhere([&](const auto& e) { return decode(e).position <= position; });
  if (i < 0) return {baseOffset_, 0};
  return decode(entries_.get(static_cast<std::size_t>(i)));
}

std::optional<OffsetPosition> OffsetIndex::lastEntry() const {
  const std::size_t n = entries_.size();
  if (n == 0) return std::nullopt;
  return decode(entries_.get(n - 1));
}

}  // namespace runnel
