#include "engine/sql/execution/operators/repartition_operator.h"

#include "engine/sql/execution/operators/sink_operator.h"
#include "engine/sql/execution/repartition_origin.h"

namespace runnel::sql {

SourceInfo repartitionSource(const std::string& topic, const Schema& input,
                             const std::vector<BoundExprPtr>& keys) {
  SourceInfo s;
  s.name = topic;
  s.topic = topic;
  s.valueFormat = Format{FormatKind::kJson};
  std::vector<Column> keyColumns;
  for (std::size_t i = 0; i < keys.size(); ++i)
    keyColumns.push_back({"KEY_" + std::to_string(i), keys[i]->type, ColumnRole::kKey});
  s.keyFormat = checkFormatSupports(Format{FormatKind::kKafka}, keyColumns, true).isOk()
                    ? Format{FormatKind::kKafka}
                    : Format{FormatKind::kJson};
  // Source columns keep their slots (the aggregation's expressions read them); the key goes in
  // the record key only, so it is not part of the row.
  for (const auto& c : input.columns)
    s.schema.columns.push_back({c.name, c.type, ColumnRole::kValue});
  return s;
}

RepartitionOperator::RepartitionOperator(SourceInfo internal, std::vector<BoundExprPtr> keys,
                                         client::Producer& producer, ExecContext& context)
    : internal_(std::move(internal)),
      keys_(std::move(keys)),
      producer_(producer),
      context_(context) {
  for (std::size_t i = 0; i < keys_.size(); ++i)
    keyColumns_.push_back({"KEY_" + std::to_string(i), keys_[i]->type, ColumnRole::kKey});
  valueColumns_ = internal_.schema.columns;
}

void RepartitionOperator::process(Row row) {
  std::vector<Value> key;
  const RowContext ctx = row.context();
  for (const auto& k : keys_)
    key.push_back(evaluate(*k, ctx));
  auto keyBytes =
      serializeKey(internal_.keyFormat, keyColumns_, key, WindowKind::kNone, std::nullopt);
  auto value = serializeValue(internal_.valueFormat, valueColumns_, row.values);
  if (!keyBytes || !value) {
    context_.reportError("cannot repartition a row: " +
                         (!keyBytes ? keyBytes.status().message() : value.status().message()));
    context_.counters().skipped.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  client::ProducerRecord record;
  record.topic = internal_.topic;
  record.key = std::move(*keyBytes);
  record.value = std::move(*value);
  record.timestampMs = row.rowtime;
  RepartitionOrigin origin{context_.originInput(), context_.originPartition(),
                           context_.originOffset(), 0};
  if (origin.input == lastInput_ && origin.partition == lastPartition_ &&
      origin.offset == lastOffset_) {
    origin.sequence = ++sequence_;
  } else {
    sequence_ = 0;
    lastInput_ = origin.input;
    lastPartition_ = origin.partition;
    lastOffset_ = origin.offset;
  }
  record.headers.push_back({kRepartitionOriginHeader, toBytes(encodeOrigin(origin))});
  sendCounted(producer_, std::move(record), context_);
}

}  // namespace runnel::sql
