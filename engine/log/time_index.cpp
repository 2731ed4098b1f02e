#include "engine/log/time_index.h"

#include <string>

#include "engine/log/log_format.h"

namespace runnel {
namespace {

void encode(std::uint8_t* buf, std::int64_t timestamp, std::int64_t relative) {
  storeBigEndian64(buf, static_cast<std::uint64_t>(timestamp));
  storeBigEndian32(buf + 8, static_cast<std::uint32_t>(relative));
}

}  // namespace

TimeIndex::TimeIndex(std::int64_t baseOffset, std::size_t maxEntries)
    : baseOffset_(baseOffset), entries_(maxEntries) {}

Status TimeIndex::load(ByteView bytes, std::int64_t maxOffset) {
  entries_.truncate(0);
  if (bytes.size() % logfmt::kTimeIndexEntrySize != 0) {
    return Status::corruption("time index size " + std::to_string(bytes.size()) +
                              " is not a multiple of " +
                              std::to_string(logfmt::kTimeIndexEntrySize));
  }
  std::optional<TimestampOffset> last;
  for (std::size_t at = 0; at < bytes.size(); at += logfmt::kTimeIndexEntrySize) {
    const auto timestamp = static_cast<std::int64_t>(loadBigEndian64(bytes.data() + at));
    const auto relative = static_cast<std::int32_t>(loadBigEndian32(bytes.data() + at + 8));
    const std::int64_t offset = baseOffset_ + relative;
    if (relative < 0 || offset > maxOffset ||
        (last && (timestamp <= last->timestamp || offset < last->offset))) {
      entries_.truncate(0);
      return Status::corruption("time index entry " +
                                std::to_string(at / logfmt::kTimeIndexEntrySize) +
                                " is out of order or past the end of the log");
    }
    if (!entries_.append(
            {static_cast<std::uint64_t>(timestamp), static_cast<std::uint64_t>(relative)})) {
      entries_.truncate(0);
      return Status::corruption("time index has more entries than segment.index.bytes allows");
    }
    last = TimestampOffset{timestamp, offset};
  }
  return Status::ok();
}

Status TimeIndex::rewriteFile() {
  if (!file_) return Status::ok();
  RUNNEL_RETURN_IF_ERROR(file_->truncate(0));
  std::uint8_t buf[logfmt::kTimeIndexEntrySize];
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const auto e = entries_.get(i);
    encode(buf, static_cast<std::int64_t>(e[0]), static_cast<std::int64_t>(e[1]));
    RUNNEL_RETURN_IF_ERROR(file_->append(buf));
  }
  return Status::ok();
}

Status TimeIndex::maybeAppend(std::int64_t timestamp, std::int64_t offset) {
  if (auto last = lastEntry(); last && (timestamp <= last->timestamp || offset < last->offset)) {
    return Status::ok();
  }
  const std::int64_t relative = offset - baseOffset_;
  if (relative < 0 || relative > INT32_MAX)
    return Status::internal("time index entry out of range");
  if (!entries_.append(
          {static_cast<std::uint64_t>(timestamp), static_cast<std::uint64_t>(relative)})) {
    return Status::resourceExhausted("time index is full");
  }
  if (file_) {
    std::uint8_t buf[logfmt::kTimeIndexEntrySize];
    encode(buf, timestamp, relative);
    Status s = file_->append(buf);
    if (!s.isOk()) {
      entries_.truncate(entries_.size() - 1);
      return s;
    }
  }
  return Status::ok();
}

Status TimeIndex::truncateToOffset(std::int64_t offset) {
  const std::ptrdiff_t last =
      entries_.lastWhere([&](const auto& e) { return decode(e).offset < offset; });
  const auto keep = static_cast<std::size_t>(last + 1);
  if (keep >= entries_.size()) return Status::ok();
  entries_.truncate(keep);
  return file_ ? file_->truncate(keep * logfmt::kTimeIndexEntrySize) : Status::ok();
}

Status TimeIndex::flush() {
  return file_ ? file_->flush() : Status::ok();
}
Status TimeIndex::sync() {
  return file_ ? file_->sync() : Status::ok();
}
Status TimeIndex::close() {
  if (!file_) return Status::ok();
  Status s = file_->close();
  file_.reset();
  return s;
}

std::optional<TimestampOffset> TimeIndex::lastBefore(std::int64_t timestamp) const {
  const std::ptrdiff_t i =
      entries_.lastWhere([&](const auto& e) { return decode(e).timestamp < timestamp; });
  if (i < 0) return std::nullopt;
  return decode(entries_.get(static_cast<std::size_t>(i)));
}

std::optional<TimestampOffset> TimeIndex::lastEntry() const {
  const std::size_t n = entries_.size();
  if (n == 0) return std::nullopt;
  return decode(entries_.get(n - 1));
}

}  // namespace runnel
