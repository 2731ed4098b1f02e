// Operator: one step of a running query's pipeline (one per file under operators/). Rows are
// pushed: process() handles a row and emits zero or more rows to the next operator.
// advanceTime() tells operators that an input partition's stream time moved, so windowed
// operators can close windows (EMIT FINAL) and expire state.
// Ownership: a QueryRuntime owns its operators and wires them; all run on the query's thread.
#pragma once

#include <cstdint>

#include "engine/sql/execution/row.h"

namespace runnel::sql {

class Operator {
 public:
  virtual ~Operator() = default;
  virtual void process(Row row) = 0;
  virtual void advanceTime(std::int32_t partition, std::int64_t streamTimeMs) {
    if (next_) next_->advanceTime(partition, streamTimeMs);
  }
  void setNext(Operator* next) { next_ = next; }

 protected:
  void forward(Row row) {
    if (next_) next_->process(std::move(row));
  }
  Operator* next_ = nullptr;
};

}  // namespace runnel::sql
