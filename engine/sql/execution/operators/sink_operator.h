// SinkOperator: writes a persistent query's rows to its sink topic through the client
// Producer — key columns in the key format (windowed keys framed as Kafka Streams frames them,
// and partitioned by the unwindowed key as its WindowedStreamPartitioner does), value columns in
// the value format, tombstones as null values, ROWTIME as the record timestamp.
// Runs on the query's thread; send callbacks run on the producer's thread and only touch the
// context's atomic counters and its locked error list.
#pragma once

#include <vector>

#include "engine/client/producer.h"
#include "engine/sql/catalog/source_info.h"
#include "engine/sql/execution/exec_context.h"
#include "engine/sql/execution/operator.h"

namespace runnel::sql {

class SinkOperator final : public Operator {
 public:
  // `columnSlots[i]` is the row slot that holds the sink schema's column i.
  SinkOperator(SourceInfo sink, std::vector<int> columnSlots, client::Producer& producer,
               ExecContext& context);
  void process(Row row) override;

 private:
  SourceInfo sink_;
  std::vector<int> keySlots_;
  std::vector<int> valueSlots_;
  std::vector<Column> keyColumns_;
  std::vector<Column> valueColumns_;
  client::Producer& producer_;
  ExecContext& context_;
};

// Sends one record and counts its outcome in `context` (shared by the sink and repartition).
void sendCounted(client::Producer& producer, client::ProducerRecord record, ExecContext& context);

}  // namespace runnel::sql
