// RecordIterator decodes the records of one RecordBatch v2, decompressing the payload first when
// the batch is compressed. Used by consumers of the in-process client, the log cleaner, offset
// lookup by timestamp and validation. The iterator borrows the batch's bytes (which must outlive
// it) and owns the decompressed copy; Records it yields point into either, so they are valid
// until the iterator is destroyed. Not thread-safe.
#pragma once

#include <cstdint>

#include "engine/common/bytes.h"
#include "engine/common/status.h"
#include "engine/record/record.h"
#include "engine/record/record_batch_view.h"

namespace runnel::record {

class RecordIterator {
 public:
  explicit RecordIterator(const RecordBatchView& batch,
                          std::size_t maxDecompressedBytes = kDefaultMaxDecompressedBytes);

  // Fills `record` with the next record and returns true; returns false at the end or on
  // malformed data, which status() then reports.
  bool next(Record& record);
  const Status& status() const { return status_; }

 private:
  bool fail(std::string_view what);

  RecordBatchView batch_;
  Bytes decompressed_;
  const std::uint8_t* pos_ = nullptr;
  const std::uint8_t* end_ = nullptr;
  std::int32_t remaining_ = 0;  // records still to decode
  Status status_;
};

}  // namespace runnel::record
