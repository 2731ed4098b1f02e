// ResultOperator: hands a push query's rows to its ResultSink (the studio's grid, runnel-sql's
// printer, a test's collector). Runs on the query's thread.
#pragma once

#include "engine/sql/execution/exec_context.h"
#include "engine/sql/execution/operator.h"
#include "engine/sql/execution/result_sink.h"

namespace runnel::sql {

class ResultOperator final : public Operator {
 public:
  ResultOperator(ResultSink& sink, ExecContext& context) : sink_(sink), context_(context) {}
  void process(Row row) override {
    context_.counters().recordsOut.fetch_add(1, std::memory_order_relaxed);
    sink_.onRow(ResultRow{std::move(row.values), row.window, row.tombstone, row.rowtime});
  }

 private:
  ResultSink& sink_;
  ExecContext& context_;
};

}  // namespace runnel::sql
