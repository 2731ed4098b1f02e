// Row: one record flowing between operators — values in the slot order of the stage that made
// it, the record's metadata (ROWTIME, partition, offset), its window, and for table changes
// whether it deletes the key (a tombstone) plus the row it replaces, so downstream filters can
// turn "no longer matches" into a delete, as Kafka Streams' table filters do with old values.
// A plain value; rows are moved through the operator chain on one thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "engine/sql/binder/bound_expr.h"

namespace runnel::sql {

struct Row {
  std::vector<Value> values;
  std::int64_t rowtime = 0;
  std::int32_t partition = 0;
  std::int64_t offset = 0;
  std::optional<WindowBounds> window;
  bool tombstone = false;
  std::shared_ptr<const Row> prior;  // tables: the row this change replaces (null when new)

  RowContext context() const { return RowContext{values, rowtime, partition, offset, window}; }
};

}  // namespace runnel::sql
