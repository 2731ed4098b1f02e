// SegmentScanner walks the record batches of a segment file from a byte position, reading the
// file in large blocks through a RandomAccessFile. In header mode it only needs each batch's
// 61-byte header (offset lookups); in whole-batch mode it hands out the complete bytes
// (recovery, CRC checks, compaction). A batch whose framing is impossible, or that runs past
// the end, stops the walk with a Corruption status naming the byte position.
// Borrows the file, which must outlive the scanner. Not thread-safe; one scanner per walk.
#pragma once

#include <cstdint>

#include "engine/common/bytes.h"
#include "engine/common/env.h"
#include "engine/common/result.h"

namespace runnel {

struct ScannedBatch {
  std::uint64_t position = 0;  // of the batch's first byte in the file
  std::uint32_t size = 0;      // whole batch, 12 + batchLength
  std::int64_t baseOffset = 0;
  std::int64_t lastOffset = 0;
  std::int64_t maxTimestamp = 0;
  std::int32_t partitionLeaderEpoch = 0;
  ByteView bytes;  // the whole batch in whole-batch mode, the header otherwise; valid until next()
};

class SegmentScanner {
 public:
  enum class Mode { kHeaders, kWholeBatches };

  SegmentScanner(const RandomAccessFile& file, std::uint64_t from, std::uint64_t end, Mode mode);

  // true: `out` holds the next batch. false: the walk reached `end` exactly.
  // Corruption: the bytes at position() are not a batch (or are cut off by `end`).
  Result<bool> next(ScannedBatch& out);
  // Where the next batch starts (after a Corruption: where the bad one starts).
  std::uint64_t position() const { return pos_; }

 private:
  // Makes [pos, pos + n) available in the buffer; false if the file is shorter.
  Result<bool> ensure(std::uint64_t pos, std::size_t n);

  const RandomAccessFile& file_;
  std::uint64_t pos_;
  const std::uint64_t end_;
  const Mode mode_;
  Bytes buffer_;
  std::uint64_t bufferStart_ = 0;
  std::size_t bufferLength_ = 0;
};

}  // namespace runnel
