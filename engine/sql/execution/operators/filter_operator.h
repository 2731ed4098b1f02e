// FilterOperator: WHERE on streams and tables, and HAVING after an aggregation. On a stream a
// row passes when the predicate is TRUE. On a table a change is judged with the row it
// replaces: a row that stops matching becomes a delete (tombstone) of what was emitted before;
// a change where neither the new nor the old row matches emits nothing.
// Runs on the query's thread.
#pragma once

#include "engine/sql/execution/operator.h"

namespace runnel::sql {

class FilterOperator final : public Operator {
 public:
  FilterOperator(BoundExprPtr predicate, bool table)
      : predicate_(std::move(predicate)), table_(table) {}
  void process(Row row) override;

 private:
  bool passes(const Row& row) const {
    return !row.tombstone && evaluatePredicate(*predicate_, row.context());
  }

  BoundExprPtr predicate_;
  bool table_;
};

}  // namespace runnel::sql
