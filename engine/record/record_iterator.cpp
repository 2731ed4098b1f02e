#include "engine/record/record_iterator.h"

#include <string>

#include "engine/common/byte_writer.h"

namespace runnel::record {

RecordIterator::RecordIterator(const RecordBatchView& batch, std::size_t maxDecompressedBytes)
    : batch_(batch), remaining_(batch.recordCount()) {
  ByteView payload = batch.recordsPayload();
  if (batch.compression() != CompressionCodec::kNone) {
    status_ = decompress(batch.compression(), payload, decompressed_, maxDecompressedBytes);
    if (!status_.isOk()) {
      status_ = status_.withContext("record batch at offset " + std::to_string(batch.baseOffset()));
      remaining_ = 0;
      return;
    }
    payload = decompressed_;
  }
  pos_ = payload.data();
  end_ = payload.data() + payload.size();
}

bool RecordIterator::fail(std::string_view what) {
  status_ = Status::corruption("record batch at offset " + std::to_string(batch_.baseOffset()) +
                               ": " + std::string(what));
  remaining_ = 0;
  return false;
}

bool RecordIterator::next(Record& record) {
  if (!status_.isOk()) return false;
  if (remaining_ <= 0) {
    if (pos_ != end_) return fail("bytes left over after the last record");
    return false;
  }
  std::int32_t length = 0;
  const std::size_t n = decodeVarint(pos_, end_, &length);
  if (n == 0) return fail("record length is truncated");
  pos_ += n;
  if (length < 0 || static_cast<std::size_t>(length) > static_cast<std::size_t>(end_ - pos_)) {
    return fail("record length " + std::to_string(length) + " runs past the end of the batch");
  }
  ByteReader r(ByteView(pos_, static_cast<std::size_t>(length)));
  pos_ += length;

  record.attributes = r.getInt8();
  const std::int64_t timestampDelta = r.getVarlong();
  const std::int32_t offsetDelta = r.getVarint();
  const auto readNullable = [&r](std::optional<ByteView>& out) {
    const std::int32_t len = r.getVarint();
    if (len < -1) {
      r.fail();
    } else if (len == -1) {
      out.reset();
    } else {
      out = r.getBytes(static_cast<std::size_t>(len));
    }
  };
  readNullable(record.key);
  readNullable(record.value);
  const std::int32_t headerCount = r.getVarint();
  if (headerCount < 0 || static_cast<std::size_t>(headerCount) > r.remaining() / 2) {
    return fail("record has an impossible header count " + std::to_string(headerCount));
  }
  record.headers.clear();
  for (std::int32_t i = 0; i < headerCount && r.ok(); ++i) {
    RecordHeader h;
    const std::int32_t keyLen = r.getVarint();
    if (keyLen < 0) return fail("record header has a null or negative key length");
    h.key = asChars(r.getBytes(static_cast<std::size_t>(keyLen)));
    readNullable(h.value);
    record.headers.push_back(h);
  }
  if (!r.ok()) return fail("record fields run past the record's length");
  if (r.remaining() != 0) return fail("record has bytes left over after its headers");

  record.offset = batch_.baseOffset() + offsetDelta;
  record.timestamp = batch_.timestampType() == TimestampType::kLogAppendTime
                         ? batch_.maxTimestamp()
                         : batch_.baseTimestamp() + timestampDelta;
  --remaining_;
  return true;
}

}  // namespace runnel::record
