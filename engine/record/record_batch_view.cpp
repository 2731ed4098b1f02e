#include "engine/record/record_batch_view.h"

#include <string>

#include "engine/common/crc32c.h"
#include "engine/record/record_iterator.h"

namespace runnel::record {
namespace {

std::string str(std::int64_t v) { return std::to_string(v); }

std::string hex32(std::uint32_t v) {
  std::uint8_t b[4];
  storeBigEndian32(b, v);
  return toHex(b);
}

}  // namespace

Result<RecordBatchView> RecordBatchView::parse(ByteView bytes) {
  if (bytes.size() < kBatchHeaderSize) {
    return Status::corruption("record batch is truncated: " + str(static_cast<std::int64_t>(bytes.size())) +
                              " bytes, a header needs " + str(kBatchHeaderSize));
  }
  const auto length = static_cast<std::int32_t>(loadBigEndian32(bytes.data() + kBatchLengthOffset));
  if (length < kMinBatchLength) {
    return Status::corruption("record batch length " + str(length) + " is below the minimum " +
                              str(kMinBatchLength));
  }
  const auto magic = static_cast<std::int8_t>(bytes[kMagicOffset]);
  if (magic != kMagicV2) {
    if (magic == 0 || magic == 1) {
      return Status::notSupported("message format v" + str(magic) + " (magic " + str(magic) +
                                  ") is not supported; only RecordBatch v2");
    }
    return Status::corruption("record batch has magic " + str(magic) + ", expected 2");
  }
  const std::size_t total = kLogOverhead + static_cast<std::size_t>(length);
  if (total > bytes.size()) {
    return Status::corruption("record batch is truncated: batchLength says " + str(static_cast<std::int64_t>(total)) +
                              " bytes, only " + str(static_cast<std::int64_t>(bytes.size())) + " present");
  }
  return RecordBatchView(bytes.first(total));
}

std::uint32_t RecordBatchView::computeCrc() const {
  return crc32c::value(bytes_.subspan(kCrcCoveredFrom));
}

Status RecordBatchView::validate() const {
  const std::uint32_t actual = computeCrc();
  if (actual != crc()) {
    return Status::corruption("record batch at offset " + str(baseOffset()) + " has a bad CRC (stored " +
                              hex32(crc()) + ", computed " + hex32(actual) + ")");
  }
  if ((attributes() & kCompressionCodecMask) > kMaxCompressionCodecId) {
    return Status::corruption("record batch at offset " + str(baseOffset()) + " uses unknown compression codec " +
                              str(attributes() & kCompressionCodecMask));
  }
  if (lastOffsetDelta() < 0) {
    return Status::corruption("record batch at offset " + str(baseOffset()) + " has negative lastOffsetDelta " +
                              str(lastOffsetDelta()));
  }
  if (baseOffset() < 0 || baseOffset() > INT64_MAX - lastOffsetDelta()) {
    return Status::corruption("record batch has impossible base offset " + str(baseOffset()));
  }
  const std::int64_t count = recordCount();
  if (count < 0 || count > static_cast<std::int64_t>(lastOffsetDelta()) + 1) {
    return Status::corruption("record batch at offset " + str(baseOffset()) + " claims " + str(count) +
                              " records but spans only " + str(std::int64_t{lastOffsetDelta()} + 1) +
                              " offsets");
  }
  if (compression() == CompressionCodec::kNone &&
      static_cast<std::size_t>(count) * kMinRecordSize > recordsPayload().size()) {
    return Status::corruption("record batch at offset " + str(baseOffset()) + " claims " + str(count) +
                              " records in only " + str(static_cast<std::int64_t>(recordsPayload().size())) +
                              " bytes");
  }
  return Status::ok();
}

Status RecordBatchView::validateRecords(std::size_t maxDecompressedBytes) const {
  RUNNEL_RETURN_IF_ERROR(validate());
  RecordIterator it(*this, maxDecompressedBytes);
  Record record;
  std::int64_t seen = 0;
  std::int64_t previous = baseOffset() - 1;
  while (it.next(record)) {
    if (record.offset <= previous || record.offset > lastOffset()) {
      return Status::corruption("record offset " + str(record.offset) + " is out of order or outside batch [" +
                                str(baseOffset()) + ", " + str(lastOffset()) + "]");
    }
    previous = record.offset;
    ++seen;
  }
  RUNNEL_RETURN_IF_ERROR(it.status());
  if (seen != recordCount()) {
    return Status::corruption("record batch at offset " + str(baseOffset()) + " claims " + str(recordCount()) +
                              " records but holds " + str(seen));
  }
  return Status::ok();
}

Status validateBatch(ByteView bytes) {
  RUNNEL_ASSIGN_OR_RETURN(RecordBatchView view, RecordBatchView::parse(bytes));
  if (view.sizeInBytes() != bytes.size()) {
    return Status::corruption("record batch is " + str(static_cast<std::int64_t>(view.sizeInBytes())) +
                              " bytes by its length field but " +
                              str(static_cast<std::int64_t>(bytes.size())) + " were given");
  }
  return view.validate();
}

Result<std::vector<RecordBatchView>> splitBatches(ByteView bytes, bool allowPartialTail) {
  std::vector<RecordBatchView> batches;
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    const ByteView rest = bytes.subspan(pos);
    if (allowPartialTail) {
      if (rest.size() < kLogOverhead) break;
      const auto length = static_cast<std::int32_t>(loadBigEndian32(rest.data() + kBatchLengthOffset));
      if (length >= 0 && kLogOverhead + static_cast<std::size_t>(length) > rest.size()) break;
    }
    auto view = RecordBatchView::parse(rest);
    if (!view.isOk()) {
      return view.status().withContext("batch at byte " + str(static_cast<std::int64_t>(pos)));
    }
    batches.push_back(*view);
    pos += view->sizeInBytes();
  }
  return batches;
}

}  // namespace runnel::record
