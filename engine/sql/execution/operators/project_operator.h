// ProjectOperator: computes the SELECT list. Table changes project the row they replace too, so
// later steps still see both. A tombstone keeps its key columns (computed from the key slots)
// and NULL values.
// Runs on the query's thread.
#pragma once

#include <vector>

#include "engine/sql/execution/operator.h"

namespace runnel::sql {

class ProjectOperator final : public Operator {
 public:
  explicit ProjectOperator(std::vector<BoundExprPtr> expressions)
      : expressions_(std::move(expressions)) {}
  void process(Row row) override;

 private:
  std::vector<Value> project(const Row& row) const;

  std::vector<BoundExprPtr> expressions_;
};

}  // namespace runnel::sql
