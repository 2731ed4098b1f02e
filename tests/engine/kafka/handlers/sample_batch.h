// A record batch of `records` small keyed records ("value-0", "value-1", …), the payload the
// handler suites produce over the wire. Header-only, for tests.
#pragma once

#include <string>
#include <utility>

#include "engine/common/bytes.h"
#include "engine/record/record_batch_builder.h"

namespace runnel::kafka::testing {

inline Bytes sampleBatch(int records) {
  record::RecordBatchBuilder b(record::RecordBatchOptions{});
  for (int i = 0; i < records; ++i) {
    std::string v = "value-" + std::to_string(i);
    ByteView bytes(reinterpret_cast<const std::uint8_t*>(v.data()), v.size());
    b.append(1'700'000'000'000 + i, bytes, bytes);
  }
  return std::move(b.build()).value();
}

}  // namespace runnel::kafka::testing
