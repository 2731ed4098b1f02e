// LimitOperator: passes the first n rows, then marks the query finished (a push query with
// LIMIT ends by itself, as in ksqlDB). Runs on the query's thread.
#pragma once

#include "engine/sql/execution/exec_context.h"
#include "engine/sql/execution/operator.h"

namespace runnel::sql {

class LimitOperator final : public Operator {
 public:
  LimitOperator(std::int64_t limit, ExecContext& context) : remaining_(limit), context_(context) {
    if (remaining_ <= 0) context_.finish();
  }
  void process(Row row) override {
    if (remaining_ <= 0) return;
    forward(std::move(row));
    if (--remaining_ == 0) context_.finish();
  }

 private:
  std::int64_t remaining_;
  ExecContext& context_;
};

}  // namespace runnel::sql
