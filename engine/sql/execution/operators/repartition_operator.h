// RepartitionOperator: the first half of a GROUP BY on a new key, as ksqlDB does it — computes
// the grouping key and writes the row to the query's internal repartition topic keyed by it, so
// all rows of one key meet in one partition (and one stage-1 task) however the source was keyed.
// The value carries every source column as JSON, the record keeps ROWTIME as its timestamp and
// names the input record it came from (repartition_origin.h) so stage 1 can drop replays.
// repartitionSource() describes that topic for the second stage's SourceOperator.
// Runs on the query's thread.
#pragma once

#include <string>
#include <vector>

#include "engine/client/producer.h"
#include "engine/sql/catalog/source_info.h"
#include "engine/sql/execution/exec_context.h"
#include "engine/sql/execution/operator.h"

namespace runnel::sql {

class RepartitionOperator final : public Operator {
 public:
  RepartitionOperator(SourceInfo internal, std::vector<BoundExprPtr> keys,
                      client::Producer& producer, ExecContext& context);
  void process(Row row) override;

 private:
  SourceInfo internal_;
  std::vector<BoundExprPtr> keys_;
  std::vector<Column> keyColumns_;
  std::vector<Column> valueColumns_;
  client::Producer& producer_;
  ExecContext& context_;
  // The origin of the last row written, to number the rows one input record produces.
  std::uint8_t lastInput_ = 0;
  std::int32_t lastPartition_ = -1;
  std::int64_t lastOffset_ = -1;
  std::int32_t sequence_ = 0;
};

// The internal topic as a source: every column of `input` as a JSON value column, the grouping
// key in KAFKA format when it is one primitive (JSON otherwise).
SourceInfo repartitionSource(const std::string& topic, const Schema& input,
                             const std::vector<BoundExprPtr>& keys);

}  // namespace runnel::sql
