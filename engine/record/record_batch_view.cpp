#include "engine/record/record_batch_view.h"

#include <string>

#include "engine/common/crc32c.h"
#include "engine/common/varint.h"

namespace runnel::record {
namespace {

std::string str(std::int64_t v) {
  return std::to_string(v);
}

std::string hex32(std::uint32_t v) {
  std::uint8_t b[4];
  storeBigEndian32(b, v);
  return toHex(b);
}

}  // namespace

Result<RecordBatchView> RecordBatchView::parse(ByteView bytes) {
  if (bytes.size() < kBatchHeaderSize) {
    return Status::corruption(
        "record batch is truncated: " + str(static_cast<std::int64_t>(bytes.size())) +
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
    return Status::corruption("record batch is truncated: batchLength says " +
                              str(static_cast<std::int64_t>(total)) + " bytes, only " +
                              str(static_cast<std::int64_t>(bytes.size())) + " present");
  }
  return RecordBatchView(bytes.first(total));
}

std::uint32_t RecordBatchView::computeCrc() const {
  return crc32c::value(bytes_.subspan(kCrcCoveredFrom));
}

Status RecordBatchView::validate() const {
  const std::uint32_t actual = computeCrc();
  if (actual != crc()) {
    return Status::corruption("record batch at offset " + str(baseOffset()) +
                              " has a bad CRC (stored " + hex32(crc()) + ", computed " +
                              hex32(actual) + ")");
  }
  if ((attributes() & kCompressionCodecMask) > kMaxCompressionCodecId) {
    return Status::corruption("record batch at offset " + str(baseOffset()) +
                              " uses unknown compression codec " +
                              str(attributes() & kCompressionCodecMask));
  }
  if (lastOffsetDelta() < 0) {
    return Status::corruption("record batch at offset " + str(baseOffset()) +
                              " has negative lastOffsetDelta " + str(lastOffsetDelta()));
  }
  if (baseOffset() < 0 || baseOffset() > INT64_MAX - lastOffsetDelta()) {
    return Status::corruption("record batch has impossible base offset " + str(baseOffset()));
  }
  const std::int64_t count = recordCount();
  if (count < 0 || count > static_cast<std::int64_t>(lastOffsetDelta()) + 1) {
    return Status::corruption("record batch at offset " + str(baseOffset()) + " claims " +
                              str(count) + " records but spans only " +
                              str(std::int64_t{lastOffsetDelta()} + 1) + " offsets");
  }
  if (compression() == CompressionCodec::kNone &&
      static_cast<std::size_t>(count) * kMinRecordSize > recordsPayload().size()) {
    return Status::corruption("record batch at offset " + str(baseOffset()) + " claims " +
                              str(count) + " records in only " +
                              str(static_cast<std::int64_t>(recordsPayload().size())) + " bytes");
  }
  return Status::ok();
}

Status RecordBatchView::validateRecords(std::size_t maxDecompressedBytes) const {
  RUNNEL_RETURN_IF_ERROR(validate());
  return checkRecords(maxDecompressedBytes);
}

namespace {

// Walks the encoded records without materialising them: the leader runs this over every
// produced batch, so it is kept to varint decoding and bounds checks.
class RecordWalker {
 public:
  RecordWalker(const std::uint8_t* p, const std::uint8_t* end) : p_(p), end_(end) {}

  // Skips one record; false (with `why` set) if it is malformed. `offsetDelta` gets its delta.
  bool skipRecord(std::int32_t& offsetDelta, std::string& why) {
    std::int32_t length = 0;
    if (!varint(length)) return bad(why, "record length is truncated");
    if (length < 0 || length > end_ - p_)
      return bad(why,
                 "record length " + std::to_string(length) + " runs past the end of the batch");
    const std::uint8_t* recordEnd = p_ + length;
    const std::uint8_t* outerEnd = end_;
    end_ = recordEnd;
    std::int64_t timestampDelta = 0;
    std::int32_t headerCount = 0;
    const bool ok = p_ < end_ && (++p_, varlong(timestampDelta)) && varint(offsetDelta) &&
                    nullableBytes(true) && nullableBytes(true) && varint(headerCount) &&
                    headerCount >= 0 && headers(headerCount);
    end_ = outerEnd;
    if (!ok) return bad(why, "record fields are malformed or run past the record's length");
    if (p_ != recordEnd) return bad(why, "record has bytes left over after its headers");
    return true;
  }
  bool atEnd() const { return p_ == end_; }

 private:
  static bool bad(std::string& why, std::string what) {
    why = std::move(what);
    return false;
  }
  bool varint(std::int32_t& v) {
    const std::size_t n = decodeVarint(p_, end_, &v);
    p_ += n;
    return n > 0;
  }
  bool varlong(std::int64_t& v) {
    const std::size_t n = decodeVarlong(p_, end_, &v);
    p_ += n;
    return n > 0;
  }
  bool nullableBytes(bool nullable) {
    std::int32_t len = 0;
    if (!varint(len)) return false;
    if (len == -1) return nullable;
    if (len < 0 || len > end_ - p_) return false;
    p_ += len;
    return true;
  }
  bool headers(std::int32_t count) {
    for (std::int32_t i = 0; i < count; ++i) {
      if (!nullableBytes(false) || !nullableBytes(true)) return false;
    }
    return true;
  }

  const std::uint8_t* p_;
  const std::uint8_t* end_;
};

}  // namespace

Status RecordBatchView::checkRecords(std::size_t maxDecompressedBytes) const {
  ByteView payload = recordsPayload();
  Bytes decompressed;
  if (compression() != CompressionCodec::kNone) {
    Status s = decompress(compression(), payload, decompressed, maxDecompressedBytes);
    if (!s.isOk()) return s.withContext("record batch at offset " + str(baseOffset()));
    payload = decompressed;
  }
  RecordWalker walker(payload.data(), payload.data() + payload.size());
  std::string why;
  std::int64_t previous = -1;
  const std::int32_t count = recordCount();
  for (std::int32_t i = 0; i < count; ++i) {
    std::int32_t delta = 0;
    if (!walker.skipRecord(delta, why)) {
      return Status::corruption("record batch at offset " + str(baseOffset()) + ": record " +
                                str(i) + ": " + why);
    }
    if (delta <= previous || delta > lastOffsetDelta()) {
      return Status::corruption("record offset " + str(baseOffset() + delta) +
                                " is out of order or outside batch [" + str(baseOffset()) + ", " +
                                str(lastOffset()) + "]");
    }
    previous = delta;
  }
  if (!walker.atEnd()) {
    return Status::corruption("record batch at offset " + str(baseOffset()) + " claims " +
                              str(count) + " records but has bytes left over after them");
  }
  return Status::ok();
}

Status validateBatch(ByteView bytes) {
  RUNNEL_ASSIGN_OR_RETURN(RecordBatchView view, RecordBatchView::parse(bytes));
  if (view.sizeInBytes() != bytes.size()) {
    return Status::corruption("record batch is " +
                              str(static_cast<std::int64_t>(view.sizeInBytes())) +
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
      const auto length =
          static_cast<std::int32_t>(loadBigEndian32(rest.data() + kBatchLengthOffset));
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
