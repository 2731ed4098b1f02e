// ResultSink: where a push query's rows go — the studio's result grid and runnel-sql's printer
// implement it. Rows arrive in SELECT order with their window and, for table results, whether
// the row deletes its key (a tombstone), so a consumer can show the changelog or the current
// table. Called on the query's thread: implementations hand rows to their own thread.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/common/status.h"
#include "engine/sql/types/schema.h"
#include "engine/sql/types/value.h"
#include "engine/sql/types/window.h"

namespace runnel::sql {

struct ResultRow {
  std::vector<Value> values;  // SELECT order
  std::optional<WindowBounds> window;
  bool tombstone = false;
  std::int64_t rowtime = 0;
};

class ResultSink {
 public:
  virtual ~ResultSink() = default;
  // The result's columns (roles mark the key columns), once before any row. `table`: rows are
  // changes to a table (a later row for the same key and window replaces an earlier one).
  virtual void onStart(const std::string& queryId, const Schema& columns, bool table,
                       WindowKind window) {
    (void)queryId, (void)columns, (void)table, (void)window;
  }
  virtual void onRow(const ResultRow& row) = 0;
  // The query ended: LIMIT reached, terminated (OK) or failed.
  virtual void onEnd(const Status& status) { (void)status; }
};

}  // namespace runnel::sql
